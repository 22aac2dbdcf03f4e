using Steadfast.Inventory.Public;
using Steadfast.Inventory.Requests;
using Steadfast.Platform.Automation;

namespace Steadfast.Inventory.Automation;

/// <summary>Parts requests as rules and approval processes see them: value, fit to the machine, who asked.</summary>
internal sealed class PartRequestRecordType : AutomationRecordType
{
    public override string Name => PartRequestApproval.RecordType;
    public override Type Entity => typeof(PartRequest);
    public override string LabelKey => "Automation.Record.partrequest";
    public override string TitleField => nameof(PartRequest.Number);
    public override string? OwnerField => nameof(PartRequest.RequesterId);

    public override IReadOnlyList<AutomationField> Fields { get; } =
    [
        new(nameof(PartRequest.Number), FieldKind.Text, "Requests.Number"),
        new(nameof(PartRequest.Status), FieldKind.Choice, "Requests.Status")
        {
            Choices = Enum.GetNames<RequestStatus>(),
            ChoiceLabelPrefix = "Requests.Status.",
        },
        new(nameof(PartRequest.EstimatedValue), FieldKind.Money, "Requests.Value"),
        new(nameof(PartRequest.FitsMachine), FieldKind.Flag, "Requests.FitsMachine"),
        new(nameof(PartRequest.RequesterId), FieldKind.User, "Requests.Requester"),
        new(nameof(PartRequest.WorkOrderNumber), FieldKind.Text, "Requests.Order"),
        new(nameof(PartRequest.Note), FieldKind.Text, "Requests.Note"),
    ];

    public override string Link(Guid id) => $"/parts/requests?id={id}";
}
