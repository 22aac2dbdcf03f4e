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
public abstract class HostileInputTests<TApp>(TApp app) : IClassFixture<TApp>
    where TApp : AppFactory
{
    private static readonly string[] Strings =
    [
        "",
        " ",
        "' OR 1=1 --",
        "\"; DROP TABLE \"Customers\"; --",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "{{7*7}}",
        "../../etc/passwd",
        "\u0000",
        "\u202Eevil",
        "😀👨‍👩‍👧",
        "𠜎𠜱𠝹",
        "ｆｕｌｌ　ｗｉｄｔｈ",
        "NaN",
        "-1",
        "1e309",
        "2026-02-30",
        "not-a-guid",
        new string('长', 5000),
        new string('x', 200_000),
    ];

    /// <summary>Anything at all, for one property.</summary>
    private static Gen<JsonNode?> Hostile() =>
        Gen.OneOf(
            Gen.Elements(Strings).Select(s => (JsonNode?)JsonValue.Create(s)),
            Gen.Elements(0L, -1L, long.MinValue, long.MaxValue, int.MaxValue + 1L).Select(n => (JsonNode?)JsonValue.Create(n)),
            Gen.Elements(-0.5, 1e300, double.Epsilon).Select(d => (JsonNode?)JsonValue.Create(d)),
            Gen.Elements(true, false).Select(b => (JsonNode?)JsonValue.Create(b)),
            Gen.Constant<JsonNode?>(null),
            Gen.Constant<JsonNode?>(new JsonArray(JsonValue.Create("a"), JsonValue.Create(1), null)),
            Gen.Constant<JsonNode?>(new JsonObject { ["nested"] = new JsonObject { ["deeper"] = "x" } }),
            Gen.Elements(Guid.Empty, Guid.NewGuid()).Select(g => (JsonNode?)JsonValue.Create(g))
        );

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
        var names =
            schema is { } s && s.TryGetProperty("properties", out var props)
                ? props.EnumerateObject().Select(p => p.Name).ToArray()
                : ["name"];
        var objects = Gen.ArrayOf(Hostile(), names.Length)
            .Select(values =>
            {
                var o = new JsonObject();
                for (var i = 0; i < names.Length; i++)
                    o[names[i]] = values[i]?.DeepClone();
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
                if (
                    !op.Value.TryGetProperty("requestBody", out var body)
                    || !body.GetProperty("content").TryGetProperty("application/json", out var json)
                )
                    continue;
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
                        failures.Add(
                            $"{op.Name.ToUpperInvariant()} {path.Name} → {(int)response.StatusCode}: "
                                + $"{(sample.Length > 300 ? sample[..300] + "…" : sample)}"
                        );
                }
            }
        }
        Assert.True(operations > 40, $"only {operations} operations found in the OpenAPI document");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_nul_character_in_any_string_or_search_term_is_a_400_naming_the_field()
    {
        using var admin = await app.AdminAsync();
        var problem = await (await admin.PostAsJsonAsync("/api/v1/me/tokens", new { name = "a\u0000b", days = 30 })).ExpectAsync(
            HttpStatusCode.BadRequest
        );
        Assert.Contains("name", problem.ErrorFields());
        problem = await (
            await admin.PostAsJsonAsync(
                "/api/v1/customers",
                new
                {
                    name = "甲公司",
                    province = "江苏",
                    city = "苏州",
                    tags = new[] { "ok", "\u0000" },
                }
            )
        ).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem.ErrorFields(), f => f.StartsWith("tags", StringComparison.Ordinal));
        problem = await (await admin.GetAsync("/api/v1/customers?q=%00")).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("q", problem.ErrorFields());

        // Every list the API has, with every declared query parameter holding a NUL: refused, never a server error.
        var doc = await (await admin.GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);
        var failures = new List<string>();
        foreach (var path in doc.GetProperty("paths").EnumerateObject().Where(p => !p.Name.Contains('{', StringComparison.Ordinal)))
        {
            if (!path.Value.TryGetProperty("get", out var get) || !get.TryGetProperty("parameters", out var parameters))
                continue;
            var query = string.Join(
                "&",
                parameters
                    .EnumerateArray()
                    .Where(p => p.GetProperty("in").GetString() == "query")
                    .Select(p => p.GetProperty("name").GetString() + "=x%00y")
            );
            if (query.Length == 0)
                continue;
            using var response = await admin.GetAsync(path.Name + "?" + query);
            if ((int)response.StatusCode >= 500)
                failures.Add($"GET {path.Name}?{query} → {(int)response.StatusCode}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Every_list_refuses_an_unknown_filter_value_sort_key_custom_field_paging_or_parameter_naming_it()
    {
        using var admin = await app.AdminAsync();
        var doc = await (await admin.GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);
        var failures = new List<string>();
        var cases = 0;
        async Task ExpectNamedAsync(string url, string field)
        {
            cases++;
            using var response = await admin.GetAsync(url);
            if (response.StatusCode != HttpStatusCode.BadRequest)
            {
                failures.Add($"GET {url} → {(int)response.StatusCode}, expected 400");
                return;
            }
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            if (!problem.ErrorFields().Contains(field, StringComparer.OrdinalIgnoreCase))
                failures.Add($"GET {url} → 400 without naming {field}: {problem}");
        }
        foreach (var path in doc.GetProperty("paths").EnumerateObject().Where(p => !p.Name.Contains('{', StringComparison.Ordinal)))
        {
            if (!path.Value.TryGetProperty("get", out var get) || !get.TryGetProperty("parameters", out var parameters))
                continue;
            var query = parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").ToList();
            if (query.Count == 0)
                continue;
            foreach (var p in query)
            {
                var name = p.GetProperty("name").GetString()!;
                var schema = Resolve(doc, p.GetProperty("schema"));
                var isEnum =
                    schema is { } sch
                    && (
                        sch.TryGetProperty("enum", out _)
                        || sch.TryGetProperty("oneOf", out _)
                        || sch.TryGetProperty("anyOf", out var any)
                            && any.EnumerateArray().Any(a => Resolve(doc, a) is { } r && r.TryGetProperty("enum", out _))
                    );
                if (isEnum)
                    await ExpectNamedAsync($"{path.Name}?{name}=bogusValue", name);
                if (name is "page" or "pageSize")
                    await ExpectNamedAsync($"{path.Name}?{name}=0", name);
                if (name == "pageSize")
                    await ExpectNamedAsync($"{path.Name}?pageSize=100000", name);
                if (name == "sort")
                    await ExpectNamedAsync($"{path.Name}?sort=name;DROP TABLE Customers", name);
            }
            await ExpectNamedAsync(
                $"{path.Name}?{query[0].GetProperty("name").GetString()}Typo=1",
                query[0].GetProperty("name").GetString() + "Typo"
            );
        }
        // The lists whose filters include custom fields read their query themselves: the same rules hold.
        foreach (var list in new[] { "/api/v1/customers", "/api/v1/equipment", "/api/v1/users", "/api/v1/customers/export" })
        {
            await ExpectNamedAsync($"{list}?sort=cf.nonexistent", "sort");
            await ExpectNamedAsync($"{list}?sort=name;DROP TABLE Customers", "sort");
            await ExpectNamedAsync($"{list}?cf.nonexistent=1", "cf.nonexistent");
            await ExpectNamedAsync($"{list}?tierr=gold", "tierr");
        }
        await ExpectNamedAsync("/api/v1/customers?tier=bogus", "tier");
        await ExpectNamedAsync("/api/v1/customers?status=bogus", "status");
        await ExpectNamedAsync("/api/v1/customers?ownerId=not-a-guid", "ownerId");
        await ExpectNamedAsync("/api/v1/equipment?status=bogus", "status");
        await ExpectNamedAsync("/api/v1/equipment?inWarranty=maybe", "inWarranty");
        await ExpectNamedAsync("/api/v1/users?role=Wizard", "role");
        await ExpectNamedAsync("/api/v1/work-orders?status=bogus", "status");
        Assert.True(cases > 60, $"only {cases} cases");
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // What is known still answers, and says which values a field allows.
        await (await admin.GetAsync("/api/v1/customers?tier=strategic&sort=-createdAt&page=1&pageSize=500")).ExpectAsync(HttpStatusCode.OK);
        var tier = await (await admin.GetAsync("/api/v1/customers?tier=bogus")).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("strategic", tier.GetProperty("errors").GetProperty("tier")[0].GetString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A real workbook whose sheet holds <paramref name="rows"/> identical rows (a few hundred MB that deflate to a few MB).
    /// With <paramref name="lie"/> the zip's headers claim the sheet is 2 KB, as a hand-made bomb would.
    /// </summary>
    private static byte[] ZipBomb(int rows, bool lie)
    {
        using var plain = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(
            plain,
            new[]
            {
                new Dictionary<string, object?>
                {
                    ["name"] = "x",
                    ["province"] = "江苏",
                    ["city"] = "苏州",
                },
            }
        );
        using var output = new MemoryStream();
        using (var source = new System.IO.Compression.ZipArchive(new MemoryStream(plain.ToArray())))
        using (var bomb = new System.IO.Compression.ZipArchive(output, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                var copy = bomb.CreateEntry(entry.FullName, System.IO.Compression.CompressionLevel.Optimal);
                using var to = copy.Open();
                if (entry.FullName != "xl/worksheets/sheet1.xml")
                {
                    using var from = entry.Open();
                    from.CopyTo(to);
                    continue;
                }
                to.Write("<?xml version=\"1.0\" encoding=\"utf-8\"?><worksheet "u8);
                to.Write("xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"u8);
                to.Write("<row><c t=\"inlineStr\"><is><t>name</t></is></c><c t=\"inlineStr\"><is><t>province</t></is></c><c "u8);
                to.Write("t=\"inlineStr\"><is><t>city</t></is></c></row>"u8);
                byte[] row =
                [
                    .. "<row><c t=\"inlineStr\"><is><t>某某有限公司</t></is></c><c t=\"inlineStr\"><is><t>江苏</t></is></c><c "u8,
                    .. "t=\"inlineStr\"><is><t>苏州</t></is></c></row>"u8,
                ];
                var block = Enumerable.Range(0, 1000).SelectMany(_ => row).ToArray();
                for (var i = 0; i < rows / 1000; i++)
                    to.Write(block);
                to.Write("</sheetData></worksheet>"u8);
            }
        }
        var bytes = output.ToArray();
        if (lie)
        {
            // Local header: uncompressed size at +22; central directory: at +24. Both name the entry right after the fixed part.
            var name = Encoding.ASCII.GetBytes("xl/worksheets/sheet1.xml");
            for (var i = 0; i + 46 < bytes.Length; i++)
            {
                var signature = BitConverter.ToUInt32(bytes, i);
                var (sizeAt, nameAt) = signature switch
                {
                    0x04034b50 => (22, 30),
                    0x02014b50 => (24, 46),
                    _ => (-1, -1),
                };
                if (sizeAt < 0 || !bytes.AsSpan(i + nameAt).StartsWith(name))
                    continue;
                BitConverter.GetBytes(2048u).CopyTo(bytes, i + sizeAt);
            }
        }
        return bytes;
    }

    [Fact]
    public async Task Zip_bombs_dressed_as_xlsx_are_refused_or_fail_cleanly()
    {
        using var admin = await app.AdminAsync();
        async Task<HttpResponseMessage> PostAsync(string url, byte[] file)
        {
            using var form = new MultipartFormDataContent();
            form.Add(new ByteArrayContent(file), "file", "customers.xlsx");
            form.Add(new StringContent("customers"), "target");
            return await admin.PostAsync(url, form);
        }
        // About 600 MB of sheet in a few megabytes: the declared size is over the limit, so it is refused before any reading.
        var honest = ZipBomb(4_000_000, lie: false);
        Assert.True(honest.Length < 8 * 1024 * 1024, $"bomb is {honest.Length} bytes");
        foreach (var url in new[] { "/api/v1/imports/preview", "/api/v1/imports" })
        {
            var problem = await (await PostAsync(url, honest)).ExpectAsync(HttpStatusCode.BadRequest);
            Assert.Contains("file", problem.ErrorFields());
        }
        // The same bomb claiming 2 KB: the reader stops at the claimed size, so the sheet is cut short and the file refused as damaged.
        var liar = ZipBomb(4_000_000, lie: true);
        foreach (var url in new[] { "/api/v1/imports/preview", "/api/v1/imports" })
        {
            var problem = await (await PostAsync(url, liar)).ExpectAsync(HttpStatusCode.BadRequest);
            Assert.Contains("file", problem.ErrorFields());
        }
        var process = System.Diagnostics.Process.GetCurrentProcess();
        process.Refresh();
        Assert.True(process.PeakWorkingSet64 < 3L * 1024 * 1024 * 1024, $"peak working set {process.PeakWorkingSet64 / 1024 / 1024} MB");
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
            foreach (var (k, v) in extra)
                form.Add(new StringContent(v), k);
            return (await admin.PostAsync(url, form)).StatusCode;
        }
        // An "image" that is a script, a "spreadsheet" that is text, a zip that is not an xlsx, and an image over the limit.
        var script = Encoding.UTF8.GetBytes("<script>alert(1)</script>");
        Assert.Equal(
            HttpStatusCode.BadRequest,
            await UploadAsync($"/api/v1/equipment/{machine.Id()}/attachments", "file", script, "photo.png", ("kind", "Photo"))
        );
        Assert.Equal(
            HttpStatusCode.BadRequest,
            await UploadAsync("/api/v1/imports", "file", script, "customers.xlsx", ("target", "customers"))
        );
        Assert.Equal(
            HttpStatusCode.BadRequest,
            await UploadAsync(
                "/api/v1/imports",
                "file",
                [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8],
                "customers.xlsx",
                ("target", "customers")
            )
        );
        var huge = new byte[11 * 1024 * 1024];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(huge, 0);
        Assert.Contains(
            await UploadAsync($"/api/v1/equipment/{machine.Id()}/attachments", "file", huge, "big.png", ("kind", "Photo")),
            new[] { HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge }
        );
    }
}

public sealed class HostileInputTests_Sqlite(SqliteFactory app) : HostileInputTests<SqliteFactory>(app);

public sealed class HostileInputTests_Postgres(PostgresFactory app) : HostileInputTests<PostgresFactory>(app);
