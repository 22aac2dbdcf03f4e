using Microsoft.Extensions.Localization;
using Steadfast.Customers.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.ImportExport;
using Steadfast.Platform.Localization;
using Steadfast.Sales.Opportunities;
using Steadfast.Sales.Orders;

namespace Steadfast.Sales.Import;

/// <summary>
/// Sales orders from the ERP's export, one order line per row: rows with the same ERP number make one order, created or
/// replaced by that number; the customer is named by its credit code or exact name, the model by its code.
/// </summary>
internal sealed class OrderImporter(OrderService orders, CustomerDirectory customers, CustomerScope scope, IStringLocalizer<Strings> t)
    : IImportTarget
{
    private Dictionary<string, ProductOption>? _models;

    public string Name => "sales-orders";

    public IReadOnlyList<ImportField> Fields =>
        [
            new("externalId", "ERP order number", "ERP 订单号", true),
            new("customer", "Customer (ERP id, credit code or name)", "客户（ERP 编号、信用代码或名称）", true),
            new("orderedOn", "Order date", "下单日期", true),
            new("deliveryOn", "Delivery date", "交付日期", false),
            new("model", "Model code", "型号编码", false),
            new("description", "Item", "品名", false),
            new("quantity", "Quantity", "数量", true),
            new("unitPrice", "Unit price", "单价", true, "yuan"),
        ];

    public async Task<IReadOnlyList<RowError>> StageAsync(IReadOnlyList<ImportRow> rows, CancellationToken ct)
    {
        _models ??= (await customers.ProductsAsync(ct)).ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase);
        var keys = await CustomerKeys.LoadAsync(scope, rows, "customer", ct);
        var errors = new List<RowError>();
        var groups = new Dictionary<string, (List<ImportRow> Rows, SaveOrder Order)>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var cells = new ImportCells(row, kind => t[$"Import.Error.Read.{kind}"]);
            var customer = keys.Resolve(cells, "customer", t);
            ProductOption? model = null;
            if (cells.Text("model") is { } code && !_models.TryGetValue(code, out model))
                cells.Problems["model"] = [t["Sales.Error.Product"]];
            var line = new SaveLine(
                model?.Id,
                cells.Text("description") ?? model?.Name,
                cells.Number("quantity") is { } q ? (decimal)q : null,
                cells.Number("unitPrice") is { } p ? (long)Math.Round(p * 100) : null
            );
            var externalId = cells.Text("externalId");
            if (externalId is null)
                cells.Problems["externalId"] = [t["Orders.Error.ExternalId"]];
            var orderedOn = cells.Date("orderedOn");
            var deliveryOn = cells.Date("deliveryOn");
            if (cells.Problems.Count > 0)
            {
                errors.Add(new RowError(row.Number, cells.Problems.ToDictionary(p => p.Key, p => p.Value.ToArray())));
                continue;
            }
            if (groups.TryGetValue(externalId!, out var g))
            {
                g.Rows.Add(row);
                g.Order.Lines!.Add(line);
            }
            else
                groups[externalId!] = ([row], new SaveOrder(customer, orderedOn, deliveryOn, null, null, null, [line], null));
        }
        foreach (var (externalId, (groupRows, order)) in groups)
        {
            try
            {
                await orders.UpsertByExternalIdAsync(externalId, order, ct);
            }
            catch (AppValidationException ex)
            {
                var problems = ex.Errors.ToDictionary().ToDictionary(e => LineField(e.Key), e => e.Value);
                errors.AddRange(groupRows.Select(r => new RowError(r.Number, problems)));
            }
        }
        return errors;
    }

    // "lines[0].quantity" is the row's "quantity": a file's row is one line.
    private static string LineField(string key) =>
        key.StartsWith("lines[", StringComparison.Ordinal) && key.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot
            ? key[(dot + 1)..]
            : key;

    public void Flushed() { }
}
