using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.Customers.Customers;
using Steadfast.Customers.Equipment;
using Steadfast.Customers.Public;
using Steadfast.Platform.Automation;
using Steadfast.Platform.Data;

namespace Steadfast.Customers.Automation;

/// <summary>Customers as rules see them: created, re-tiered, handed to another owner.</summary>
internal sealed class CustomerRecordType : AutomationRecordType
{
    public override string Name => "customer";
    public override Type Entity => typeof(Customer);
    public override string LabelKey => "Automation.Record.customer";
    public override string TitleField => nameof(Customer.Name);
    public override string? OwnerField => nameof(Customer.OwnerId);

    public override IReadOnlyList<AutomationField> Fields { get; } =
    [
        new(nameof(Customer.Name), FieldKind.Text, "Customers.Name"),
        new(nameof(Customer.Tier), FieldKind.Choice, "Customers.Tier")
        {
            Choices = Enum.GetNames<CustomerTier>(),
            ChoiceLabelPrefix = "Customers.Tier.",
            Settable = true,
        },
        new(nameof(Customer.Status), FieldKind.Choice, "Customers.Status")
        {
            Choices = Enum.GetNames<CustomerStatus>(),
            ChoiceLabelPrefix = "Customers.Status.",
        },
        new(nameof(Customer.Industry), FieldKind.Text, "Customers.Industry"),
        new(nameof(Customer.Province), FieldKind.Text, "Customers.Province"),
        new(nameof(Customer.City), FieldKind.Text, "Customers.City"),
        new(nameof(Customer.Phone), FieldKind.Text, "Customers.Phone"),
        new(nameof(Customer.OwnerId), FieldKind.User, "Customers.Owner"),
    ];

    public override string Link(Guid id) => $"/customers/{id}";

    public override bool CanAssign => true;

    /// <summary>The customer gets a new owner (account manager); the audit log names the rule.</summary>
    public override async Task AssignAsync(IServiceProvider services, Guid recordId, Guid userId, CancellationToken ct)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var customer = await db.Set<Customer>().SingleOrDefaultAsync(c => c.Id == recordId, ct)
            ?? throw new InvalidOperationException("The customer no longer exists.");
        customer.OwnerId = userId;
    }
}

/// <summary>Machines as rules see them: warranty ends, status changes; their customer's fields beside their own.</summary>
internal sealed class MachineRecordType : AutomationRecordType
{
    public override string Name => "equipment";
    public override Type Entity => typeof(Machine);
    public override string LabelKey => "Automation.Record.equipment";
    public override string TitleField => nameof(Machine.SerialNumber);

    /// <summary>A machine has no owner of its own: its customer's owner looks after it.</summary>
    public override string? OwnerField => "customer.OwnerId";

    public override IReadOnlyList<AutomationField> Fields { get; } =
    [
        new(nameof(Machine.SerialNumber), FieldKind.Text, "Equipment.Serial"),
        new(nameof(Machine.Status), FieldKind.Choice, "Equipment.Status")
        {
            Choices = Enum.GetNames<MachineStatus>(),
            ChoiceLabelPrefix = "Equipment.Status.",
        },
        new(nameof(Machine.SiteName), FieldKind.Text, "Equipment.Site"),
        new(nameof(Machine.InstalledOn), FieldKind.Date, "Equipment.InstalledOn"),
        new(nameof(Machine.WarrantyEndsOn), FieldKind.Date, "Equipment.WarrantyEndsOn") { Timed = true },
        new(nameof(Machine.LastReadingHours), FieldKind.Number, "Equipment.Hours"),
        new(nameof(Machine.CustomerId), FieldKind.Text, "Equipment.Customer") { Hidden = true },
        .. CustomerAutomation.CustomerFields,
    ];

    public override string Link(Guid id) => $"/equipment/{id}";

    public override async Task<IReadOnlyDictionary<string, string?>> RelatedAsync(
        AppDbContext db,
        IReadOnlyDictionary<string, string?> values,
        CancellationToken ct
    ) => await CustomerAutomation.RelatedAsync(db, CustomerAutomation.IdOf(values, nameof(Machine.CustomerId)), null, ct);
}
