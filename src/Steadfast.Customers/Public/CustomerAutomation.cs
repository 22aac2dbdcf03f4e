using Microsoft.EntityFrameworkCore;
using Steadfast.Customers.Customers;
using Steadfast.Customers.Equipment;
using Steadfast.Platform.Automation;
using Steadfast.Platform.Data;

namespace Steadfast.Customers.Public;

/// <summary>
/// The customer's and the machine's fields a rule on another record may read ("customer.Tier", "machine.SerialNumber"):
/// their definitions, and their values read without the reader's scope, since a rule runs as no one in particular.
/// </summary>
public static class CustomerAutomation
{
    public static readonly IReadOnlyList<AutomationField> CustomerFields =
    [
        new("customer.Name", FieldKind.Text, "Customers.Name"),
        new("customer.Tier", FieldKind.Choice, "Customers.Tier")
        {
            Choices = Enum.GetNames<CustomerTier>(),
            ChoiceLabelPrefix = "Customers.Tier.",
        },
        new("customer.Province", FieldKind.Text, "Customers.Province"),
        new("customer.Industry", FieldKind.Text, "Customers.Industry"),
        new("customer.OwnerId", FieldKind.User, "Customers.Owner"),
    ];

    public static readonly IReadOnlyList<AutomationField> MachineFields =
    [
        new("machine.SerialNumber", FieldKind.Text, "Equipment.Serial"),
        new("machine.WarrantyEndsOn", FieldKind.Date, "Equipment.WarrantyEndsOn"),
    ];

    public static async Task<Dictionary<string, string?>> RelatedAsync(
        AppDbContext db,
        Guid? customerId,
        Guid? machineId,
        CancellationToken ct
    )
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (customerId is { } cid)
        {
            var c = await db.Set<Customer>()
                .AsNoTracking()
                .Where(x => x.Id == cid)
                .Select(x => new
                {
                    x.Name,
                    x.Tier,
                    x.Province,
                    x.Industry,
                    x.OwnerId,
                })
                .SingleOrDefaultAsync(ct);
            if (c is not null)
            {
                values["customer.Name"] = c.Name;
                values["customer.Tier"] = Format("Tier", c.Tier);
                values["customer.Province"] = c.Province;
                values["customer.Industry"] = c.Industry;
                values["customer.OwnerId"] = Format("OwnerId", c.OwnerId);
            }
        }
        if (machineId is { } mid)
        {
            var m = await db.Set<Machine>()
                .AsNoTracking()
                .Where(x => x.Id == mid)
                .Select(x => new { x.SerialNumber, x.WarrantyEndsOn })
                .SingleOrDefaultAsync(ct);
            if (m is not null)
            {
                values["machine.SerialNumber"] = m.SerialNumber;
                values["machine.WarrantyEndsOn"] = Format("WarrantyEndsOn", m.WarrantyEndsOn);
            }
        }
        return values;
    }

    private static string? Format(string name, object? value) => RecordChangesInterceptor.Format(name, value);

    public static Guid? IdOf(IReadOnlyDictionary<string, string?> values, string field) =>
        Guid.TryParse(values.GetValueOrDefault(field), out var id) ? id : null;
}
