using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Steadfast.IntegrationTests.Infrastructure;

namespace Steadfast.IntegrationTests;

/// <summary>The rules every endpoint keeps: problem details, body limits, idempotency, discovery.</summary>
public abstract class ConventionsTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    [Fact]
    public async Task Unknown_json_field_is_400_naming_it()
    {
        using var admin = await app.AdminAsync();
        var problem = await (await admin.PostAsJsonAsync("/api/v1/teams", new { name = "A", colour = "red" })).ExpectAsync(
            HttpStatusCode.BadRequest
        );
        Assert.Contains("colour", problem.ErrorFields());
    }

    [Fact]
    public async Task Wrong_type_and_broken_json_are_400_not_500()
    {
        using var admin = await app.AdminAsync();
        var wrongType = await (
            await admin.PostAsync("/api/v1/teams", new StringContent("{\"name\": 42}", Encoding.UTF8, "application/json"))
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("name", wrongType.ErrorFields());
        await (await admin.PostAsync("/api/v1/teams", new StringContent("{\"name\": ", Encoding.UTF8, "application/json"))).ExpectAsync(
            HttpStatusCode.BadRequest
        );
        await (
            await admin.PostAsync(
                "/api/v1/teams",
                new StringContent(new string('[', 200) + new string(']', 200), Encoding.UTF8, "application/json")
            )
        ).ExpectAsync(HttpStatusCode.BadRequest);
        await (await admin.GetAsync("/api/v1/users?page=abc")).ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Oversized_body_is_413()
    {
        using var admin = await app.AdminAsync();
        var big = "{\"name\":\"" + new string('x', 2 * 1024 * 1024) + "\"}";
        var response = await admin.PostAsync("/api/v1/teams", new StringContent(big, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_record_is_404_problem()
    {
        using var admin = await app.AdminAsync();
        var problem = await (await admin.GetAsync($"/api/v1/users/{Guid.NewGuid()}")).ExpectAsync(HttpStatusCode.NotFound);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Post_with_idempotency_key_creates_once_and_replays_the_first_answer()
    {
        using var admin = await app.AdminAsync();
        var key = Guid.NewGuid().ToString();
        var name = "幂等团队-" + key[..8];
        async Task<HttpResponseMessage> Post(object body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/teams") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return await admin.SendAsync(request);
        }
        var first = await Post(new { name, region = "华东" });
        var firstBody = await first.ExpectAsync(HttpStatusCode.Created);
        var second = await Post(new { name, region = "华东" });
        var secondBody = await second.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(firstBody.GetProperty("id").GetString(), secondBody.GetProperty("id").GetString());
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, await app.DbAsync(db => db.Teams.CountAsync(t => t.Name == name)));

        var reused = await Post(new { name = name + "x", region = "华东" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
    }

    [Fact]
    public async Task Concurrent_retries_with_one_idempotency_key_create_one_record()
    {
        using var admin = await app.AdminAsync();
        var key = Guid.NewGuid().ToString();
        var name = "并发团队-" + key[..8];
        var responses = await Task.WhenAll(
            Enumerable
                .Range(0, 6)
                .Select(async _ =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/teams")
                    {
                        Content = JsonContent.Create(new { name }),
                    };
                    request.Headers.Add("Idempotency-Key", key);
                    return await admin.SendAsync(request);
                })
        );
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(1, await app.DbAsync(db => db.Teams.CountAsync(t => t.Name == name)));
    }

    [Fact]
    public async Task Validation_failure_under_an_idempotency_key_writes_nothing_and_can_be_retried()
    {
        using var admin = await app.AdminAsync();
        var key = Guid.NewGuid().ToString();
        using var bad = new HttpRequestMessage(HttpMethod.Post, "/api/v1/teams") { Content = JsonContent.Create(new { name = "" }) };
        bad.Headers.Add("Idempotency-Key", key);
        await (await admin.SendAsync(bad)).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, await app.DbAsync(db => db.IdempotencyRecords.CountAsync(r => r.Key == key)));
    }

    [Fact]
    public async Task Health_openapi_and_reference_are_public()
    {
        using var anon = app.CreateClient();
        await (await anon.GetAsync("/healthz")).ExpectAsync(HttpStatusCode.OK);
        var doc = await (await anon.GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/auth/token", paths);
        Assert.Contains("/api/v1/users", paths);
        Assert.Contains("/api/v1/custom-fields", paths);
        var docs = await anon.GetAsync("/api/docs");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains("openapi/v1.json", await docs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Problem_titles_follow_the_callers_language()
    {
        using var admin = await app.AdminAsync();
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var problem = await (await admin.PostAsJsonAsync("/api/v1/teams", new { name = "" })).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Equal("部分字段不合法。", problem.GetProperty("title").GetString());
    }
}

public sealed class ConventionsTests_Sqlite(SqliteFactory app) : ConventionsTests<SqliteFactory>(app);

public sealed class ConventionsTests_Postgres(PostgresFactory app) : ConventionsTests<PostgresFactory>(app);
