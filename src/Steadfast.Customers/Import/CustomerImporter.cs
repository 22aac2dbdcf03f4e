using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Customers;
using Steadfast.Customers.Dealers;
using Steadfast.Customers.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;
using Steadfast.Platform.ImportExport;
using Steadfast.Platform.Localization;

namespace Steadfast.Customers.Import;

/// <summary>
/// Customers from a spreadsheet. A row matches an existing customer by external id, then by credit
/// code, and updates it; otherwise it creates one. The same rules as the API apply to every row.
/// </summary>
internal sealed class CustomerImporter(
    AppDbContext db,
    CustomerService customers,
    CustomerScope scope,
    CustomFieldService fields,
    TimeProvider clock,
    StringTables tables,
    IStringLocalizer<Strings> t
) : IImportTarget
{
    private List<CustomFieldDefinition>? _definitions;
    private Dictionary<string, Guid>? _users;
    private Dictionary<string, Guid>? _dealers;
    private readonly Dictionary<string, Customer> _staged = new(StringComparer.Ordinal);

    public string Name => "customers";

    public IReadOnlyList<ImportField> Fields =>
        [
            new("externalId", "External id", "外部编号", false),
            new("name", "Name", "客户名称", true),
            new("creditCode", "Credit code", "统一社会信用代码", false),
            new("industry", "Industry", "行业", false),
            new("province", "Province", "省份", false),
            new("city", "City", "城市", false),
            new("address", "Address", "地址", false),
            new("phone", "Phone", "电话", false),
            new("tier", "Tier", "客户等级", false),
            new("status", "Status", "状态", false),
            new("owner", "Owner", "负责人", false, "email or name"),
            new("dealer", "Dealer", "经销商", false),
            new("tags", "Tags", "标签", false),
            .. Definitions()
                .Select(d => new ImportField("cf." + d.Key, d.LabelEn, d.LabelZh.Length > 0 ? d.LabelZh : d.LabelEn, d.Required)),
        ];

    private List<CustomFieldDefinition> Definitions() =>
        _definitions ??= fields.ActiveDefinitionsAsync(CustomerService.RecordType, default).GetAwaiter().GetResult();

    public async Task<IReadOnlyList<RowError>> StageAsync(IReadOnlyList<ImportRow> rows, CancellationToken ct)
    {
        _users ??= await LookupUsersAsync(ct);
        _dealers ??= await db.Set<Dealer>().ToDictionaryAsync(d => d.Name, d => d.Id, StringComparer.OrdinalIgnoreCase, ct);
        var errors = new List<RowError>();
        var visible = scope.Customers();

        // One query per batch finds the rows' existing customers.
        var externals = rows.Select(r => CellParser.Text(r.Cells.GetValueOrDefault("externalId"))).OfType<string>().ToList();
        var credits = rows.Select(r => CellParser.Text(r.Cells.GetValueOrDefault("creditCode")))
            .OfType<string>()
            .Select(CreditCode.Normalize)
            .ToList();
        var existing = await db.Set<Customer>()
            .Where(c =>
                (c.ExternalId != null && externals.Contains(c.ExternalId)) || (c.CreditCode != null && credits.Contains(c.CreditCode))
            )
            .ToListAsync(ct);
        var visibleIds = (
            await visible.Where(c => existing.Select(e => e.Id).Contains(c.Id)).Select(c => c.Id).ToListAsync(ct)
        ).ToHashSet();

        foreach (var row in rows)
        {
            var cells = new ImportCells(row, kind => t[$"Import.Error.Read.{kind}"]);
            var external = cells.Text("externalId");
            var credit = cells.Text("creditCode") is { } raw ? CreditCode.Normalize(raw) : null;
            var input = new SaveCustomer(
                cells.Text("name"),
                cells.Text("creditCode"),
                cells.Text("industry"),
                cells.Text("province"),
                cells.Text("city"),
                cells.Text("address"),
                cells.Text("phone"),
                cells.Choice<CustomerTier>("tier", v => tables.InBoth($"Customers.Tier.{v}")),
                cells.Choice<CustomerStatus>("status", v => tables.InBoth($"Customers.Status.{v}")),
                null,
                null,
                cells.Text("tags") is { } tags ? ImportCells.Split(tags) : null,
                external,
                cells.CustomFields(Definitions()),
                null
            );
            if (cells.Text("owner") is { } owner)
            {
                if (_users.TryGetValue(owner, out var ownerId))
                    input = input with { OwnerId = ownerId };
                else
                    cells.Problems["owner"] = [t["Customers.Error.Owner"]];
            }
            if (cells.Text("dealer") is { } dealer)
            {
                if (_dealers.TryGetValue(dealer, out var dealerId))
                    input = input with { DealerId = dealerId };
                else
                    cells.Problems["dealer"] = [t["Customers.Error.Dealer"]];
            }

            var byExternal = external is not null
                ? _staged.GetValueOrDefault("x:" + external) ?? existing.FirstOrDefault(c => c.ExternalId == external)
                : null;
            var byCredit = credit is not null
                ? _staged.GetValueOrDefault("c:" + credit) ?? existing.FirstOrDefault(c => c.CreditCode == credit)
                : null;
            var target = byExternal ?? byCredit;
            // The row's external id and credit code must not point at two different customers.
            if (byExternal is not null && byCredit is not null && byExternal != byCredit)
                cells.Problems["creditCode"] = [t["Customers.Error.CreditCodeTaken"]];
            if (target is not null && !_staged.ContainsValue(target) && !visibleIds.Contains(target.Id))
                cells.Problems["creditCode"] = [t["Customers.Error.NotYours"]];
            if (cells.Problems.Count > 0)
            {
                // Report the rules' complaints about the row too, checked against a scratch record that is never saved.
                errors.Add(
                    new RowError(
                        row.Number,
                        await cells.WithRuleErrorsAsync(() => customers.ApplyAsync(new Customer(), input, isNew: true, ct))
                    )
                );
                continue;
            }
            var isNew = target is null;
            target ??= new Customer { Id = Guid.CreateVersion7(), CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
            try
            {
                await customers.ApplyAsync(target, isNew ? customers.Defaults(input) : input, isNew, ct, lookupsDone: true);
            }
            catch (AppValidationException ex)
            {
                errors.Add(new RowError(row.Number, ex.Errors.ToDictionary().ToDictionary(e => ImportCells.FieldOf(e.Key), e => e.Value)));
                continue;
            }
            if (isNew)
                db.Add(target);
            if (target.ExternalId is { } x)
                _staged["x:" + x] = target;
            if (target.CreditCode is { } c)
                _staged["c:" + c] = target;
        }
        return errors;
    }

    public void Flushed() => _staged.Clear();

    private async Task<Dictionary<string, Guid>> LookupUsersAsync(CancellationToken ct)
    {
        var users = await db
            .Users.Where(u => u.IsActive)
            .Select(u => new
            {
                u.Id,
                u.Email,
                u.DisplayName,
            })
            .ToListAsync(ct);
        var map = new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase);
        foreach (var u in users)
        {
            if (u.Email is not null)
                map.TryAdd(u.Email, u.Id);
            map.TryAdd(u.DisplayName, u.Id);
        }
        return map;
    }
}
