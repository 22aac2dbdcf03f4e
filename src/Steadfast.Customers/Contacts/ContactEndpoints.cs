using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Steadfast.Platform.Api;
using Steadfast.Platform.Identity;

namespace Steadfast.Customers.Contacts;

internal static class ContactEndpoints
{
    public static void MapContactEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/customers/{customerId:guid}/contacts").WithTags("Contacts");
        g.MapGet("", (Guid customerId, ContactService s, CancellationToken ct) => s.ListAsync(customerId, ct))
            .RequirePolicy(Policies.SignedIn)
            .WithName("ListContacts")
            .WithSummary("List the contacts of a customer");
        g.MapPost("", async (Guid customerId, SaveContact body, ContactService s, CancellationToken ct) =>
            {
                var c = await s.CreateAsync(customerId, body, ct);
                return TypedResults.Created($"/api/v1/customers/{customerId}/contacts/{c.Id}", c);
            })
            .RequirePolicy(Policies.CustomerEditors)
            .WithName("CreateContact")
            .WithSummary("Add a contact to a customer");
        g.MapPut("/{id:guid}", (Guid customerId, Guid id, SaveContact body, HttpRequest req, ContactService s, CancellationToken ct) =>
                s.UpdateAsync(customerId, id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.CustomerEditors)
            .WithName("UpdateContact")
            .WithSummary("Update a contact");
    }
}
