using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Steadfast.IntegrationTests.Infrastructure;

namespace Steadfast.IntegrationTests;

public abstract class UsersApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    [Fact]
    public async Task Creating_a_user_returns_it_and_audits_every_field()
    {
        var user = await app.CreateAsync("ServiceManager", extra: new { displayName = "王建国" });
        Assert.Equal("王建国", user.GetProperty("displayName").GetString());
        Assert.Equal(1, user.GetProperty("version").GetInt64());
        var id = user.GetProperty("id").GetString()!;

        using var admin = await app.AdminAsync();
        var audit = await (await admin.GetAsync($"/api/v1/audit?entity=user&id={id}")).ExpectAsync(HttpStatusCode.OK);
        var items = audit.GetProperty("items").EnumerateArray().ToList();
        var created = Assert.Single(items, a => a.GetProperty("action").GetString() == "created");
        Assert.Equal(AppFactory.AdminEmail, created.GetProperty("userName").GetString());
        var changes = created
            .GetProperty("changes")
            .EnumerateArray()
            .ToDictionary(c => c.GetProperty("field").GetString()!, c => c.GetProperty("new").GetString());
        Assert.Equal("王建国", changes["DisplayName"]);
        Assert.Equal("***", changes["PasswordHash"]);
        Assert.Contains(items, a =>
            a.GetProperty("changes")
                .EnumerateArray()
                .Any(c => c.GetProperty("field").GetString() == "Role" && c.GetProperty("new").GetString() == "ServiceManager")
        );
    }

    [Fact]
    public async Task Bad_user_input_is_400_naming_each_field_and_writes_nothing()
    {
        using var admin = await app.AdminAsync();
        var before = await app.DbAsync(db => db.Users.CountAsync());
        var problem = await (
            await admin.PostAsJsonAsync(
                "/api/v1/users",
                new
                {
                    email = "not-an-email",
                    displayName = "",
                    password = "short",
                    roles = new[] { "Customer", "Admin", "Wizard" },
                }
            )
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Superset(
            new HashSet<string> { "email", "displayName", "password", "roles", "customerId" },
            problem.ErrorFields().ToHashSet()
        );
        Assert.Equal(before, await app.DbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Duplicate_email_is_rejected()
    {
        var user = await app.CreateAsync("Sales");
        using var admin = await app.AdminAsync();
        var problem = await (
            await admin.PostAsJsonAsync(
                "/api/v1/users",
                new
                {
                    email = user.GetProperty("email").GetString(),
                    displayName = "x",
                    password = AppFactory.Password,
                    roles = new[] { "Sales" },
                }
            )
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("email", problem.ErrorFields());
    }

    [Fact]
    public async Task A_stale_version_is_409_and_the_current_one_updates_with_an_audit_row()
    {
        var user = await app.CreateAsync("Warehouse");
        var id = user.GetProperty("id").GetString();
        using var admin = await app.AdminAsync();

        var updated = await (await admin.PutAsJsonAsync($"/api/v1/users/{id}", new { displayName = "刘洋", version = 1 })).ExpectAsync(
            HttpStatusCode.OK
        );
        Assert.Equal(2, updated.GetProperty("version").GetInt64());

        var stale = await admin.PutAsJsonAsync($"/api/v1/users/{id}", new { displayName = "Someone else", version = 1 });
        await stale.ExpectAsync(HttpStatusCode.Conflict);
        var current = await (await admin.GetAsync($"/api/v1/users/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("刘洋", current.GetProperty("displayName").GetString());

        var audit = await (await admin.GetAsync($"/api/v1/audit?entity=user&id={id}")).ExpectAsync(HttpStatusCode.OK);
        var change = audit
            .GetProperty("items")
            .EnumerateArray()
            .SelectMany(a => a.GetProperty("changes").EnumerateArray())
            .Single(c => c.GetProperty("field").GetString() == "DisplayName" && c.GetProperty("old").ValueKind != JsonValueKind.Null);
        Assert.Equal("Test Warehouse", change.GetProperty("old").GetString());
        Assert.Equal("刘洋", change.GetProperty("new").GetString());
    }

    [Fact]
    public async Task Version_can_come_in_If_Match()
    {
        var user = await app.CreateAsync("Executive");
        using var admin = await app.AdminAsync();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/users/{user.GetProperty("id").GetString()}")
        {
            Content = JsonContent.Create(new { displayName = "孙志强" }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        await (await admin.SendAsync(request)).ExpectAsync(HttpStatusCode.OK);
        var missing = await (
            await admin.PutAsJsonAsync($"/api/v1/users/{user.GetProperty("id").GetString()}", new { displayName = "x" })
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("version", missing.ErrorFields());
    }

    [Fact]
    public async Task Deactivating_a_user_ends_their_tokens_and_sign_in()
    {
        var user = await app.CreateAsync("Engineer");
        var email = user.GetProperty("email").GetString()!;
        using var engineer = await app.ClientForAsync(email);
        await (await engineer.GetAsync("/api/v1/me")).ExpectAsync(HttpStatusCode.OK);

        using var admin = await app.AdminAsync();
        await (
            await admin.PutAsJsonAsync($"/api/v1/users/{user.GetProperty("id").GetString()}", new { isActive = false, version = 1 })
        ).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Unauthorized, (await engineer.GetAsync("/api/v1/me")).StatusCode);
        using var anon = app.CreateClient();
        await (await anon.PostAsJsonAsync("/api/v1/auth/token", new { email, password = AppFactory.Password })).ExpectAsync(
            HttpStatusCode.Forbidden
        );
    }

    [Fact]
    public async Task Reset_password_replaces_the_old_one()
    {
        var user = await app.CreateAsync("Finance");
        var email = user.GetProperty("email").GetString()!;
        using var admin = await app.AdminAsync();
        var weak = await (
            await admin.PostAsJsonAsync($"/api/v1/users/{user.GetProperty("id").GetString()}/reset-password", new { password = "abc" })
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("password", weak.ErrorFields());
        await (
            await admin.PostAsJsonAsync(
                $"/api/v1/users/{user.GetProperty("id").GetString()}/reset-password",
                new { password = "NewSecret99" }
            )
        ).ExpectAsync(HttpStatusCode.NoContent);

        using var anon = app.CreateClient();
        Assert.Equal(
            HttpStatusCode.Unauthorized,
            (await anon.PostAsJsonAsync("/api/v1/auth/token", new { email, password = AppFactory.Password })).StatusCode
        );
        await (await anon.PostAsJsonAsync("/api/v1/auth/token", new { email, password = "NewSecret99" })).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Custom_fields_are_validated_returned_filtered_and_sorted()
    {
        using var admin = await app.AdminAsync();
        var key = "level_" + Guid.NewGuid().ToString("N")[..6];
        await (
            await admin.PostAsJsonAsync(
                "/api/v1/custom-fields",
                new
                {
                    recordType = "user",
                    key,
                    labelEn = "Level",
                    labelZh = "等级",
                    type = "choice",
                    options = new[] { "初级", "中级", "高级" },
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        var years = "years_" + Guid.NewGuid().ToString("N")[..6];
        await (
            await admin.PostAsJsonAsync(
                "/api/v1/custom-fields",
                new
                {
                    recordType = "user",
                    key = years,
                    labelEn = "Years",
                    type = "number",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);

        var bad = await (
            await admin.PostAsJsonAsync(
                "/api/v1/users",
                new
                {
                    email = $"cf-{Guid.NewGuid():N}@test.local",
                    displayName = "x",
                    password = AppFactory.Password,
                    roles = new[] { "Engineer" },
                    customFields = new Dictionary<string, object>
                    {
                        [key] = "专家",
                        [years] = "many",
                        ["nope"] = 1,
                    },
                }
            )
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equivalent(new[] { $"customFields.{key}", $"customFields.{years}", "customFields.nope" }, bad.ErrorFields());

        var senior = await app.CreateAsync(
            "Engineer",
            extra: new { customFields = new Dictionary<string, object> { [key] = "高级", [years] = 12 } }
        );
        var junior = await app.CreateAsync(
            "Engineer",
            extra: new { customFields = new Dictionary<string, object> { [key] = "初级", [years] = 2.5 } }
        );
        Assert.Equal("高级", senior.GetProperty("customFields").GetProperty(key).GetString());

        var filtered = await (await admin.GetAsync($"/api/v1/users?cf.{key}={Uri.EscapeDataString("高级")}")).ExpectAsync(
            HttpStatusCode.OK
        );
        Assert.Equal(1, filtered.GetProperty("total").GetInt32());
        Assert.Equal(senior.GetProperty("id").GetString(), filtered.GetProperty("items")[0].GetProperty("id").GetString());

        var ranged = await (await admin.GetAsync($"/api/v1/users?cf.{years}.from=1&cf.{years}.to=5")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(
            junior.GetProperty("id").GetString(),
            Assert.Single(ranged.GetProperty("items").EnumerateArray()).GetProperty("id").GetString()
        );

        var sorted = await (await admin.GetAsync($"/api/v1/users?sort=-cf.{years}&pageSize=2")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(senior.GetProperty("id").GetString(), sorted.GetProperty("items")[0].GetProperty("id").GetString());
        Assert.Equal(junior.GetProperty("id").GetString(), sorted.GetProperty("items")[1].GetProperty("id").GetString());

        // Clearing a value with null removes it from the record and from the filter index.
        await (
            await admin.PutAsJsonAsync(
                $"/api/v1/users/{senior.GetProperty("id").GetString()}",
                new { customFields = new Dictionary<string, object?> { [key] = null }, version = 1 }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        var after = await (await admin.GetAsync($"/api/v1/users?cf.{key}={Uri.EscapeDataString("高级")}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, after.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Listing_pages_on_the_server_and_caps_page_size()
    {
        using var admin = await app.AdminAsync();
        for (var i = 0; i < 3; i++)
            await app.CreateAsync("Sales");
        var page = await (await admin.GetAsync("/api/v1/users?page=2&pageSize=2&role=Sales")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(page.GetProperty("total").GetInt32() >= 3);
        Assert.True(page.GetProperty("items").GetArrayLength() is >= 1 and <= 2);
        var huge = await (await admin.GetAsync("/api/v1/users?pageSize=100000")).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("pageSize", huge.ErrorFields());
        var most = await (await admin.GetAsync("/api/v1/users?pageSize=500")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(most.GetProperty("items").GetArrayLength() <= 500);
    }
}

public sealed class UsersApiTests_Sqlite(SqliteFactory app) : UsersApiTests<SqliteFactory>(app);

public sealed class UsersApiTests_Postgres(PostgresFactory app) : UsersApiTests<PostgresFactory>(app);
