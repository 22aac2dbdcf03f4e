using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Steadfast.ClientCheck.Api;

// Reads one customer through a client generated from /openapi/v1.json, as an ERP integrator would.
// Usage: Steadfast.ClientCheck <base url> <bearer token> <customer id>; prints the customer's name.
var adapter = new HttpClientRequestAdapter(new Bearer(args[1])) { BaseUrl = args[0] };
var client = new SteadfastClient(adapter);
var customer = await client.Api.V1.Customers[Guid.Parse(args[2])].GetAsync();

// Typed fields: were the document to leave these untyped, they would be UntypedNode and this would not compile.
string? name = customer?.Name;
long? version = customer?.Version;
Console.WriteLine(name);
return name is null || version is null ? 1 : 0;

internal sealed class Bearer(string token) : IAuthenticationProvider
{
    public Task AuthenticateRequestAsync(
        RequestInformation request,
        Dictionary<string, object>? additionalAuthenticationContext = null,
        CancellationToken cancellationToken = default
    )
    {
        request.Headers.Add("Authorization", "Bearer " + token);
        return Task.CompletedTask;
    }
}
