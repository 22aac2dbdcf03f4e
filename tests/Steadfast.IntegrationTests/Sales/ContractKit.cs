using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Steadfast.IntegrationTests.Infrastructure;

namespace Steadfast.IntegrationTests.Sales;

internal static class ContractKit
{
    public const string Signature =
        "data:image/png;base64," + "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    public static async Task<JsonElement> ContractAsync(
        this HttpClient client,
        object body,
        HttpStatusCode expect = HttpStatusCode.Created
    ) => await (await client.PostAsJsonAsync("/api/v1/contracts", body)).ExpectAsync(expect);

    /// <summary>Submitted (approved at once below the shipped thresholds) and signed on screen by the customer.</summary>
    public static async Task<JsonElement> SignedAsync(this HttpClient client, JsonElement contract, string? signedOn = null)
    {
        var submitted = await (await client.PostAsJsonAsync($"/api/v1/contracts/{contract.Id()}/submit", new { })).ExpectAsync(
            HttpStatusCode.OK
        );
        Assert.Equal("approved", submitted.GetProperty("status").GetString());
        return await (
            await client.PostAsJsonAsync(
                $"/api/v1/contracts/{contract.Id()}/sign",
                new
                {
                    signedBy = "王总",
                    signatureImage = Signature,
                    signedOn,
                    version = submitted.Version(),
                }
            )
        ).ExpectAsync(HttpStatusCode.OK);
    }

    public static JsonElement Instalment(this JsonElement contract, int position) => contract.GetProperty("instalments")[position];

    public static async Task<JsonElement> AgeingAsync(this HttpClient client, JsonElement customer) =>
        (await (await client.GetAsync($"/api/v1/receivables/ageing?customerId={customer.Id()}")).ExpectAsync(HttpStatusCode.OK))
            .GetProperty("rows")
            .EnumerateArray()
            .Single();

    public static long Fen(this JsonElement e, string name) => e.GetProperty(name).GetInt64();
}
