using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Steadfast.Web.Api;

/// <summary>The document's front matter: what the API is, how to authenticate, what each tag covers.</summary>
internal sealed class OpenApiInfoTransformer : IOpenApiDocumentTransformer
{
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Auth"] = "Session tokens for API clients.",
        ["Audit"] = "The append-only log of every change to a business record.",
        ["Public"] = "Pages a customer reaches without an account: the QR label, the tracking link, the survey, the service report.",
        ["Work orders"] = "Service work orders (售后工单): intake, the lifecycle, photos, signature, parts, costs.",
        ["Service dashboard"] = "Service KPIs computed in the database: response, MTTR, first-time fix, SLA, CSAT, NPS.",
        ["Users"] = "User accounts and their roles.",
        ["Teams"] = "Teams and the regions they cover.",
        ["Company"] = "The company profile: currency, time zone, business hours, holidays and 调休 working days.",
        ["Custom fields"] = "Fields an admin adds to customers, machines, parts and users.",
        ["Import"] = "Excel and CSV imports with column mapping and a row-by-row error report.",
        ["Saved views"] = "A user's saved filters of a list.",
        ["Customers"] = "Customers (客户360): credit code, tier, owner, dealer, duplicates and merge, ERP upsert.",
        ["Contacts"] = "A customer's contacts and their place in the decision chain.",
        ["Follow-ups"] = "Calls, visits and meetings with a customer, and private notes.",
        ["Dealers"] = "Dealers and the customers they registered.",
        ["Products"] = "Product models: warranty and maintenance hints.",
        ["Equipment"] = "Machines sold (一机一档): serial, site, warranty, readings, attachments, QR label, timeline.",
        ["Parts"] = "The spare-parts catalogue, requests and reports.",
        ["Stock"] = "Warehouses and vans, the stock ledger, transfers and counts.",
        ["Dispatch"] = "Engineers, ranked suggestions, assignment and the order pool.",
        ["Tasks"] = "Tasks (待办) for a person or a role's pool, about a record, made by hand or by rules.",
        ["Automation"] = "Rules (trigger + conditions + actions), their run log, revisions, templates and the simulator.",
        ["Approvals"] =
            "Approvals (审批): the inbox, decisions, resubmit and withdraw, delegations, the signed link; processes and the monitor.",
        ["Call-backs"] = "Call-back tasks (回访) after a visit.",
        ["SLA"] = "SLA policies per severity and customer tier.",
        ["Notifications"] = "The signed-in user's in-app notifications.",
        ["Notification settings"] = "Mail and robot/webhook channels for notifications.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Steadfast API",
            Version = "v1",
            Description =
                "After-sales service and customer-loyalty platform. Authenticate with POST /api/v1/auth/token, then send "
                + "Authorization: Bearer <token>. Lists page with ?page=&pageSize= (max 500) and answer { items, total }. Updates carry "
                + "version (409 when stale). POST accepts Idempotency-Key.",
            License = new OpenApiLicense { Name = "Proprietary", Url = new Uri("https://steadfast.local/license") },
        };
        // The generator names the server it was asked from with a trailing slash; paths already start with one.
        foreach (var server in document.Servers ?? [])
            server.Url = server.Url?.TrimEnd('/');
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[OpenApiSecurity.Bearer] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A session token from /api/v1/auth/token or a personal access token.",
        };
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
            if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description))
                tag.Description = description;
        return Task.CompletedTask;
    }
}
