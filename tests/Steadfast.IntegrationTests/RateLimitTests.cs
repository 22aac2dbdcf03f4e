using System.Net;
using System.Net.Http.Json;
using Steadfast.IntegrationTests.Infrastructure;

namespace Steadfast.IntegrationTests;

public sealed class StrictSignInFactory : SqliteFactory
{
    protected override int SignInPermitsPerMinute => 3;
}

public sealed class RateLimitTests(StrictSignInFactory app) : IClassFixture<StrictSignInFactory>
{
    [Fact]
    public async Task Guessing_passwords_fast_gets_429_with_retry_after()
    {
        using var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5; i++)
        {
            last = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "x@test.local", password = "nope" });
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
    }
}
