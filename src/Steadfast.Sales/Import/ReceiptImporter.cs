using Microsoft.Extensions.Localization;
using Steadfast.Customers.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.Identity;
using Steadfast.Platform.ImportExport;
using Steadfast.Platform.Localization;
using Steadfast.Sales.Receivables;

namespace Steadfast.Sales.Import;

/// <summary>
/// Receipts from the bank statement or the ERP, one per row, applied to the customer's oldest due instalments as a
/// receipt recorded by hand is. The bank's or ERP's id makes a row safe to import twice: a receipt already recorded under
/// it is left as it is. More than the customer owes is refused unless the row says to hold it as credit.
/// </summary>
internal sealed class ReceiptImporter(ReceiptService receipts, CustomerScope scope, IStringLocalizer<Strings> t) : IImportTarget
{
    public string Name => "receipts";

    public IReadOnlyList<string> Roles => [Platform.Identity.Roles.Admin, Platform.Identity.Roles.Finance];

    public IReadOnlyList<ImportField> Fields =>
        [
            new("externalId", "Bank or ERP receipt id", "银行流水号或 ERP 收款单号", true),
            new("customer", "Customer (ERP id, credit code or name)", "客户（ERP 编号、信用代码或名称）", true),
            new("receivedOn", "Received on", "到账日期", true),
            new("amount", "Amount", "金额", true, "yuan"),
            new("reference", "Bank reference", "银行摘要", false),
            new("notes", "Notes", "备注", false),
            new("asCredit", "Hold the rest as credit (yes/no)", "余额转预收（是/否）", false),
        ];

    public async Task<IReadOnlyList<RowError>> StageAsync(IReadOnlyList<ImportRow> rows, CancellationToken ct)
    {
        var keys = await CustomerKeys.LoadAsync(scope, rows, "customer", ct);
        var errors = new List<RowError>();
        foreach (var row in rows)
        {
            var cells = new ImportCells(row, kind => t[$"Import.Error.Read.{kind}"]);
            var customer = keys.Resolve(cells, "customer", t);
            var externalId = cells.Text("externalId");
            if (externalId is null)
                cells.Problems["externalId"] = [t["Orders.Error.ExternalId"]];
            var amount = cells.Number("amount") is { } yuan ? (long?)Math.Round((decimal)yuan * 100) : null;
            var asCredit = cells.Text("asCredit") is { } credit ? Yes(credit) : false;
            var input = new SaveReceipt(
                customer,
                cells.Date("receivedOn"),
                amount,
                cells.Text("reference"),
                cells.Text("notes"),
                null,
                asCredit
            );
            if (cells.Problems.Count == 0)
            {
                try
                {
                    await receipts.UpsertByExternalIdAsync(externalId!, input, ct);
                    continue;
                }
                catch (AppValidationException ex)
                {
                    foreach (var (field, messages) in ex.Errors.ToDictionary())
                        cells.Problems[field == "customerId" ? "customer" : field] = [.. messages];
                }
            }
            errors.Add(new RowError(row.Number, cells.Problems.ToDictionary(p => p.Key, p => p.Value.ToArray())));
        }
        return errors;
    }

    private static bool Yes(string text) => text.Trim().ToUpperInvariant() is "Y" or "YES" or "TRUE" or "1" or "是";

    public void Flushed() { }
}
