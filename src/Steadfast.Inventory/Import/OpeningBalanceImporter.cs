using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Inventory.Parts;
using Steadfast.Inventory.Public;
using Steadfast.Inventory.Stock;
using Steadfast.Inventory.Warehouses;
using Steadfast.Platform.Data;
using Steadfast.Platform.ImportExport;
using Steadfast.Platform.Localization;

namespace Steadfast.Inventory.Import;

/// <summary>
/// Opening balances (期初库存): one receipt per row into the ledger, part by number and warehouse by code.
/// Stock only changes through the ledger, so the rows are posted here in a transaction of their own (or in
/// the all-or-nothing import's transaction), not staged for the engine to save.
/// </summary>
internal sealed class OpeningBalanceImporter(AppDbContext db, StockLedger ledger, IStringLocalizer<Strings> t) : IImportTarget
{
    public string Name => "opening-balances";

    public IReadOnlyList<ImportField> Fields =>
        [
            new("partNumber", "Part number", "备件编号", true),
            new("warehouseCode", "Warehouse code", "仓库编码", true),
            new("quantity", "Quantity", "数量", true),
            new("unitCost", "Unit cost", "单位成本", false, "yuan; the part's standard cost when empty"),
        ];

    public async Task<IReadOnlyList<RowError>> StageAsync(IReadOnlyList<ImportRow> rows, CancellationToken ct)
    {
        var numbers = rows.Select(r => CellParser.Text(r.Cells.GetValueOrDefault("partNumber"))).OfType<string>().ToList();
        var parts = await db.Set<Part>()
            .AsNoTracking()
            .Where(p => numbers.Contains(p.Number))
            .ToDictionaryAsync(p => p.Number, StringComparer.OrdinalIgnoreCase, ct);
        var warehouses = await db.Set<Warehouse>()
            .AsNoTracking()
            .Where(w => w.IsActive)
            .ToDictionaryAsync(w => w.Code, w => w.Id, StringComparer.OrdinalIgnoreCase, ct);
        var errors = new List<RowError>();
        var good = new List<(Part Part, Guid Warehouse, long Quantity, long UnitCost)>();
        foreach (var row in rows)
        {
            var cells = new ImportCells(row, kind => t[$"Import.Error.Read.{kind}"]);
            var part = cells.Text("partNumber") is { } n && parts.TryGetValue(n, out var p) ? p : null;
            if (part is null)
                cells.Problems["partNumber"] = [t["Common.NotFound"]];
            var wh = cells.Text("warehouseCode") is { } c && warehouses.TryGetValue(c, out var w) ? w : (Guid?)null;
            if (wh is null)
                cells.Problems["warehouseCode"] = [t["Common.NotFound"]];
            var q = cells.Number("quantity");
            if (q is null or < 1 or > 10_000_000 || q != Math.Floor(q.Value))
                cells.Problems["quantity"] = [t["Stock.Error.Quantity"]];
            var cost = cells.Number("unitCost");
            if (cost is < 0 or > 100_000_000)
                cells.Problems["unitCost"] = [t["Common.Error.Range", 0, 100_000_000]];
            if (cells.Problems.Count > 0)
            {
                errors.Add(new RowError(row.Number, cells.Problems.ToDictionary(x => x.Key, x => x.Value.ToArray())));
                continue;
            }
            good.Add((part!, wh!.Value, (long)q!.Value, cost is { } y ? (long)Math.Round(y * 100) : part!.UnitCost));
        }
        if (good.Count > 0)
            await db.InTransactionAsync(
                async () =>
                {
                    foreach (var (part, wh, q, unitCost) in good)
                        await ledger.PutAsync(
                            new StockMovement
                            {
                                Kind = MovementKind.Receive,
                                PartId = part.Id,
                                WarehouseId = wh,
                                Reason = t["Stock.OpeningBalance"],
                            },
                            q,
                            q * unitCost,
                            ct
                        );
                    await db.SaveChangesAsync(ct);
                    return 0;
                },
                ct
            );
        return errors;
    }

    public void Flushed() { }
}
