using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Steadfast.IntegrationTests.Infrastructure;

namespace Steadfast.IntegrationTests;

public abstract class AuthApiTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    [Fact]
    public async Task Token_from_valid_credentials_opens_the_api()
    {
        using var client = await app.AdminAsync();
        var me = await (await client.GetAsync("/api/v1/me")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(AppFactory.AdminEmail, me.GetProperty("email").GetString());
        Assert.Contains("Admin", me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Token_request_without_fields_is_400_naming_each_field()
    {
        using var client = app.CreateClient();
        var problem = await (await client.PostAsJsonAsync("/api/v1/auth/token", new { })).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equivalent(new[] { "email", "password" }, problem.ErrorFields());
    }

    [Fact]
    public async Task No_token_malformed_token_and_unknown_token_are_401()
    {
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
        foreach (var bad in new[] { "x", "sf_" + new string('a', 43), "not a token at all \u00e9", new string('z', 500) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + bad);
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account()
    {
        var user = await app.CreateAsync("Engineer");
        var email = user.GetProperty("email").GetString()!;
        using var client = app.CreateClient();
        for (var i = 0; i < 4; i++)
            Assert.Equal(
                HttpStatusCode.Unauthorized,
                (await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = "Wrong-pass1" })).StatusCode
            );
        // The fifth failure locks the account; from then on even the right password is refused.
        Assert.Equal(
            HttpStatusCode.Forbidden,
            (await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = "Wrong-pass1" })).StatusCode
        );
        var locked = await (await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = AppFactory.Password })).ExpectAsync(
            HttpStatusCode.Forbidden
        );
        Assert.Contains("lock", locked.GetProperty("title").GetString()!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Session_token_expires_after_its_lifetime()
    {
        var user = await app.CreateAsync("Finance");
        using var client = await app.ClientForAsync(user.GetProperty("email").GetString()!);
        await (await client.GetAsync("/api/v1/me")).ExpectAsync(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));
        // The positive check above may have been cached for a few seconds; move past that too.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Personal_access_token_works_until_revoked()
    {
        var user = await app.CreateAsync("Dispatcher");
        using var session = await app.ClientForAsync(user.GetProperty("email").GetString()!);
        var issued = await (await session.PostAsJsonAsync("/api/v1/me/tokens", new { name = "ERP sync", days = 30 })).ExpectAsync(
            HttpStatusCode.Created
        );
        var token = issued.GetProperty("token").GetString()!;

        using var pat = app.CreateClient();
        pat.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await (await pat.GetAsync("/api/v1/me")).ExpectAsync(HttpStatusCode.OK);

        var list = await (await session.GetAsync("/api/v1/me/tokens")).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(list.EnumerateArray(), t =>
            t.GetProperty("name").GetString() == "ERP sync" && t.GetProperty("prefix").GetString() == token[..10]
        );

        await (await session.DeleteAsync($"/api/v1/me/tokens/{issued.GetProperty("id").GetGuid()}")).ExpectAsync(HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Unauthorized, (await pat.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Personal_token_input_is_validated()
    {
        using var admin = await app.AdminAsync();
        var problem = await (await admin.PostAsJsonAsync("/api/v1/me/tokens", new { name = "", days = 0 })).ExpectAsync(
            HttpStatusCode.BadRequest
        );
        Assert.Equivalent(new[] { "name", "days" }, problem.ErrorFields());
    }

    [Fact]
    public async Task Another_users_token_cannot_be_revoked()
    {
        var user = await app.CreateAsync("Sales");
        using var owner = await app.ClientForAsync(user.GetProperty("email").GetString()!);
        var issued = await (await owner.PostAsJsonAsync("/api/v1/me/tokens", new { name = "mine" })).ExpectAsync(HttpStatusCode.Created);
        using var admin = await app.AdminAsync();
        Assert.Equal(
            HttpStatusCode.NotFound,
            (await admin.DeleteAsync($"/api/v1/me/tokens/{issued.GetProperty("id").GetGuid()}")).StatusCode
        );
    }
}

public sealed class AuthApiTests_Sqlite(SqliteFactory app) : AuthApiTests<SqliteFactory>(app);

public sealed class AuthApiTests_Postgres(PostgresFactory app) : AuthApiTests<PostgresFactory>(app);
