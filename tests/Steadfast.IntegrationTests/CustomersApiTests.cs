using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Steadfast.IntegrationTests.Infrastructure;

namespace Steadfast.IntegrationTests;

public abstract class CustomersApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    private async Task<(HttpClient Client, JsonElement User)> AsAsync(string role, object? extra = null)
    {
        var user = await app.CreateAsync(role, extra: extra);
        return (await app.ClientForAsync(user.GetProperty("email").GetString()!), user);
    }

    [Fact]
    public async Task Credit_codes_are_checked_normalised_and_unique()
    {
        using var admin = await app.AdminAsync();
        var code = Records.NewCreditCode();
        var fullWidth = string.Concat(code.Select(c => (char)(c + 0xFEE0)));
        var created = await admin.CustomerAsync(extra: new { creditCode = fullWidth.ToLowerInvariant() });
        Assert.Equal(code, created.GetProperty("creditCode").GetString());

        var wrongCheck = code[..17] + (code[17] == '0' ? '1' : '0');
        var bad = await (
            await admin.PostAsJsonAsync("/api/v1/customers", new { name = "校验位错误有限公司", creditCode = wrongCheck })
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["creditCode"], bad.ErrorFields());
        var taken = await (
            await admin.PostAsJsonAsync("/api/v1/customers", new { name = "重复代码有限公司", creditCode = code })
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["creditCode"], taken.ErrorFields());
        Assert.Equal(1, await app.DbAsync(db => db.Set<Steadfast.Customers.Customers.Customer>().CountAsync(c => c.CreditCode == code)));
    }

    [Fact]
    public async Task Updates_need_the_current_version_and_are_audited()
    {
        using var admin = await app.AdminAsync();
        var c = await admin.CustomerAsync();
        var updated = await (
            await admin.PutAsJsonAsync($"/api/v1/customers/{c.Id()}", new { tier = "strategic", version = 1 })
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("strategic", updated.GetProperty("tier").GetString());
        await (await admin.PutAsJsonAsync($"/api/v1/customers/{c.Id()}", new { tier = "normal", version = 1 })).ExpectAsync(
            HttpStatusCode.Conflict
        );
        var audit = await (await admin.GetAsync($"/api/v1/audit?entity=customer&id={c.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(audit.GetProperty("items").EnumerateArray().SelectMany(a => a.GetProperty("changes").EnumerateArray()), ch =>
            ch.GetProperty("field").GetString() == "Tier"
            && ch.GetProperty("old").GetString() == "Normal"
            && ch.GetProperty("new").GetString() == "Strategic"
        );
    }

    [Fact]
    public async Task Search_finds_by_name_credit_code_and_contact_phone()
    {
        using var admin = await app.AdminAsync();
        var code = Records.NewCreditCode();
        var marker = Guid.NewGuid().ToString("N")[..6];
        var c = await admin.CustomerAsync($"无锡{marker}精密有限公司", new { creditCode = code });
        var phone = "139" + Random.Shared.Next(10000000, 99999999);
        await (
            await admin.PostAsJsonAsync(
                $"/api/v1/customers/{c.Id()}/contacts",
                new
                {
                    name = "王工",
                    mobile = phone,
                    role = "technical",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        foreach (var q in new[] { marker, code[..10], code.ToLowerInvariant(), phone[3..] })
        {
            var found = await (await admin.GetAsync($"/api/v1/customers?q={Uri.EscapeDataString(q)}")).ExpectAsync(HttpStatusCode.OK);
            Assert.Contains(found.GetProperty("items").EnumerateArray(), i => i.Id() == c.Id());
        }
    }

    [Fact]
    public async Task Customer_search_index_is_kept_by_triggers_through_renames_and_contact_edits()
    {
        using var admin = await app.AdminAsync();
        var (before, after) = (Guid.NewGuid().ToString("N")[..6], Guid.NewGuid().ToString("N")[..6]);
        var c = await admin.CustomerAsync($"苏州{before}液压有限公司");
        var phone = "137" + Random.Shared.Next(10000000, 99999999);
        var contact = await (
            await admin.PostAsJsonAsync($"/api/v1/customers/{c.Id()}/contacts", new { name = "赵工", mobile = phone })
        ).ExpectAsync(HttpStatusCode.Created);
        async Task<bool> Finds(string q) =>
            (await (await admin.GetAsync($"/api/v1/customers?q={Uri.EscapeDataString(q)}&pageSize=200")).ExpectAsync(HttpStatusCode.OK))
                .GetProperty("items")
                .EnumerateArray()
                .Any(i => i.Id() == c.Id());

        Assert.True(await Finds(before));
        Assert.True(await Finds(phone[2..9]));
        await (
            await admin.PutAsJsonAsync($"/api/v1/customers/{c.Id()}", new { name = $"苏州{after}液压有限公司", version = 1 })
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.False(await Finds(before));
        Assert.True(await Finds(after));
        await (
            await admin.PutAsJsonAsync(
                $"/api/v1/customers/{c.Id()}/contacts/{contact.Id()}",
                new
                {
                    name = "赵工",
                    mobile = "136" + phone[3..],
                    version = contact.GetProperty("version").GetInt64(),
                }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.False(await Finds(phone[..7]));
        Assert.True(await Finds("136" + phone[3..7]));
        // Two characters are below the trigram index and are scanned; wildcards are text, not patterns.
        Assert.True(await Finds(after[..2]));
        Assert.False(await Finds("%"));
        Assert.False(await Finds("_"));

        // The SQLite index lives outside the model, in triggers: a migration that rebuilds the tables drops them.
        if (await app.DbAsync(db => Task.FromResult(db.IsSqlite)))
        {
            var triggers = await app.DbAsync(db =>
                db.Database.SqlQuery<string>($"SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'trigger'").ToListAsync()
            );
            Assert.Superset(
                new HashSet<string>
                {
                    "CustomerText_insert",
                    "CustomerText_delete",
                    "CustomerText_update",
                    "ContactText_insert",
                    "ContactText_delete",
                    "ContactText_update",
                },
                triggers.ToHashSet()
            );
        }
    }

    [Fact]
    public async Task Each_role_sees_only_the_customers_it_may()
    {
        var (salesA, userA) = await AsAsync("Sales");
        var (salesB, _) = await AsAsync("Sales");
        var mine = await salesA.CustomerAsync();
        Assert.Equal(userA.Id(), mine.GetProperty("ownerId").GetString());
        var theirs = await salesB.CustomerAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await salesA.GetAsync($"/api/v1/customers/{theirs.Id()}")).StatusCode);
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await salesA.PutAsJsonAsync($"/api/v1/customers/{theirs.Id()}", new { name = "x", version = 1 })).StatusCode
        );
        var list = await (await salesA.GetAsync("/api/v1/customers?pageSize=500")).ExpectAsync(HttpStatusCode.OK);
        Assert.All(list.GetProperty("items").EnumerateArray(), i => Assert.Equal(userA.Id(), i.GetProperty("ownerId").GetString()));

        var (engineer, _) = await AsAsync("Engineer");
        await (await engineer.GetAsync($"/api/v1/customers/{theirs.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await engineer.PostAsJsonAsync("/api/v1/customers", new { name = "工程师不能建客户" })).StatusCode
        );

        var (customerUser, _) = await AsAsync("Customer", new { customerId = mine.GetProperty("id").GetGuid() });
        var own = await (await customerUser.GetAsync("/api/v1/customers")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(mine.Id(), Assert.Single(own.GetProperty("items").EnumerateArray()).Id());
        Assert.Equal(HttpStatusCode.NotFound, (await customerUser.GetAsync($"/api/v1/customers/{theirs.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await customerUser.PostAsJsonAsync("/api/v1/customers", new { name = "x" })).StatusCode);
    }

    [Fact]
    public async Task A_dealer_registers_and_sees_only_its_own_customers()
    {
        using var admin = await app.AdminAsync();
        var dealer = await (
            await admin.PostAsJsonAsync("/api/v1/dealers", new { name = "经销商" + Guid.NewGuid().ToString("N")[..6], region = "四川" })
        ).ExpectAsync(HttpStatusCode.Created);
        var other = await (
            await admin.PostAsJsonAsync("/api/v1/dealers", new { name = "经销商" + Guid.NewGuid().ToString("N")[..6], region = "辽宁" })
        ).ExpectAsync(HttpStatusCode.Created);
        var (dealerClient, _) = await AsAsync("Dealer", new { dealerId = dealer.GetProperty("id").GetGuid() });

        // Even naming another dealer, a dealer registers the customer to itself.
        var registered = await dealerClient.CustomerAsync(extra: new { dealerId = other.GetProperty("id").GetGuid() });
        Assert.Equal(dealer.Id(), registered.GetProperty("dealerId").GetString());
        var foreign = await admin.CustomerAsync(extra: new { dealerId = other.GetProperty("id").GetGuid() });

        var list = await (await dealerClient.GetAsync("/api/v1/customers")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(registered.Id(), Assert.Single(list.GetProperty("items").EnumerateArray()).Id());
        Assert.Equal(HttpStatusCode.NotFound, (await dealerClient.GetAsync($"/api/v1/customers/{foreign.Id()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dealerClient.GetAsync($"/api/v1/customers/{foreign.Id()}/contacts")).StatusCode);
    }

    [Fact]
    public async Task A_private_note_is_seen_by_its_author_only_and_never_in_the_audit_values()
    {
        var (sales, author) = await AsAsync("SalesManager");
        var c = await sales.CustomerAsync();
        var secret = "客户老板私下透露预算只有80万 " + Guid.NewGuid();
        await (
            await sales.PostAsJsonAsync($"/api/v1/customers/{c.Id()}/activities", new { summary = secret, isPrivate = true })
        ).ExpectAsync(HttpStatusCode.Created);
        await (
            await sales.PostAsJsonAsync($"/api/v1/customers/{c.Id()}/activities", new { type = "visit", summary = "拜访设备部" })
        ).ExpectAsync(HttpStatusCode.Created);

        var mine = await (await sales.GetAsync($"/api/v1/customers/{c.Id()}/activities")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, mine.GetProperty("total").GetInt32());

        using var admin = await app.AdminAsync();
        var theirs = await (await admin.GetAsync($"/api/v1/customers/{c.Id()}/activities")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, theirs.GetProperty("total").GetInt32());
        var timeline = await admin.GetStringAsync($"/api/v1/customers/{c.Id()}/timeline");
        Assert.DoesNotContain(secret, timeline, StringComparison.Ordinal);
        var audit = await admin.GetStringAsync("/api/v1/audit?entity=Activity&pageSize=500");
        Assert.DoesNotContain(secret, audit, StringComparison.Ordinal);
        var export = await admin.GetByteArrayAsync("/api/v1/customers/export");
        Assert.DoesNotContain(secret, System.Text.Encoding.UTF8.GetString(export), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_contacted_lists_and_the_heat_map_count_days_since_the_last_contact()
    {
        var (sales, me) = await AsAsync("Sales");
        var quiet = await sales.CustomerAsync();
        var busy = await sales.CustomerAsync();
        await (
            await sales.PostAsJsonAsync($"/api/v1/customers/{busy.Id()}/activities", new { type = "call", summary = "回访" })
        ).ExpectAsync(HttpStatusCode.Created);

        var list = await (await sales.GetAsync($"/api/v1/customers/not-contacted?days=90&ownerId={me.Id()}")).ExpectAsync(
            HttpStatusCode.OK
        );
        var ids = list.GetProperty("items").EnumerateArray().Select(i => i.Id()).ToList();
        Assert.Contains(quiet.Id(), ids);
        Assert.DoesNotContain(busy.Id(), ids);

        var heat = await (await sales.GetAsync("/api/v1/customers/heatmap")).ExpectAsync(HttpStatusCode.OK);
        var row = Assert.Single(heat.EnumerateArray(), h => h.GetProperty("ownerId").GetString() == me.Id());
        Assert.Equal(1, row.GetProperty("within30").GetInt32());
        Assert.Equal(1, row.GetProperty("never").GetInt32());
    }

    [Fact]
    public async Task Duplicates_are_found_after_normalising_and_merge_moves_everything()
    {
        using var admin = await app.AdminAsync();
        var stem = "常州" + Guid.NewGuid().ToString("N")[..5] + "机械";
        var survivor = await admin.CustomerAsync(stem + "有限公司");
        var loser = await admin.CustomerAsync(
            stem + " 股份有限公司",
            new { creditCode = Records.NewCreditCode(), tags = new[] { "复购" } }
        );
        var contact = await (await admin.PostAsJsonAsync($"/api/v1/customers/{loser.Id()}/contacts", new { name = "李经理" })).ExpectAsync(
            HttpStatusCode.Created
        );
        var machine = await admin.MachineAsync(loser, await admin.ProductAsync());

        var groups = await (await admin.GetAsync("/api/v1/customers/duplicates")).ExpectAsync(HttpStatusCode.OK);
        var group = Assert.Single(groups.EnumerateArray(), g => g.GetProperty("customers").EnumerateArray().Any(c => c.Id() == loser.Id()));
        Assert.Contains(group.GetProperty("customers").EnumerateArray(), c => c.Id() == survivor.Id());

        var merged = await (
            await admin.PostAsJsonAsync("/api/v1/customers/merge", new { survivorId = survivor.Id(), loserId = loser.Id() })
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(loser.GetProperty("creditCode").GetString(), merged.GetProperty("creditCode").GetString());
        Assert.Contains("复购", merged.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var contacts = await (await admin.GetAsync($"/api/v1/customers/{survivor.Id()}/contacts")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(contacts.EnumerateArray(), x => x.Id() == contact.Id());
        var m = await (await admin.GetAsync($"/api/v1/equipment/{machine.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(survivor.Id(), m.GetProperty("customerId").GetString());

        // The loser's id still answers, with the survivor.
        var old = await (await admin.GetAsync($"/api/v1/customers/{loser.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(survivor.Id(), old.Id());
        var audit = await admin.GetStringAsync($"/api/v1/audit?entity=customer&id={loser.Id()}");
        Assert.Contains("MergedIntoId", audit, StringComparison.Ordinal);
        await (
            await admin.PostAsJsonAsync("/api/v1/customers/merge", new { survivorId = survivor.Id(), loserId = survivor.Id() })
        ).ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Erp_sync_upserts_by_external_id()
    {
        using var admin = await app.AdminAsync();
        var ext = "ERP-" + Guid.NewGuid().ToString("N")[..8];
        var created = await (
            await admin.PutAsJsonAsync($"/api/v1/customers/by-external-id/{ext}", new { name = "ERP同步客户有限公司", tier = "key" })
        ).ExpectAsync(HttpStatusCode.Created);
        var updated = await (
            await admin.PutAsJsonAsync($"/api/v1/customers/by-external-id/{ext}", new { name = "ERP同步客户有限公司", city = "宁波" })
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(created.Id(), updated.Id());
        Assert.Equal("宁波", updated.GetProperty("city").GetString());
        Assert.Equal("key", updated.GetProperty("tier").GetString());
    }

    [Fact]
    public async Task Export_is_the_filtered_list_with_headers_in_the_users_language()
    {
        using var admin = await app.AdminAsync();
        var marker = Guid.NewGuid().ToString("N")[..6];
        await admin.CustomerAsync($"导出{marker}有限公司", new { tier = "strategic" });
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var response = await admin.GetAsync($"/api/v1/customers/export?q={marker}");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        var row = Assert.Single(rows);
        Assert.Equal($"导出{marker}有限公司", row["客户名称"]);
        Assert.Equal("战略", row["客户等级"]);
    }

    [Fact]
    public async Task Custom_fields_work_on_customers_too()
    {
        using var admin = await app.AdminAsync();
        var key = "scale_" + Guid.NewGuid().ToString("N")[..5];
        await (
            await admin.PostAsJsonAsync(
                "/api/v1/custom-fields",
                new
                {
                    recordType = "customer",
                    key,
                    labelEn = "Staff",
                    labelZh = "员工规模",
                    type = "number",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        var big = await admin.CustomerAsync(extra: new { customFields = new Dictionary<string, object> { [key] = 5000 } });
        await admin.CustomerAsync(extra: new { customFields = new Dictionary<string, object> { [key] = 50 } });
        var bad = await (
            await admin.PostAsJsonAsync(
                "/api/v1/customers",
                new { name = "错误字段有限公司", customFields = new Dictionary<string, object> { [key] = "很多" } }
            )
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal([$"customFields.{key}"], bad.ErrorFields());
        var filtered = await (await admin.GetAsync($"/api/v1/customers?cf.{key}.from=1000")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(big.Id(), Assert.Single(filtered.GetProperty("items").EnumerateArray()).Id());
    }
}

public sealed class CustomersApiTests_Sqlite(SqliteFactory app) : CustomersApiTests<SqliteFactory>(app);

public sealed class CustomersApiTests_Postgres(PostgresFactory app) : CustomersApiTests<PostgresFactory>(app);
