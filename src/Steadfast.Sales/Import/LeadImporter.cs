using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.ImportExport;
using Steadfast.Platform.Localization;
using Steadfast.Sales.Leads;

namespace Steadfast.Sales.Import;

/// <summary>
/// Leads from a spreadsheet (a trade show's visitor list): each goes through the same entry as one typed in, assigned by
/// the rules one after the other so round robin and the cap hold within the file.
/// </summary>
internal sealed class LeadImporter(LeadService leads, CustomFieldService fields, StringTables tables, IStringLocalizer<Strings> t)
    : IImportTarget
{
    private List<CustomFieldDefinition>? _definitions;

    public string Name => "leads";

    public IReadOnlyList<ImportField> Fields =>
        [
            new("companyName", "Company", "公司名称", false),
            new("contactName", "Contact", "联系人", false),
            new("phone", "Phone", "电话", false),
            new("email", "E-mail", "邮箱", false),
            new("province", "Province", "省份", false),
            new("city", "City", "城市", false),
            new("industry", "Industry", "行业", false),
            new("productCategory", "Product category", "产品类别", false),
            new("estimatedAmount", "Estimated amount", "预计金额", false, "yuan"),
            new("source", "Source", "来源", false, "trade show, online inquiry, phone…"),
            new("creditCode", "Credit code", "统一社会信用代码", false),
            new("notes", "Notes", "备注", false),
            .. Definitions()
                .Select(d => new ImportField("cf." + d.Key, d.LabelEn, d.LabelZh.Length > 0 ? d.LabelZh : d.LabelEn, d.Required)),
        ];

    private List<CustomFieldDefinition> Definitions() =>
        _definitions ??= fields.ActiveDefinitionsAsync(Lead.RecordTypeName, default).GetAwaiter().GetResult();

    public async Task<IReadOnlyList<RowError>> StageAsync(IReadOnlyList<ImportRow> rows, CancellationToken ct)
    {
        var errors = new List<RowError>();
        foreach (var row in rows)
        {
            var cells = new ImportCells(row, kind => t[$"Import.Error.Read.{kind}"]);
            var source = cells.Choice<LeadSource>("source", s => tables.InBoth($"Leads.Source.{s}")) ?? LeadSource.Import;
            var input = new SaveLead(
                source == LeadSource.Referral ? LeadSource.Import : source,
                cells.Text("companyName"),
                cells.Text("creditCode"),
                cells.Text("contactName"),
                cells.Text("phone"),
                cells.Text("email"),
                cells.Text("province"),
                cells.Text("city"),
                cells.Text("industry"),
                cells.Text("productCategory"),
                null,
                cells.Number("estimatedAmount") is { } yuan ? (long)Math.Round(yuan * 100) : null,
                cells.Text("notes"),
                null,
                null,
                null,
                null,
                cells.CustomFields(Definitions()),
                null
            );
            if (cells.Problems.Count > 0)
            {
                errors.Add(new RowError(row.Number, cells.Problems.ToDictionary(p => p.Key, p => p.Value.ToArray())));
                continue;
            }
            try
            {
                // Saved one by one: the next lead's assignment counts this one (inside the import's transaction when it has one).
                await leads.CreateCoreAsync(input, ct, imported: true);
            }
            catch (AppValidationException ex)
            {
                errors.Add(new RowError(row.Number, ex.Errors.ToDictionary().ToDictionary(e => ImportCells.FieldOf(e.Key), e => e.Value)));
            }
        }
        return errors;
    }

    public void Flushed() { }
}
