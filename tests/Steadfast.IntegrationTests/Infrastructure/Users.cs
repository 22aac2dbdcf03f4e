using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Steadfast.IntegrationTests.Infrastructure;

public static class Users
{
    /// <summary>Creates a user through the API as the admin and returns it.</summary>
    public static async Task<JsonElement> CreateAsync(this AppFactory app, string role, string? email = null, object? extra = null)
    {
        using var admin = await app.AdminAsync();
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.local";
        var body = new Dictionary<string, object?>
        {
            ["email"] = email,
            ["displayName"] = $"Test {role}",
            ["password"] = AppFactory.Password,
            ["roles"] = new[] { role },
            ["customerId"] = role == "Customer" ? Guid.NewGuid() : null,
            ["dealerId"] = role == "Dealer" ? Guid.NewGuid() : null,
        };
        if (extra is not null)
            foreach (var p in JsonSerializer.SerializeToElement(extra, Json.Web).EnumerateObject())
                body[p.Name] = p.Value;
        var response = await admin.PostAsJsonAsync("/api/v1/users", body);
        return await response.ExpectAsync(HttpStatusCode.Created);
    }
}
