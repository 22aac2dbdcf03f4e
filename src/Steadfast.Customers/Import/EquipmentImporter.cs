using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Customers;
using Steadfast.Customers.Equipment;
using Steadfast.Customers.Products;
using Steadfast.Customers.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;
using Steadfast.Platform.ImportExport;
using Steadfast.Platform.Localization;

namespace Steadfast.Customers.Import;

/// <summary>
/// Machines from a spreadsheet. The customer is found by external id, credit code or exact name; the
/// product by its code. A row matches a machine by external id, then by product + serial number.
/// </summary>
internal sealed class EquipmentImporter(
    AppDbContext db,
    EquipmentService equipment,
    CustomerScope scope,
    CustomFieldService fields,
    TimeProvider clock,
    StringTables tables,
    IStringLocalizer<Strings> t
) : IImportTarget
{
    private List<CustomFieldDefinition>? _definitions;
    private Dictionary<string, Guid>? _products;
    private readonly Dictionary<string, Machine> _staged = new(StringComparer.Ordinal);

    public string Name => "equipment";

    public IReadOnlyList<ImportField> Fields =>
        [
            new("externalId", "External id", "外部编号", false),
            new("serialNumber", "Serial number", "序列号", true),
            new("productCode", "Model code", "型号编码", true),
            new("customer", "Customer", "客户", true, "credit code, external id or exact name"),
            new("siteName", "Site", "安装地点", false),
            new("siteAddress", "Site address", "安装地址", false),
            new("latitude", "Latitude", "纬度", false),
            new("longitude", "Longitude", "经度", false),
            new("installedOn", "Installed on", "安装日期", false),
            new("commissionedOn", "Commissioned on", "调试日期", false),
            new("warrantyEndsOn", "Warranty ends", "保修截止", false),
            new("status", "Status", "状态", false),
            new("configuration", "Configuration", "配置", false),
            .. Definitions()
                .Select(d => new ImportField("cf." + d.Key, d.LabelEn, d.LabelZh.Length > 0 ? d.LabelZh : d.LabelEn, d.Required)),
        ];

    private List<CustomFieldDefinition> Definitions() =>
        _definitions ??= fields.ActiveDefinitionsAsync(EquipmentService.RecordType, default).GetAwaiter().GetResult();

    public async Task<IReadOnlyList<RowError>> StageAsync(IReadOnlyList<ImportRow> rows, CancellationToken ct)
    {
        _products ??= await db.Set<Product>().ToDictionaryAsync(p => p.Code, p => p.Id, StringComparer.OrdinalIgnoreCase, ct);
        var errors = new List<RowError>();
        var customers = await CustomerKeys.LoadAsync(scope, rows, "customer", ct);
        var externals = rows.Select(r => CellParser.Text(r.Cells.GetValueOrDefault("externalId"))).OfType<string>().ToList();
        var serials = rows.Select(r => CellParser.Text(r.Cells.GetValueOrDefault("serialNumber")))
            .OfType<string>()
            .Select(s => Text.HalfWidth(s).Trim().ToUpperInvariant())
            .ToList();
        var existing = await scope
            .Machines()
            .Where(m => (m.ExternalId != null && externals.Contains(m.ExternalId)) || serials.Contains(m.SerialNumber))
            .ToListAsync(ct);

        foreach (var row in rows)
        {
            var cells = new ImportCells(row, kind => t[$"Import.Error.Read.{kind}"]);
            Guid? productId = null;
            if (cells.Text("productCode") is { } code)
            {
                if (_products.TryGetValue(code, out var p))
                    productId = p;
                else
                    cells.Problems["productCode"] = [t["Equipment.Error.Product"]];
            }
            var customerId = customers.Resolve(cells, "customer", t);
            var input = new SaveMachine(
                cells.Text("serialNumber"),
                productId,
                customerId,
                cells.Text("siteName"),
                cells.Text("siteAddress"),
                cells.Number("latitude"),
                cells.Number("longitude"),
                cells.Date("installedOn"),
                cells.Date("commissionedOn"),
                cells.Date("warrantyEndsOn"),
                cells.Choice<MachineStatus>("status", v => tables.InBoth($"Equipment.Status.{v}")),
                cells.Text("configuration"),
                null,
                cells.Text("externalId"),
                cells.CustomFields(Definitions()),
                null
            );
            if (cells.Problems.Count > 0)
            {
                // Report the rules' complaints about the row too, checked against a scratch record that is never saved.
                errors.Add(
                    new RowError(
                        row.Number,
                        await cells.WithRuleErrorsAsync(() => equipment.ApplyAsync(new Machine(), input, isNew: true, ct))
                    )
                );
                continue;
            }
            var serial = Text.HalfWidth(input.SerialNumber ?? "").Trim().ToUpperInvariant();
            var target = (
                input.ExternalId is { } x ? _staged.GetValueOrDefault("x:" + x) ?? existing.FirstOrDefault(m => m.ExternalId == x) : null
            )
                ?? _staged.GetValueOrDefault($"s:{productId}:{serial}")
                ?? existing.FirstOrDefault(m => m.ProductId == productId && m.SerialNumber == serial);
            var isNew = target is null;
            target ??= new Machine
            {
                Id = Guid.CreateVersion7(),
                QrToken = EquipmentService.NewToken(),
                CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            };
            try
            {
                await equipment.ApplyAsync(target, input, isNew, ct);
            }
            catch (AppValidationException ex)
            {
                errors.Add(new RowError(row.Number, ex.Errors.ToDictionary().ToDictionary(e => ImportCells.FieldOf(e.Key), e => e.Value)));
                continue;
            }
            if (isNew)
                db.Add(target);
            if (target.ExternalId is { } ext)
                _staged["x:" + ext] = target;
            _staged[$"s:{target.ProductId}:{target.SerialNumber}"] = target;
        }
        return errors;
    }

    public void Flushed() => _staged.Clear();
}
