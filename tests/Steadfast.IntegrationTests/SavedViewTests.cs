using System.Net;
using System.Net.Http.Json;
using Steadfast.IntegrationTests.Infrastructure;

namespace Steadfast.IntegrationTests;

public abstract class SavedViewTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    [Fact]
    public async Task Each_user_keeps_their_own_views_and_a_name_saved_again_replaces_the_filters()
    {
        var a = await app.CreateAsync("Sales");
        var b = await app.CreateAsync("Sales");
        using var alice = await app.ClientForAsync(a.GetProperty("email").GetString()!);
        using var bob = await app.ClientForAsync(b.GetProperty("email").GetString()!);

        var view = await (
            await alice.PostAsJsonAsync(
                "/api/v1/saved-views",
                new
                {
                    list = "customers",
                    name = "华东战略",
                    query = "tier=strategic&province=江苏",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        await (
            await alice.PostAsJsonAsync(
                "/api/v1/saved-views",
                new
                {
                    list = "customers",
                    name = "华东战略",
                    query = "?tier=key",
                }
            )
        ).ExpectAsync(HttpStatusCode.Created);
        var mine = await (await alice.GetAsync("/api/v1/saved-views?list=customers")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("tier=key", Assert.Single(mine.EnumerateArray()).GetProperty("query").GetString());

        var theirs = await (await bob.GetAsync("/api/v1/saved-views?list=customers")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, theirs.GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await bob.DeleteAsync($"/api/v1/saved-views/{view.Id()}")).StatusCode);
        var bad = await (await bob.PostAsJsonAsync("/api/v1/saved-views", new { list = "customers", name = " " })).ExpectAsync(
            HttpStatusCode.BadRequest
        );
        Assert.Equal(["name"], bad.ErrorFields());
        await (await alice.DeleteAsync($"/api/v1/saved-views/{view.Id()}")).ExpectAsync(HttpStatusCode.NoContent);
    }
}

public sealed class SavedViewTests_Sqlite(SqliteFactory app) : SavedViewTests<SqliteFactory>(app);

public sealed class SavedViewTests_Postgres(PostgresFactory app) : SavedViewTests<PostgresFactory>(app);
