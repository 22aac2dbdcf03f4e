using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Products;
using Steadfast.Platform.Api;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;
using Steadfast.Platform.ImportExport;
using Steadfast.Platform.Localization;

namespace Steadfast.Customers.Import;

/// <summary>Product models from a spreadsheet, matched by code.</summary>
internal sealed class ProductImporter(AppDbContext db, ProductService products, CustomFieldService fields, IStringLocalizer<Strings> t)
    : IImportTarget
{
    private List<CustomFieldDefinition>? _definitions;
    private readonly Dictionary<string, Product> _staged = new(StringComparer.OrdinalIgnoreCase);

    public string Name => "products";

    public IReadOnlyList<ImportField> Fields =>
        [
            new("code", "Code", "型号编码", true),
            new("name", "Name", "名称", true),
            new("category", "Category", "类别", false),
            new("warrantyMonths", "Warranty (months)", "保修期（月）", false),
            new("maintenanceDays", "Maintenance every N days", "每 N 天保养", false),
            new("maintenanceHours", "Maintenance every N hours", "每 N 运行小时保养", false),
            new("description", "Description", "说明", false),
            .. Definitions()
                .Select(d => new ImportField("cf." + d.Key, d.LabelEn, d.LabelZh.Length > 0 ? d.LabelZh : d.LabelEn, d.Required)),
        ];

    private List<CustomFieldDefinition> Definitions() =>
        _definitions ??= fields.ActiveDefinitionsAsync(ProductService.RecordType, default).GetAwaiter().GetResult();

    public async Task<IReadOnlyList<RowError>> StageAsync(IReadOnlyList<ImportRow> rows, CancellationToken ct)
    {
        var codes = rows.Select(r => CellParser.Text(r.Cells.GetValueOrDefault("code"))).OfType<string>().ToList();
        var existing = await db.Set<Product>().Where(p => codes.Contains(p.Code)).ToListAsync(ct);
        var errors = new List<RowError>();
        foreach (var row in rows)
        {
            var cells = new ImportCells(row, kind => t[$"Import.Error.Read.{kind}"]);
            static int? Whole(double? n) => n is null ? null : (int)Math.Round(n.Value);
            var input = new SaveProduct(
                cells.Text("code"),
                cells.Text("name"),
                cells.Text("category"),
                Whole(cells.Number("warrantyMonths")),
                Whole(cells.Number("maintenanceDays")),
                Whole(cells.Number("maintenanceHours")),
                cells.Text("description"),
                null,
                cells.CustomFields(Definitions()),
                null
            );
            if (cells.Problems.Count > 0)
            {
                errors.Add(new RowError(row.Number, cells.Problems.ToDictionary(p => p.Key, p => p.Value.ToArray())));
                continue;
            }
            var code = input.Code ?? "";
            var target = _staged.GetValueOrDefault(code)
                ?? existing.FirstOrDefault(p => string.Equals(p.Code, code, StringComparison.OrdinalIgnoreCase));
            var isNew = target is null;
            target ??= new Product { Id = Guid.CreateVersion7() };
            try
            {
                await products.ApplyAsync(target, isNew ? input : input with { Version = target.Version }, isNew, ct);
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
            _staged[code] = target;
        }
        return errors;
    }

    public void Flushed() => _staged.Clear();
}
