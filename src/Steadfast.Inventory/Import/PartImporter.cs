using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Public;
using Steadfast.Inventory.Parts;
using Steadfast.Platform.Api;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;
using Steadfast.Platform.ImportExport;
using Steadfast.Platform.Localization;

namespace Steadfast.Inventory.Import;

/// <summary>Parts from a spreadsheet, matched by part number; compatible models by their codes, separated by commas.</summary>
internal sealed class PartImporter(
    AppDbContext db,
    PartService parts,
    CustomFieldService fields,
    CustomerDirectory customers,
    IStringLocalizer<Strings> t
) : IImportTarget
{
    private List<CustomFieldDefinition>? _definitions;
    private Dictionary<string, Guid>? _models;
    private readonly Dictionary<string, Part> _staged = new(StringComparer.OrdinalIgnoreCase);

    public string Name => "parts";

    public IReadOnlyList<ImportField> Fields =>
        [
            new("number", "Part number", "备件编号", true),
            new("name", "Name", "名称", true),
            new("specification", "Specification", "规格型号", false),
            new("unit", "Unit", "单位", false),
            new("unitCost", "Unit cost", "单位成本", false, "yuan"),
            new("salePrice", "Sale price", "销售价", false, "yuan"),
            new("reorderPoint", "Reorder point", "再订货点", false),
            new("reorderQuantity", "Reorder quantity", "再订货量", false),
            new("lifeDays", "Life (days)", "寿命（天）", false),
            new("lifeHours", "Life (running hours)", "寿命（运行小时）", false),
            new("models", "Fits models", "适用型号", false, "model codes, comma separated"),
            .. Definitions()
                .Select(d => new ImportField("cf." + d.Key, d.LabelEn, d.LabelZh.Length > 0 ? d.LabelZh : d.LabelEn, d.Required)),
        ];

    private List<CustomFieldDefinition> Definitions() =>
        _definitions ??= fields.ActiveDefinitionsAsync(PartService.RecordType, default).GetAwaiter().GetResult();

    public async Task<IReadOnlyList<RowError>> StageAsync(IReadOnlyList<ImportRow> rows, CancellationToken ct)
    {
        _models ??= (await customers.ProductsAsync(ct)).ToDictionary(p => p.Code, p => p.Id, StringComparer.OrdinalIgnoreCase);
        var numbers = rows.Select(r => CellParser.Text(r.Cells.GetValueOrDefault("number"))).OfType<string>().ToList();
        var existing = await db.Set<Part>().Where(p => numbers.Contains(p.Number)).ToListAsync(ct);
        var errors = new List<RowError>();
        foreach (var row in rows)
        {
            var cells = new ImportCells(row, kind => t[$"Import.Error.Read.{kind}"]);
            static int? Whole(double? n) => n is null ? null : (int)Math.Round(n.Value);
            static long? Fen(double? yuan) => yuan is null ? null : (long)Math.Round(yuan.Value * 100);
            List<Guid>? models = null;
            if (cells.Text("models") is { } list)
            {
                models = [];
                foreach (var code in ImportCells.Split(list))
                    if (_models.TryGetValue(code, out var id))
                        models.Add(id);
                    else
                        cells.Problems["models"] = [t["Parts.Error.UnknownModel", code]];
            }
            var input = new SavePart(
                cells.Text("number"),
                cells.Text("name"),
                cells.Text("specification"),
                cells.Text("unit"),
                Fen(cells.Number("unitCost")),
                Fen(cells.Number("salePrice")),
                Whole(cells.Number("reorderPoint")),
                Whole(cells.Number("reorderQuantity")),
                Whole(cells.Number("lifeDays")),
                Whole(cells.Number("lifeHours")),
                null,
                null,
                models,
                cells.CustomFields(Definitions()),
                null
            );
            if (cells.Problems.Count > 0)
            {
                errors.Add(new RowError(row.Number, cells.Problems.ToDictionary(p => p.Key, p => p.Value.ToArray())));
                continue;
            }
            var number = input.Number ?? "";
            var target = _staged.GetValueOrDefault(number)
                ?? existing.FirstOrDefault(p => string.Equals(p.Number, number, StringComparison.OrdinalIgnoreCase));
            var isNew = target is null;
            target ??= new Part { Id = Guid.CreateVersion7() };
            try
            {
                await parts.ApplyAsync(target, isNew ? input : input with { Version = target.Version }, isNew, ct);
            }
            catch (AppValidationException ex)
            {
                errors.Add(new RowError(row.Number, ex.Errors.ToDictionary().ToDictionary(e => ImportCells.FieldOf(e.Key), e => e.Value)));
                continue;
            }
            if (isNew)
            {
                db.Add(target);
                existing.Add(target);
            }
            _staged[number] = target;
        }
        return errors;
    }

    public void Flushed() => _staged.Clear();
}
