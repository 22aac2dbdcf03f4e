using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Steadfast.IntegrationTests.Infrastructure;

public static class Json
{
    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Web);

    /// <summary>Asserts the status and returns the body, showing the body when the status is wrong.</summary>
    public static async Task<JsonElement> ExpectAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        var json = response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true;
        return string.IsNullOrEmpty(text) || !json ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The field errors of a 400 problem.</summary>
    public static IReadOnlyCollection<string> ErrorFields(this JsonElement problem) =>
        problem.TryGetProperty("errors", out var e) ? [.. e.EnumerateObject().Select(p => p.Name)] : [];
}
