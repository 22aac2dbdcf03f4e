using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Identity;
using Steadfast.Platform.ImportExport;
using Steadfast.Platform.Localization;

namespace Steadfast.Customers.Customers;

internal static class CustomerEndpoints
{
    public static void MapCustomerEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/customers").WithTags("Customers");
        g.MapGet("", List)
            .RequirePolicy(Policies.SignedIn)
            .WithName("ListCustomers")
            .WithSummary("Customers you may see. q searches name, credit code and contact phones; cf.<key>= filters custom fields.");
        g.MapGet("/export", Export)
            .RequirePolicy(Policies.Exporters)
            .WithName("ExportCustomers")
            .WithSummary("The filtered list as .xlsx, headers in your language.")
            .ProducesXlsx();
        g.MapGet("/{id:guid}", (Guid id, CustomerService s, CancellationToken ct) => s.GetAsync(id, ct))
            .RequirePolicy(Policies.SignedIn)
            .WithName("GetCustomer")
            .WithSummary("One customer; the id of a merged-away customer returns the one it was merged into.");
        g.MapPost("", async (SaveCustomer body, CustomerService s, CancellationToken ct) =>
            {
                var c = await s.CreateAsync(body, ct);
                return TypedResults.Created($"/api/v1/customers/{c.Id}", c);
            })
            .RequirePolicy(Policies.CustomerEditors)
            .WithName("CreateCustomer")
            .WithSummary("Create a customer");
        g.MapPut("/{id:guid}", (Guid id, SaveCustomer body, HttpRequest req, CustomerService s, CancellationToken ct) =>
                s.UpdateAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.CustomerEditors)
            .WithName("UpdateCustomer")
            .WithSummary("Update a customer");
        g.MapPut("/by-external-id/{externalId}", UpsertByExternalId)
            .RequirePolicy(Policies.CustomerEditors)
            .WithName("UpsertCustomerByExternalId")
            .WithSummary("ERP sync: create or update the customer with this external id.");
        g.MapGet(
                "/{id:guid}/timeline",
                (Guid id, [FromQuery] string[]? kind, int? page, int? pageSize, CustomerService s, CancellationToken ct) =>
                    s.TimelineAsync(id, kind ?? [], PageRequest.From(page, pageSize), ct)
            )
            .RequirePolicy(Policies.SignedIn)
            .WithName("CustomerTimeline")
            .WithSummary(
                "The customer's timeline, newest first, paged: follow-ups, notes you may see, contacts, machines, work orders, "
                    + "complaints, surveys, call-backs. kind (repeated or comma-separated) keeps only those kinds; the answer lists "
                    + "the kinds there are."
            );
        g.MapGet("/duplicates", (CustomerService s, CancellationToken ct) => s.DuplicatesAsync(ct))
            .RequirePolicy(Policies.CustomerEditors)
            .WithName("CustomerDuplicates")
            .WithSummary("Customers that look like duplicates of each other");
        g.MapPost("/merge", (MergeRequest body, CustomerService s, CancellationToken ct) => s.MergeAsync(body, ct))
            .RequirePolicy(Policies.CustomerEditors)
            .WithName("MergeCustomers")
            .WithSummary("Merge loserId into survivorId: contacts, follow-ups and machines move; the loser's id keeps resolving.");
        g.MapGet("/not-contacted", (int? days, Guid? ownerId, int? page, int? pageSize, CustomerService s, CancellationToken ct) =>
                s.NotContactedAsync(Math.Clamp(days ?? 90, 1, 3650), ownerId, PageRequest.From(page, pageSize), ct)
            )
            .RequirePolicy(Policies.Staff)
            .WithName("CustomersNotContacted")
            .WithSummary("Customers not contacted for N days");
        g.MapGet("/heatmap", (CustomerService s, CancellationToken ct) => s.HeatmapAsync(ct))
            .RequirePolicy(Policies.Staff)
            .WithName("FollowUpHeatmap")
            .WithSummary("Per owner: customers by days since last contact (≤30, ≤60, ≤90, ≤180, >180, never).");
    }

    internal static CustomerQuery Query(HttpRequest r)
    {
        var read = new QueryReader(r);
        var query = new CustomerQuery(
            read.Text("q"),
            read.Enum<CustomerTier>("tier"),
            read.Enum<CustomerStatus>("status"),
            read.Text("province"),
            read.Text("city"),
            read.Id("ownerId"),
            read.Id("dealerId"),
            read.Text("tag"),
            read.Number("notContactedDays", 1, 3650),
            read.Text("sort")
        )
        {
            FollowUpDue = read.Bool("followUpDue"),
            Mine = read.Bool("mine"),
        };
        read.ThrowIfInvalid();
        return query;
    }

    internal static IReadOnlyList<CustomFieldFilter> Filters(HttpRequest r) =>
        CustomFieldQuery.ParseFilters(r.Query.Select(kv => new KeyValuePair<string, string?>(kv.Key, kv.Value.ToString())));

    private static Task<PagedResult<CustomerListItem>> List(
        HttpRequest request,
        int? page,
        int? pageSize,
        CustomerService s,
        CancellationToken ct
    ) => s.ListAsync(Query(request), Filters(request), PageRequest.From(page, pageSize), ct);

    private static async Task<IResult> Export(HttpRequest request, CustomerService s, IStringLocalizer<Strings> t, CancellationToken ct)
    {
        var (query, filters) = (Query(request), Filters(request));
        await s.CheckAsync(query, filters, ct);
        ExportColumn<CustomerListItem>[] columns =
        [
            new(t["Customers.Name"], c => c.Name),
            new(t["Customers.CreditCode"], c => c.CreditCode),
            new(t["Customers.Industry"], c => c.Industry),
            new(t["Customers.Province"], c => c.Province),
            new(t["Customers.City"], c => c.City),
            new(t["Customers.Tier"], c => t[$"Customers.Tier.{c.Tier}"].Value),
            new(t["Customers.Status"], c => t[$"Customers.Status.{c.Status}"].Value),
            new(t["Customers.Owner"], c => c.OwnerName),
            new(t["Customers.Dealer"], c => c.DealerName),
            new(t["Customers.Tags"], c => string.Join(", ", c.Tags)),
            new(t["Customers.LastContact"], c => CustomerService.FormatDate(c.LastContactAt)),
            new(t["Customers.Machines"], c => c.Machines),
        ];
        return ExcelExport.File(s.AllAsync(query, filters), columns, "customers.xlsx");
    }

    private static async Task<Results<Ok<CustomerDetail>, Created<CustomerDetail>>> UpsertByExternalId(
        string externalId,
        SaveCustomer body,
        CustomerService s,
        CancellationToken ct
    )
    {
        var (customer, created) = await s.UpsertByExternalIdAsync(externalId, body, ct);
        return created ? TypedResults.Created($"/api/v1/customers/{customer.Id}", customer) : TypedResults.Ok(customer);
    }
}
