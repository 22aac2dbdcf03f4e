using System.Net;
using System.Net.Http.Json;
using Steadfast.IntegrationTests.Infrastructure;

namespace Steadfast.IntegrationTests;

public abstract class SettingsApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    [Fact]
    public async Task Teams_are_created_renamed_with_versions_and_kept_while_they_have_members()
    {
        using var admin = await app.AdminAsync();
        var team = await (await admin.PostAsJsonAsync("/api/v1/teams", new { name = "华南区", region = "广东 福建" })).ExpectAsync(
            HttpStatusCode.Created
        );
        var id = team.GetProperty("id").GetString();
        var dup = await (await admin.PostAsJsonAsync("/api/v1/teams", new { name = "华南区" })).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("name", dup.ErrorFields());

        var renamed = await (
            await admin.PutAsJsonAsync(
                $"/api/v1/teams/{id}",
                new
                {
                    name = "华南大区",
                    region = "广东",
                    version = 1,
                }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, renamed.GetProperty("version").GetInt64());
        await (await admin.PutAsJsonAsync($"/api/v1/teams/{id}", new { name = "旧名", version = 1 })).ExpectAsync(HttpStatusCode.Conflict);

        await app.CreateAsync("Engineer", extra: new { teamId = id });
        await (await admin.DeleteAsync($"/api/v1/teams/{id}")).ExpectAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Company_profile_is_validated_and_versioned()
    {
        using var admin = await app.AdminAsync();
        var company = await (await admin.GetAsync("/api/v1/company")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("CNY", company.GetProperty("currencyCode").GetString());
        Assert.Equal("Asia/Shanghai", company.GetProperty("timeZoneId").GetString());
        var version = company.GetProperty("version").GetInt64();

        var bad = await (
            await admin.PutAsJsonAsync(
                "/api/v1/company",
                new
                {
                    name = "",
                    currencyCode = "XXX",
                    timeZoneId = "Mars/Olympus",
                    workdayStart = "18:00",
                    workdayEnd = "09:00",
                    workingDays = Array.Empty<string>(),
                    version,
                }
            )
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equivalent(new[] { "name", "currencyCode", "timeZoneId", "workdayEnd", "workingDays" }, bad.ErrorFields());

        var saved = await (
            await admin.PutAsJsonAsync(
                "/api/v1/company",
                new
                {
                    name = "恒力精工",
                    currencyCode = "CNY",
                    timeZoneId = "Asia/Shanghai",
                    workdayStart = "08:00",
                    workdayEnd = "17:00",
                    workingDays = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday" },
                    servicePhone = "400-000-0000",
                    version,
                }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(6, saved.GetProperty("workingDays").GetArrayLength());
        Assert.Equal(version + 1, saved.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Calendar_keeps_holidays_and_working_weekends_one_per_date()
    {
        using var admin = await app.AdminAsync();
        await (
            await admin.PostAsJsonAsync(
                "/api/v1/company/calendar",
                new
                {
                    date = "2027-02-06",
                    kind = "holiday",
                    name = "春节",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        await (
            await admin.PostAsJsonAsync(
                "/api/v1/company/calendar",
                new
                {
                    date = "2027-02-20",
                    kind = "workingDay",
                    name = "春节调休上班",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        var dup = await (
            await admin.PostAsJsonAsync(
                "/api/v1/company/calendar",
                new
                {
                    date = "2027-02-06",
                    kind = "holiday",
                    name = "again",
                }
            )
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("date", dup.ErrorFields());
        var days = await (await admin.GetAsync("/api/v1/company/calendar?year=2027")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["holiday", "workingDay"], days.EnumerateArray().Select(d => d.GetProperty("kind").GetString()!).ToArray());
    }

    [Fact]
    public async Task Custom_field_definitions_are_validated()
    {
        using var admin = await app.AdminAsync();
        var bad = await (
            await admin.PostAsJsonAsync(
                "/api/v1/custom-fields",
                new
                {
                    recordType = "spaceship",
                    key = "Bad Key",
                    labelEn = "",
                    type = "choice",
                    options = new[] { "a", "a" },
                }
            )
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equivalent(new[] { "recordType", "key", "labelEn", "options" }, bad.ErrorFields());

        var created = await (
            await admin.PostAsJsonAsync(
                "/api/v1/custom-fields",
                new
                {
                    recordType = "user",
                    key = "badge",
                    labelEn = "Badge",
                    type = "text",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        var again = await (
            await admin.PostAsJsonAsync(
                "/api/v1/custom-fields",
                new
                {
                    recordType = "user",
                    key = "badge",
                    labelEn = "Badge 2",
                    type = "text",
                }
            )
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("key", again.ErrorFields());

        var id = created.GetProperty("id").GetString();
        await (
            await admin.PutAsJsonAsync(
                $"/api/v1/custom-fields/{id}",
                new
                {
                    labelZh = "工牌",
                    required = false,
                    version = 1,
                }
            )
        ).ExpectAsync(HttpStatusCode.OK);
        await (await admin.PutAsJsonAsync($"/api/v1/custom-fields/{id}", new { labelZh = "x", version = 1 })).ExpectAsync(
            HttpStatusCode.Conflict
        );
        var list = await (await admin.GetAsync("/api/v1/custom-fields?recordType=user")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(list.EnumerateArray(), f =>
            f.GetProperty("key").GetString() == "badge" && f.GetProperty("labelZh").GetString() == "工牌"
        );
    }
}

public sealed class SettingsApiTests_Sqlite(SqliteFactory app) : SettingsApiTests<SqliteFactory>(app);

public sealed class SettingsApiTests_Postgres(PostgresFactory app) : SettingsApiTests<PostgresFactory>(app);
