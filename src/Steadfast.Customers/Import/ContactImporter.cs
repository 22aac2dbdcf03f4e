using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Contacts;
using Steadfast.Customers.Customers;
using Steadfast.Customers.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.Data;
using Steadfast.Platform.ImportExport;
using Steadfast.Platform.Localization;

namespace Steadfast.Customers.Import;

/// <summary>
/// Contacts from a spreadsheet, attached to a customer found by credit code, external id or exact name.
/// A row updates the customer's contact with the same mobile number (or name, without one).
/// </summary>
internal sealed class ContactImporter(
    AppDbContext db,
    ContactService contacts,
    CustomerScope scope,
    TimeProvider clock,
    StringTables tables,
    IStringLocalizer<Strings> t
) : IImportTarget
{
    private readonly Dictionary<string, Contact> _staged = new(StringComparer.Ordinal);

    public string Name => "contacts";

    public IReadOnlyList<ImportField> Fields =>
        [
            new("customer", "Customer", "客户", true, "credit code, external id or exact name"),
            new("name", "Name", "姓名", true),
            new("title", "Title", "职务", false),
            new("mobile", "Mobile", "手机", false),
            new("phone", "Phone", "座机", false),
            new("email", "Email", "邮箱", false),
            new("weChat", "WeChat", "微信", false),
            new("role", "Decision role", "决策角色", false),
            new("personality", "Personality", "性格特征", false),
            new("isPrimary", "Primary", "主联系人", false),
        ];

    public async Task<IReadOnlyList<RowError>> StageAsync(IReadOnlyList<ImportRow> rows, CancellationToken ct)
    {
        var customers = await CustomerKeys.LoadAsync(scope, rows, "customer", ct);
        var ids = customers.Ids.ToList();
        var existing = await db.Set<Contact>().Where(c => ids.Contains(c.CustomerId)).ToListAsync(ct);
        var errors = new List<RowError>();
        foreach (var row in rows)
        {
            var cells = new ImportCells(row, kind => t[$"Import.Error.Read.{kind}"]);
            var customerId = customers.Resolve(cells, "customer", t);
            bool? primary = cells.Has("isPrimary")
                ? CellParser.TryBool(row.Cells["isPrimary"], out var b)
                    ? b
                    : null
                : null;
            if (cells.Has("isPrimary") && primary is null)
                cells.Problems["isPrimary"] = [t["Import.Error.Read.yesno"]];
            var input = new SaveContact(
                cells.Text("name"),
                cells.Text("title"),
                cells.Text("mobile"),
                cells.Text("phone"),
                cells.Text("email"),
                cells.Text("weChat"),
                cells.Choice<DecisionRole>("role", v => tables.InBoth($"Contacts.Role.{v}")),
                cells.Text("personality"),
                primary,
                true,
                null
            );
            if (cells.Problems.Count > 0 || customerId is null)
            {
                errors.Add(new RowError(row.Number, cells.Problems.ToDictionary(p => p.Key, p => p.Value.ToArray())));
                continue;
            }
            var matchKey = $"{customerId}:{input.Mobile ?? "#" + input.Name}";
            var target = _staged.GetValueOrDefault(matchKey)
                ?? existing.FirstOrDefault(c =>
                    c.CustomerId == customerId && (input.Mobile is { Length: > 0 } m ? c.Mobile == m : c.Name == input.Name)
                );
            var isNew = target is null;
            target ??= new Contact
            {
                Id = Guid.CreateVersion7(),
                CustomerId = customerId.Value,
                CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            };
            try
            {
                contacts.Apply(target, input, isNew);
            }
            catch (AppValidationException ex)
            {
                errors.Add(new RowError(row.Number, ex.Errors.ToDictionary().ToDictionary(e => e.Key, e => e.Value)));
                continue;
            }
            if (isNew)
            {
                db.Add(target);
                existing.Add(target);
            }
            _staged[matchKey] = target;
        }
        return errors;
    }

    public void Flushed() => _staged.Clear();
}
