using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Steadfast.IntegrationTests.Infrastructure;

namespace Steadfast.IntegrationTests;

/// <summary>
/// Hostile input (issue 6): bodies built from the OpenAPI document's own schemas, every property then
/// mutated by FsCheck generators — wrong types, huge and odd unicode strings, nulls, negative and extreme
/// numbers, SQL and script fragments, deep nesting — sent to every POST and PUT the app has. Whatever
/// comes back, it is never a 500.
/// </summary>
public abstract class HostileInputTests<TApp>(TApp app) : IClassFixture<TApp> where TApp : AppFactory
{
    private static readonly string[] Strings =
    [
        "", " ", "' OR 1=1 --", "\"; DROP TABLE \"Customers\"; --", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "{{7*7}}", "../../etc/passwd",
        "\u0000", "\u202Eevil", "😀👨‍👩‍👧", "𠜎𠜱𠝹", "ｆｕｌｌ　ｗｉｄｔｈ", "NaN", "-1", "1e309", "2026-02-30", "not-a-guid", new string('长', 5000), new string('x', 200_000),
    ];

    /// <summary>Anything at all, for one property.</summary>
    private static Gen<JsonNode?> Hostile() => Gen.OneOf(
        Gen.Elements(Strings).Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Elements(0L, -1L, long.MinValue, long.MaxValue, int.MaxValue + 1L).Select(n => (JsonNode?)JsonValue.Create(n)),
        Gen.Elements(-0.5, 1e300, double.Epsilon).Select(d => (JsonNode?)JsonValue.Create(d)),
        Gen.Elements(true, false).Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Constant<JsonNode?>(null),
        Gen.Constant<JsonNode?>(new JsonArray(JsonValue.Create("a"), JsonValue.Create(1), null)),
        Gen.Constant<JsonNode?>(new JsonObject { ["nested"] = new JsonObject { ["deeper"] = "x" } }),
        Gen.Elements(Guid.Empty, Guid.NewGuid()).Select(g => (JsonNode?)JsonValue.Create(g)));

    private static JsonElement? Resolve(JsonElement doc, JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var r))
        {
            var name = r.GetString()!.Split('/')[^1];
            return doc.GetProperty("components").GetProperty("schemas").TryGetProperty(name, out var s) ? s : null;
        }
        return schema;
    }

    /// <summary>One body: the schema's properties, each with a hostile value; sometimes not an object at all.</summary>
    private static Gen<string> Bodies(JsonElement doc, JsonElement? schema)
    {
        var names = schema is { } s && s.TryGetProperty("properties", out var props) ? props.EnumerateObject().Select(p => p.Name).ToArray() : ["name"];
        var objects = Gen.ArrayOf(Hostile(), names.Length).Select(values =>
        {
            var o = new JsonObject();
            for (var i = 0; i < names.Length; i++) o[names[i]] = values[i]?.DeepClone();
            return o.ToJsonString();
        });
        var deep = Gen.Choose(70, 400).Select(depth => new string('[', depth) + new string(']', depth));
        return Gen.Frequency((8, objects), (1, deep), (1, Gen.Elements("null", "[]", "\"text\"", "{", "{\"a\":1,\"a\":2}", "12")));
    }

    private static string Fill(string path) =>
        System.Text.RegularExpressions.Regex.Replace(path, "\\{[^}]+\\}", _ => Guid.NewGuid().ToString());

    [Fact]
    public async Task Every_post_and_put_survives_mutated_bodies_without_a_server_error()
    {
        using var admin = await app.AdminAsync();
        var doc = (await (await admin.GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK));
        var failures = new List<string>();
        var operations = 0;
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        {
            foreach (var op in path.Value.EnumerateObject().Where(o => o.Name is "post" or "put"))
            {
                if (!op.Value.TryGetProperty("requestBody", out var body) || !body.GetProperty("content").TryGetProperty("application/json", out var json)) continue;
                operations++;
                var schema = json.TryGetProperty("schema", out var sch) ? Resolve(doc, sch) : null;
                foreach (var sample in Bodies(doc, schema).Sample(8))
                {
                    using var request = new HttpRequestMessage(new HttpMethod(op.Name.ToUpperInvariant()), Fill(path.Name))
                    {
                        Content = new StringContent(sample, Encoding.UTF8, "application/json"),
                    };
                    using var response = await admin.SendAsync(request);
                    if ((int)response.StatusCode >= 500)
                        failures.Add($"{op.Name.ToUpperInvariant()} {path.Name} → {(int)response.StatusCode}: {(sample.Length > 300 ? sample[..300] + "…" : sample)}");
                }
            }
        }
        Assert.True(operations > 40, $"only {operations} operations found in the OpenAPI document");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Uploads_with_wrong_bytes_or_an_oversized_image_are_refused_not_crashed()
    {
        using var admin = await app.AdminAsync();
        var customer = await admin.CustomerAsync();
        var machine = await admin.MachineAsync(customer, await admin.ProductAsync());
        async Task<HttpStatusCode> UploadAsync(string url, string field, byte[] bytes, string name, params (string, string)[] extra)
        {
            using var form = new MultipartFormDataContent();
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
            form.Add(content, field, name);
            foreach (var (k, v) in extra) form.Add(new StringContent(v), k);
            return (await admin.PostAsync(url, form)).StatusCode;
        }
        // An "image" that is a script, a "spreadsheet" that is text, a zip that is not an xlsx, and an image over the limit.
        var script = Encoding.UTF8.GetBytes("<script>alert(1)</script>");
        Assert.Equal(HttpStatusCode.BadRequest, await UploadAsync($"/api/v1/equipment/{machine.Id()}/attachments", "file", script, "photo.png", ("kind", "Photo")));
        Assert.Equal(HttpStatusCode.BadRequest, await UploadAsync("/api/v1/imports", "file", script, "customers.xlsx", ("target", "customers")));
        Assert.Equal(HttpStatusCode.BadRequest, await UploadAsync("/api/v1/imports", "file", [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8], "customers.xlsx", ("target", "customers")));
        var huge = new byte[11 * 1024 * 1024];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(huge, 0);
        Assert.Contains(await UploadAsync($"/api/v1/equipment/{machine.Id()}/attachments", "file", huge, "big.png", ("kind", "Photo")), new[] { HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge });
    }
}

public sealed class HostileInputTests_Sqlite(SqliteFactory app) : HostileInputTests<SqliteFactory>(app);
public sealed class HostileInputTests_Postgres(PostgresFactory app) : HostileInputTests<PostgresFactory>(app);
