using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.Customers.Public;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Automation;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Service.Dispatch;
using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Automation;

/// <summary>
/// Work orders as rules see them: reported (a stopped line from a strategic customer), moved along, still untouched after
/// a day. Only the category may be set by a rule: status, assignee and severity move through the order's own flow.
/// </summary>
internal sealed class WorkOrderRecordType : AutomationRecordType
{
    public override string Name => "workorder";
    public override Type Entity => typeof(WorkOrder);
    public override string LabelKey => "Automation.Record.workorder";
    public override string TitleField => nameof(WorkOrder.Number);
    public override string? OwnerField => nameof(WorkOrder.AssigneeId);

    public override bool CanAssign => true;

    /// <summary>
    /// Through the order's flow, as a dispatcher's assignment (status, SLA clock, timeline): the rule acts in its own name
    /// with the service manager's right to assign, for this call only.
    /// </summary>
    public override async Task AssignAsync(IServiceProvider services, Guid recordId, Guid userId, CancellationToken ct)
    {
        var actor = services.GetRequiredService<CurrentActor>();
        var before = actor.Principal;
        actor.Use(new ClaimsPrincipal(new ClaimsIdentity([.. before.Claims, new Claim(ClaimTypes.Role, Roles.ServiceManager)], "rule")));
        try
        {
            await services.GetRequiredService<DispatchService>().AssignAsync(recordId, new AssignRequest(userId, null, null, null), ct);
        }
        finally
        {
            actor.Use(before);
        }
    }

    public override IReadOnlyList<AutomationField> Fields { get; } =
    [
        new(nameof(WorkOrder.Number), FieldKind.Text, "WorkOrders.Number"),
        Choice<WorkOrderType>(nameof(WorkOrder.Type), "WorkOrders.Type"),
        Choice<WorkOrderStatus>(nameof(WorkOrder.Status), "WorkOrders.Status"),
        Choice<Severity>(nameof(WorkOrder.Severity), "WorkOrders.Severity"),
        Choice<WorkOrderSource>(nameof(WorkOrder.Source), "WorkOrders.Source"),
        new(nameof(WorkOrder.Category), FieldKind.Text, "WorkOrders.Category") { Settable = true },
        new(nameof(WorkOrder.Region), FieldKind.Text, "Automation.Field.Region"),
        new(nameof(WorkOrder.ProductCategory), FieldKind.Text, "Dashboard.Product"),
        new(nameof(WorkOrder.InWarranty), FieldKind.Flag, "WorkOrders.InWarranty"),
        new(nameof(WorkOrder.AssigneeId), FieldKind.User, "WorkOrders.Engineer"),
        new(nameof(WorkOrder.ReportedAtUtc), FieldKind.DateTime, "Automation.Field.ReportedAt") { Timed = true },
        new(nameof(WorkOrder.FaultDescription), FieldKind.Text, "WorkOrders.Fault"),
        new(nameof(WorkOrder.ContactName), FieldKind.Text, "WorkOrders.Contact"),
        new(nameof(WorkOrder.ContactPhone), FieldKind.Text, "WorkOrders.Phone"),
        new(nameof(WorkOrder.CustomerId), FieldKind.Text, "WorkOrders.Customer") { Hidden = true },
        new(nameof(WorkOrder.MachineId), FieldKind.Text, "WorkOrders.Machine") { Hidden = true },
        .. CustomerAutomation.CustomerFields,
        CustomerAutomation.MachineFields[0],
    ];

    private static AutomationField Choice<T>(string name, string label)
        where T : struct, Enum => new(name, FieldKind.Choice, label) { Choices = Enum.GetNames<T>(), ChoiceLabelPrefix = label + "." };

    public override string Link(Guid id) => $"/service/{id}";

    public override async Task<IReadOnlyDictionary<string, string?>> RelatedAsync(
        AppDbContext db,
        IReadOnlyDictionary<string, string?> values,
        CancellationToken ct
    ) =>
        await CustomerAutomation.RelatedAsync(
            db,
            CustomerAutomation.IdOf(values, nameof(WorkOrder.CustomerId)),
            CustomerAutomation.IdOf(values, nameof(WorkOrder.MachineId)),
            ct
        );
}
