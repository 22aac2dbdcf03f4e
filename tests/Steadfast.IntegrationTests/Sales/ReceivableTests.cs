using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steadfast.IntegrationTests.Automation;
using Steadfast.IntegrationTests.Infrastructure;

namespace Steadfast.IntegrationTests.Sales;

/// <summary>
/// Receipts against a signed plan (partial, several instalments at once, over-payment refused or held as credit, the ERP's
/// key once) and the ageing buckets at their boundary days by the fake clock, reconciling to the fen.
/// </summary>
public abstract class ReceivableTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    [Fact]
    public async Task Receipts_pay_instalments_and_the_ageing_moves_at_the_boundary_days()
    {
        var rep = await app.CreateAsync("Sales");
        using var cr = await app.ClientForAsync(rep.Email());
        var finance = await app.CreateAsync("Finance");
        using var cf = await app.ClientForAsync(finance.Email());
        var customer = await cr.CustomerAsync();
        // Today is 2026-03-02: due 30 days ago is still 0–30; 31 is 31–60; 90 is 61–90; 91 is 90+.
        var c = await cr.ContractAsync(
            new
            {
                title = "设备销售",
                kind = "sales",
                customerId = customer.Id(),
                startsOn = "2025-11-01",
                endsOn = "2026-10-31",
                amount = 1_000_00 + 2_000_00 + 3_000_00 + 4_000_00 + 5_000_00,
                instalments = new object[]
                {
                    new
                    {
                        name = "一期",
                        fixedOn = "2026-01-31",
                        amount = 1_000_00,
                    },
                    new
                    {
                        name = "二期",
                        fixedOn = "2026-01-30",
                        amount = 2_000_00,
                    },
                    new
                    {
                        name = "三期",
                        fixedOn = "2025-12-02",
                        amount = 3_000_00,
                    },
                    new
                    {
                        name = "四期",
                        fixedOn = "2025-12-01",
                        amount = 4_000_00,
                    },
                    new
                    {
                        name = "尾款",
                        fixedOn = "2026-03-03",
                        amount = 5_000_00,
                    },
                },
            }
        );
        // Not signed: nothing is owed yet.
        var empty = await (await cf.GetAsync($"/api/v1/receivables/ageing?customerId={customer.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(empty.GetProperty("rows").EnumerateArray());
        c = await cr.SignedAsync(c, signedOn: "2025-11-01");

        var row = await cf.AgeingAsync(customer);
        Assert.Equal(5_000_00, row.Fen("notDue"));
        Assert.Equal(1_000_00, row.Fen("days0To30"));
        Assert.Equal(2_000_00, row.Fen("days31To60"));
        Assert.Equal(3_000_00, row.Fen("days61To90"));
        Assert.Equal(4_000_00, row.Fen("over90"));
        Assert.Equal(15_000_00, row.Fen("total"));
        Assert.Equal(customer.GetProperty("name").GetString(), row.GetProperty("name").GetString());

        // A day later each boundary instalment moves up a bucket, and the last falls due (0 days overdue).
        app.Clock.Advance(TimeSpan.FromDays(1));
        using var cf2 = await app.ClientForAsync(finance.Email());
        using var cr2 = await app.ClientForAsync(rep.Email());
        row = await cf2.AgeingAsync(customer);
        Assert.Equal(5_000_00, row.Fen("days0To30"));
        Assert.Equal(1_000_00 + 2_000_00, row.Fen("days31To60"));
        Assert.Equal(0, row.Fen("days61To90"));
        Assert.Equal(3_000_00 + 4_000_00, row.Fen("over90"));
        Assert.Equal(0, row.Fen("notDue"));

        // A partial receipt split by hand; then one paying two instalments oldest first.
        var partial = await (
            await cf2.PostAsJsonAsync(
                "/api/v1/receivables/receipts",
                new
                {
                    customerId = customer.Id(),
                    receivedOn = "2026-03-03",
                    amount = 1_500_00,
                    reference = "工行 0042",
                    allocations = new[]
                    {
                        new { instalmentId = c.Instalment(0).Id(), amount = 1_000_00 },
                        new { instalmentId = c.Instalment(1).Id(), amount = 500_00 },
                    },
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(2, partial.GetProperty("allocations").GetArrayLength());
        Assert.Equal(0, partial.Fen("credit"));
        var oldestFirst = await (
            await cf2.PostAsJsonAsync(
                "/api/v1/receivables/receipts",
                new
                {
                    customerId = customer.Id(),
                    receivedOn = "2026-03-03",
                    amount = 5_000_00,
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(
            [c.Instalment(3).Id(), c.Instalment(2).Id()],
            oldestFirst.GetProperty("allocations").EnumerateArray().Select(a => a.GetProperty("instalmentId").GetString())
        );
        var detail = await (await cr2.GetAsync($"/api/v1/contracts/{c.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(6_500_00, detail.Fen("received"));
        Assert.Equal(0, detail.Instalment(0).Fen("open"));
        Assert.Equal("2026-03-03", detail.Instalment(0).GetProperty("paidOn").GetString());
        Assert.Equal(1_500_00, detail.Instalment(1).Fen("open"));
        Assert.Equal(2_000_00, detail.Instalment(2).Fen("open"));

        // More than is open: refused by field, nothing written; as credit it is held for the customer.
        var open = 15_000_00 - 6_500_00;
        var over = await (
            await cf2.PostAsJsonAsync(
                "/api/v1/receivables/receipts",
                new
                {
                    customerId = customer.Id(),
                    receivedOn = "2026-03-03",
                    amount = open + 1,
                }
            )
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["amount"], over.ErrorFields());
        Assert.Equal(open, (await cf2.AgeingAsync(customer)).Fen("total"));
        var tooMuch = await (
            await cf2.PostAsJsonAsync(
                "/api/v1/receivables/receipts",
                new
                {
                    customerId = customer.Id(),
                    receivedOn = "2026-03-03",
                    amount = 100_00,
                    allocations = new[] { new { instalmentId = c.Instalment(0).Id(), amount = 100_00 } },
                }
            )
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["allocations[0].instalmentId"], tooMuch.ErrorFields());
        foreach (var amount in new long[] { 0, -5 })
        {
            var negative = await (
                await cf2.PostAsJsonAsync(
                    "/api/v1/receivables/receipts",
                    new
                    {
                        customerId = customer.Id(),
                        receivedOn = "2026-03-03",
                        amount,
                    }
                )
            ).ExpectAsync(HttpStatusCode.BadRequest);
            Assert.Equal(["amount"], negative.ErrorFields());
        }
        var credit = await (
            await cf2.PutAsJsonAsync(
                "/api/v1/receivables/receipts/by-external-id/ERP-R-1",
                new
                {
                    customerId = customer.Id(),
                    receivedOn = "2026-03-03",
                    amount = open + 1_00,
                    asCredit = true,
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(1_00, credit.Fen("credit"));
        // The ERP sends it again: the same receipt, not a second one.
        var again = await (
            await cf2.PutAsJsonAsync(
                "/api/v1/receivables/receipts/by-external-id/ERP-R-1",
                new
                {
                    customerId = customer.Id(),
                    receivedOn = "2026-03-03",
                    amount = open + 1_00,
                    asCredit = true,
                }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(credit.Id(), again.Id());
        var paid = await (await cf2.GetAsync($"/api/v1/receivables/ageing?customerId={customer.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(paid.GetProperty("rows").EnumerateArray());
        detail = await (await cr2.GetAsync($"/api/v1/contracts/{c.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(15_000_00, detail.Fen("received"));
        Assert.Equal(detail.GetProperty("instalments").EnumerateArray().Sum(i => i.Fen("paid")), detail.Fen("received"));
    }

    [Fact]
    public async Task The_ageing_groups_by_owner_and_region_and_its_totals_reconcile_with_the_instalments()
    {
        var rep = await app.CreateAsync("Sales");
        using var cr = await app.ClientForAsync(rep.Email());
        var finance = await app.CreateAsync("Finance");
        using var cf = await app.ClientForAsync(finance.Email());
        var province = SalesKit.Province();
        long expected = 0;
        for (var n = 1; n <= 3; n++)
        {
            var customer = await cr.CustomerAsync(extra: new { province });
            var c = await cr.ContractAsync(
                new
                {
                    title = $"合同 {n}",
                    kind = "sales",
                    customerId = customer.Id(),
                    startsOn = "2026-01-01",
                    endsOn = "2026-12-31",
                    amount = n * 1_234_56,
                    instalments = new[]
                    {
                        new
                        {
                            name = "全款",
                            fixedOn = "2026-02-01",
                            amount = n * 1_234_56,
                        },
                    },
                }
            );
            await cr.SignedAsync(c, signedOn: "2026-01-01");
            expected += n * 1_234_56;
        }
        var byRegion = await (
            await cf.GetAsync($"/api/v1/receivables/ageing?by=region&region={Uri.EscapeDataString(province)}")
        ).ExpectAsync(HttpStatusCode.OK);
        var region = Assert.Single(byRegion.GetProperty("rows").EnumerateArray());
        Assert.Equal(province, region.GetProperty("key").GetString());
        Assert.Equal(expected, region.Fen("days0To30") + region.Fen("days31To60"));
        Assert.Equal(expected, byRegion.GetProperty("totals").Fen("total"));
        var byOwner = await (await cf.GetAsync($"/api/v1/receivables/ageing?by=owner&ownerId={rep.Id()}")).ExpectAsync(HttpStatusCode.OK);
        var owner = Assert.Single(byOwner.GetProperty("rows").EnumerateArray());
        Assert.Equal("Test Sales", owner.GetProperty("name").GetString());
        Assert.Equal(expected, owner.Fen("total"));
        var bad = await (await cf.GetAsync("/api/v1/receivables/ageing?by=planet")).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["by"], bad.ErrorFields());
    }
}

public sealed class ReceivableTests_Sqlite(SqliteFactory app) : ReceivableTests<SqliteFactory>(app);

public sealed class ReceivableTests_Postgres(PostgresFactory app) : ReceivableTests<PostgresFactory>(app);

/// <summary>The shipped reminder ladder on an instalment, and a service contract's renewal from the list to its signature.</summary>
public abstract class ReminderTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    private static bool Mentions(JsonElement n, string text) => n.GetRawText().Contains(text, StringComparison.Ordinal);

    private async Task StepAsync(int days)
    {
        app.Clock.Advance(TimeSpan.FromDays(days));
        await app.DrainAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await app.DrainAsync();
    }

    [Fact]
    public async Task An_open_instalment_is_reminded_before_on_and_after_its_due_date_up_the_ladder()
    {
        var manager = await app.CreateAsync("SalesManager");
        var rep = await app.CreateAsync("Sales");
        var finance = await app.CreateAsync("Finance");
        using var cr = await app.ClientForAsync(rep.Email());
        var customer = await cr.CustomerAsync();
        var c = await cr.ContractAsync(
            new
            {
                title = "备件包年",
                kind = "sales",
                customerId = customer.Id(),
                startsOn = "2026-03-01",
                endsOn = "2027-02-28",
                amount = 8_000_00,
                instalments = new[]
                {
                    new
                    {
                        name = "年费",
                        fixedOn = "2026-03-20",
                        amount = 8_000_00,
                    },
                },
            }
        );
        var number = c.GetProperty("number").GetString()!;
        await cr.SignedAsync(c);
        await StepAsync(12); // 03-14: seven days ahead has passed.
        Assert.Contains(await app.NotificationsAsync(rep.Email()), n => Mentions(n, number) && Mentions(n, "falls due"));
        Assert.Contains(await app.NotificationsAsync(finance.Email()), n => Mentions(n, number));
        Assert.DoesNotContain(await app.NotificationsAsync(manager.Email()), n => Mentions(n, number));
        await StepAsync(8); // 03-22: overdue.
        Assert.Contains(await app.NotificationsAsync(rep.Email()), n => Mentions(n, number) && Mentions(n, "was due"));
        await StepAsync(14); // 04-05: 15 days overdue, the sales manager hears of it.
        Assert.Contains(await app.NotificationsAsync(manager.Email()), n => Mentions(n, number));
        // Paid in full: the 30-day step finds nothing open and says nothing.
        using var cf = await app.ClientForAsync(finance.Email());
        await (
            await cf.PostAsJsonAsync(
                "/api/v1/receivables/receipts",
                new
                {
                    customerId = customer.Id(),
                    receivedOn = "2026-04-05",
                    amount = 8_000_00,
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        var before = (await app.NotificationsAsync(finance.Email())).Count(n => Mentions(n, number));
        await StepAsync(16);
        Assert.Equal(before, (await app.NotificationsAsync(finance.Email())).Count(n => Mentions(n, number)));
    }
}

public sealed class ReminderTests_Sqlite(SqliteFactory app) : ReminderTests<SqliteFactory>(app);

public sealed class ReminderTests_Postgres(PostgresFactory app) : ReminderTests<PostgresFactory>(app);

/// <summary>A service contract's renewal: listed, tasked by the shipped rule, drafted with the uplift, signed, counted.</summary>
public abstract class RenewalTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    [Fact]
    public async Task A_service_contract_due_to_end_is_listed_tasked_renewed_and_counted_in_the_renewal_rate()
    {
        var rep = await app.CreateAsync("Sales");
        using var cr = await app.ClientForAsync(rep.Email());
        var customer = await cr.CustomerAsync();
        var c = await cr.ContractAsync(
            new
            {
                title = "年度维保",
                kind = "service",
                serviceKind = "annualMaintenance",
                customerId = customer.Id(),
                startsOn = "2025-05-11",
                endsOn = "2026-05-10",
                amount = 20_000_00,
                visitsPerYear = 2,
                labourPercent = 100,
                instalments = new[]
                {
                    new
                    {
                        name = "年费",
                        dueFrom = "signing",
                        amount = 20_000_00,
                    },
                },
            }
        );
        c = await cr.SignedAsync(c, signedOn: "2025-05-08");
        Assert.Equal("active", c.GetProperty("status").GetString());
        // Sixty days before the end (03-11, 08:00) the shipped rule gives the owner a renewal task.
        app.Clock.Advance(TimeSpan.FromDays(9));
        await app.DrainAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await app.DrainAsync();
        using var later = await app.ClientForAsync(rep.Email());
        var list = await (await later.GetAsync("/api/v1/contracts/renewals?mine=true")).ExpectAsync(HttpStatusCode.OK);
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(60, item.GetProperty("daysLeft").GetInt32());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("renewalId").ValueKind);
        var tasks = await (await later.GetAsync($"/api/v1/tasks?recordId={c.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(tasks.GetProperty("items").EnumerateArray(), t =>
            t.GetProperty("title").GetString()!.Contains(c.GetProperty("number").GetString()!, StringComparison.Ordinal)
        );

        var next = await (await later.PostAsJsonAsync($"/api/v1/contracts/{c.Id()}/renew", new { upliftPercent = 5 })).ExpectAsync(
            HttpStatusCode.Created
        );
        Assert.Equal("2026-05-11", next.GetProperty("startsOn").GetString());
        Assert.Equal("2027-05-10", next.GetProperty("endsOn").GetString());
        Assert.Equal(21_000_00, next.Fen("amount"));
        Assert.Equal(21_000_00, next.Instalment(0).Fen("amount"));
        Assert.Equal(2, next.GetProperty("visitsPerYear").GetInt32());
        Assert.Equal(c.Id(), next.GetProperty("renewalOfId").GetString());
        await (await later.PostAsJsonAsync($"/api/v1/contracts/{c.Id()}/renew", new { })).ExpectAsync(HttpStatusCode.Conflict);
        await later.SignedAsync(next);
        var old = await (await later.GetAsync($"/api/v1/contracts/{c.Id()}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("renewed", old.GetProperty("status").GetString());
        var rate = await (await later.GetAsync("/api/v1/contracts/renewal-rate?from=2026-05-01&to=2026-05-31")).ExpectAsync(
            HttpStatusCode.OK
        );
        Assert.Equal(1, rate.GetProperty("due").GetInt32());
        Assert.Equal(1, rate.GetProperty("renewed").GetInt32());
        Assert.Equal(100m, rate.GetProperty("rate").GetDecimal());
        await (await later.GetAsync("/api/v1/contracts/renewal-rate?from=2026-05-01&to=2026-04-01")).ExpectAsync(HttpStatusCode.BadRequest);
    }
}

public sealed class RenewalTests_Sqlite(SqliteFactory app) : RenewalTests<SqliteFactory>(app);

public sealed class RenewalTests_Postgres(PostgresFactory app) : RenewalTests<PostgresFactory>(app);
