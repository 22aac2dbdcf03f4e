using System.Net;
using System.Net.Http.Json;
using Steadfast.IntegrationTests.Infrastructure;

namespace Steadfast.IntegrationTests;

public sealed class StrictSignInFactory : SqliteFactory
{
    protected override int FailedSignInsPerAccount => 3;
    protected override int FailedSignInsPerAddress => 12;
}

/// <summary>
/// Sign-in throttling stops guessing, not colleagues: every request here comes from one address, as a factory's
/// staff behind NAT (or everyone behind a reverse proxy) would.
/// </summary>
public sealed class RateLimitTests(StrictSignInFactory app) : IClassFixture<StrictSignInFactory>
{
    [Fact]
    public async Task Guessing_one_accounts_password_gets_429_with_retry_after_while_others_still_sign_in()
    {
        var victim = await app.CreateAsync("Sales");
        var colleague = await app.CreateAsync("Sales");
        using var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last = await client.PostAsJsonAsync(
                "/api/v1/auth/token",
                new { email = victim.GetProperty("email").GetString(), password = "nope" }
            );
            statuses.Add(last.StatusCode);
        }
        Assert.Equal(
            [
                HttpStatusCode.Unauthorized,
                HttpStatusCode.Unauthorized,
                HttpStatusCode.Unauthorized,
                HttpStatusCode.TooManyRequests,
                HttpStatusCode.TooManyRequests,
            ],
            statuses
        );
        Assert.True(last!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        await last.ExpectAsync(HttpStatusCode.TooManyRequests);
        // The right password does not get past the throttle either, while it lasts.
        Assert.Equal(
            HttpStatusCode.TooManyRequests,
            (
                await client.PostAsJsonAsync(
                    "/api/v1/auth/token",
                    new { email = victim.GetProperty("email").GetString(), password = AppFactory.Password }
                )
            ).StatusCode
        );
        // A colleague from the same address is not held up by someone else's account.
        await (
            await client.PostAsJsonAsync(
                "/api/v1/auth/token",
                new { email = colleague.GetProperty("email").GetString(), password = AppFactory.Password }
            )
        ).ExpectAsync(HttpStatusCode.OK);
    }
}

public sealed class StrictAddressFactory : SqliteFactory
{
    protected override int FailedSignInsPerAccount => 3;
    protected override int FailedSignInsPerAddress => 12;
}

public sealed class AddressThrottleTests(StrictAddressFactory app) : IClassFixture<StrictAddressFactory>
{
    [Fact]
    public async Task Forty_colleagues_from_one_address_all_sign_in_but_spraying_many_accounts_from_it_is_stopped()
    {
        var people = new List<string>();
        for (var i = 0; i < 40; i++)
            people.Add((await app.CreateAsync("Engineer")).GetProperty("email").GetString()!);
        using var client = app.CreateClient();
        foreach (var email in people)
            await (await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = AppFactory.Password })).ExpectAsync(
                HttpStatusCode.OK
            );

        // One wrong password per account, across many accounts: the address's failures add up.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 16; i++)
            statuses.Add(
                (await client.PostAsJsonAsync("/api/v1/auth/token", new { email = $"spray{i}@test.local", password = "123456" })).StatusCode
            );
        Assert.Contains(HttpStatusCode.Unauthorized, statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }
}
