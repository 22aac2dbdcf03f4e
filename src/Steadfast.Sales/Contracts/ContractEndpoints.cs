using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Platform.Files;
using Steadfast.Platform.Identity;
using Steadfast.Platform.ImportExport;
using Steadfast.Platform.Localization;
using Steadfast.Sales.Receivables;

namespace Steadfast.Sales.Contracts;

internal static class ContractEndpoints
{
    public static void MapContractEndpoints(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/contracts").WithTags("Contracts");
        g.MapGet(
                "",
                (
                    string? q,
                    ContractKind? kind,
                    ContractStatus? status,
                    Guid? customerId,
                    Guid? ownerId,
                    Guid? machineId,
                    DateOnly? endsFrom,
                    DateOnly? endsTo,
                    int? page,
                    int? pageSize,
                    ContractService s,
                    CancellationToken ct
                ) =>
                    s.ListAsync(
                        new ContractQuery(q, kind, status, customerId, ownerId, machineId, endsFrom, endsTo),
                        PageRequest.From(page, pageSize),
                        ct
                    )
            )
            .RequirePolicy(Policies.ContractReaders)
            .WithName("ListContracts")
            .WithSummary("Contracts of the customers the caller may see (finance: all), newest start first");
        g.MapGet("/{id:guid}", (Guid id, ContractService s, CancellationToken ct) => s.GetAsync(id, ct))
            .RequirePolicy(Policies.ContractReaders)
            .WithName("GetContract")
            .WithSummary("A contract with its lines, covered machines, entitlements and payment plan");
        g.MapPost("", async (SaveContract body, ContractService s, CancellationToken ct) =>
            {
                var c = await s.CreateAsync(body, ct);
                return TypedResults.Created($"/api/v1/contracts/{c.Id}", c);
            })
            .RequirePolicy(Policies.ContractEditors)
            .WithName("CreateContract")
            .WithSummary("Draft a contract; a plan not adding up to the amount, a machine covered twice or a used number is a 400");
        g.MapPost("/from-opportunity", async (ContractFromOpportunity body, ContractService s, CancellationToken ct) =>
            {
                var c = await s.FromOpportunityAsync(body, ct);
                return TypedResults.Created($"/api/v1/contracts/{c.Id}", c);
            })
            .RequirePolicy(Policies.ContractEditors)
            .WithName("CreateContractFromOpportunity")
            .WithSummary("Draft a sales contract from a won opportunity (its accepted quote's lines)");
        g.MapPut("/{id:guid}", (Guid id, SaveContract body, HttpRequest req, ContractService s, CancellationToken ct) =>
                s.UpdateAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.ContractEditors)
            .WithName("UpdateContract")
            .WithSummary("Change a draft; anything else is a 409 (a signed contract changes by amendment)");
        g.MapPost("/{id:guid}/submit", (Guid id, HttpRequest req, ContractService s, CancellationToken ct) =>
                s.SubmitAsync(id, EndpointExtensions.VersionFrom(req, null), ct)
            )
            .RequirePolicy(Policies.ContractEditors)
            .WithName("SubmitContract")
            .WithSummary("Send a draft for approval (amount, discount, non-standard terms); approved at once when no process applies");
        g.MapPost("/{id:guid}/sign", (Guid id, SignContract body, HttpRequest req, ContractService s, CancellationToken ct) =>
                s.SignAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.ContractEditors)
            .WithName("SignContract")
            .WithSummary("Record the customer's signature (drawn on screen, or the uploaded signed PDF); the contract is then fixed");
        g.MapPost("/{id:guid}/milestones", (Guid id, ContractMilestone body, HttpRequest req, ContractService s, CancellationToken ct) =>
                s.MilestoneAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.ContractEditors)
            .WithName("SetContractMilestones")
            .WithSummary("Delivery and acceptance dates: instalments counting from them fall due");
        g.MapPost("/{id:guid}/terminate", (Guid id, TerminateContract body, HttpRequest req, ContractService s, CancellationToken ct) =>
                s.TerminateAsync(id, body with { Version = EndpointExtensions.VersionFrom(req, body.Version) }, ct)
            )
            .RequirePolicy(Policies.ContractEditors)
            .WithName("TerminateContract")
            .WithSummary("End a signed contract early, with a reason");
        g.MapPost("/{id:guid}/amend", async (Guid id, ContractService s, CancellationToken ct) =>
            {
                var c = await s.AmendAsync(id, ct);
                return TypedResults.Created($"/api/v1/contracts/{c.Id}", c);
            })
            .RequirePolicy(Policies.ContractEditors)
            .WithName("AmendContract")
            .WithSummary("Start an amendment: a draft copy that replaces the signed contract once it is approved and signed");
        g.MapGet("/renewals", (int? withinDays, bool? mine, int? page, int? pageSize, ContractService s, CancellationToken ct) =>
                s.RenewalsAsync(withinDays, mine ?? false, PageRequest.From(page, pageSize), ct)
            )
            .RequirePolicy(Policies.ContractReaders)
            .WithName("ListRenewals")
            .WithSummary("Service contracts ending within the window (60 days unless asked), with the renewal drafted for each");
        g.MapGet("/renewal-rate", (DateOnly? from, DateOnly? to, ContractService s, CancellationToken ct) =>
                s.RenewalRateAsync(from, to, ct)
            )
            .RequirePolicy(Policies.ContractReaders)
            .WithName("RenewalRate")
            .WithSummary("Renewed ÷ due to renew over service contracts ending in the period, month by month (12 months unless asked)");
        g.MapPost("/{id:guid}/renew", async (Guid id, RenewContract body, ContractService s, CancellationToken ct) =>
            {
                var c = await s.RenewAsync(id, body, ct);
                return TypedResults.Created($"/api/v1/contracts/{c.Id}", c);
            })
            .RequirePolicy(Policies.ContractEditors)
            .WithName("RenewContract")
            .WithSummary("Draft the next term: same machines and entitlements, priced with the uplift (3 % unless given), for approval");
        AttachmentRoutes.Map(
            api.MapGroup("/contracts/{id:guid}/attachments").WithTags("Contracts"),
            Contract.RecordTypeName,
            Policies.ContractEditors,
            (sp, id, ct) => sp.GetRequiredService<ContractService>().Visible().AnyAsync(c => c.Id == id, ct),
            Policies.ContractReaders
        );

        api.MapGet("/portal/contracts", (ContractService s, CancellationToken ct) => s.PortalAsync(ct))
            .WithTags("Portal")
            .RequirePolicy(Policies.ContractPortal)
            .WithName("ListMyContracts")
            .WithSummary("The caller's company's signed contracts, what they cover and include, and what is owed when (customers)");

        var p = api.MapGroup("/profitability").WithTags("Profitability");
        p.MapGet(
                "",
                (
                    Profitability.ProfitBy? by,
                    DateOnly? from,
                    DateOnly? to,
                    int? page,
                    int? pageSize,
                    Profitability.ProfitabilityReport s,
                    CancellationToken ct
                ) => s.ReportAsync(by, from, to, PageRequest.From(page, pageSize), ct)
            )
            .RequirePolicy(Policies.ProfitReaders)
            .WithName("Profitability")
            .WithSummary(
                "Revenue (invoiced contracts + billable service) minus cost per customer, service contract, product line or region"
            );
        p.MapGet(
                "/orders",
                (
                    Profitability.ProfitBy? by,
                    string? key,
                    DateOnly? from,
                    DateOnly? to,
                    int? page,
                    int? pageSize,
                    Profitability.ProfitabilityReport s,
                    CancellationToken ct
                ) => s.OrdersAsync(by, key, from, to, PageRequest.From(page, pageSize), ct)
            )
            .RequirePolicy(Policies.ProfitReaders)
            .WithName("ProfitabilityOrders")
            .WithSummary("The work orders behind a profitability figure, the most covered cost first");

        var r = api.MapGroup("/receivables").WithTags("Receivables");
        r.MapGet(
                "/ageing",
                (AgeingBy? by, Guid? ownerId, string? region, Guid? customerId, int? page, int? pageSize, Ageing s, CancellationToken ct) =>
                    s.ReportAsync(new AgeingQuery(by, ownerId, region, customerId), PageRequest.From(page, pageSize), ct)
            )
            .RequirePolicy(Policies.ReceivableReaders)
            .WithName("ReceivablesAgeing")
            .WithSummary("Open amounts by days overdue (not due, 0–30, 31–60, 61–90, 90+) per customer, owner or region, with totals");
        r.MapGet("/ageing/export", (Guid? ownerId, string? region, Guid? customerId, Ageing s, IStringLocalizer<Strings> t) =>
                ExcelExport.File(
                    s.LinesAsync(new AgeingQuery(null, ownerId, region, customerId)),
                    [
                        new ExportColumn<AgeingLine>(t["Receivables.By.Customer"], l => l.Customer),
                        new(t["Contracts.Number"], l => l.Contract),
                        new(t["Contracts.Instalment"], l => l.Instalment),
                        new(t["Contracts.DueOn"], l => l.DueOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                        new(t["Receivables.DaysOverdue"], l => l.DaysOverdue),
                        new(t["Receivables.Bucket"], l => t[l.Bucket].Value),
                        new(t["Receivables.Amount"], l => l.Amount / 100m),
                        new(t["Receivables.OpenYuan"], l => l.Open / 100m),
                        new(t["Receivables.By.Owner"], l => l.Owner),
                        new(t["Receivables.By.Region"], l => l.Region),
                    ],
                    "receivables.xlsx"
                )
            )
            .RequirePolicy(Policies.ReceivableReaders)
            .WithName("ExportReceivables")
            .WithSummary("Every open instalment behind the ageing (same filters), with days overdue and bucket, as .xlsx")
            .ProducesXlsx();
        r.MapGet("/customers/{customerId:guid}", (Guid customerId, Ageing s, CancellationToken ct) => s.OfCustomerAsync(customerId, ct))
            .RequirePolicy(Policies.ReceivableReaders)
            .WithName("CustomerReceivables")
            .WithSummary("A customer's open instalments by due date: what they owe and when");
        r.MapGet("/receipts", (Guid? customerId, Guid? contractId, int? page, int? pageSize, ReceiptService s, CancellationToken ct) =>
                s.ListAsync(customerId, contractId, PageRequest.From(page, pageSize), ct)
            )
            .RequirePolicy(Policies.ReceivableReaders)
            .WithName("ListReceipts")
            .WithSummary("Receipts, newest first, with what each paid");
        r.MapPost("/receipts", async (SaveReceipt body, ReceiptService s, CancellationToken ct) =>
            {
                var x = await s.RecordAsync(body, ct);
                return TypedResults.Created($"/api/v1/receivables/receipts/{x.Id}", x);
            })
            .RequirePolicy(Policies.FinanceWork)
            .WithName("RecordReceipt")
            .WithSummary("Record money received against instalments (oldest due first when not split); more than is open needs asCredit");
        r.MapPut("/receipts/by-external-id/{externalId}", UpsertAsync)
            .RequirePolicy(Policies.FinanceWork)
            .WithName("UpsertReceiptByExternalId")
            .WithSummary("ERP sync: record the receipt with this external id once (201), or answer the one recorded (200)");
        r.MapPost("/invoices", async (SaveInvoice body, ReceiptService s, CancellationToken ct) =>
            {
                var x = await s.InvoiceAsync(body, ct);
                return TypedResults.Created($"/api/v1/receivables/invoices/{x.Id}", x);
            })
            .RequirePolicy(Policies.FinanceWork)
            .WithName("RecordInvoice")
            .WithSummary("Record an invoice issued against an instalment (never more than is left to invoice)");
    }

    private static async Task<Results<Ok<ReceiptDto>, Created<ReceiptDto>>> UpsertAsync(
        string externalId,
        SaveReceipt body,
        ReceiptService s,
        CancellationToken ct
    )
    {
        var (receipt, created) = await s.UpsertByExternalIdAsync(externalId, body, ct);
        return created ? TypedResults.Created($"/api/v1/receivables/receipts/{receipt.Id}", receipt) : TypedResults.Ok(receipt);
    }
}
