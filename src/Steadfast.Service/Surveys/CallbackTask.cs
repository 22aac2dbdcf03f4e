using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;

namespace Steadfast.Service.Surveys;

/// <summary>The dispatcher's call-back (回访) after a close, due within the SOP's working days.</summary>
[RecordType("callback")]
internal sealed class CallbackTask : IVersioned, IAudited
{
    public Guid Id { get; set; }
    public Guid WorkOrderId { get; set; }

    // The order's customer and machine, copied so the customer's and the machine's timelines read their call-backs from an index.
    public Guid CustomerId { get; set; }
    public Guid? MachineId { get; set; }
    public DateTime DueAtUtc { get; set; }
    public CallbackOutcome Outcome { get; set; }
    public string Note { get; set; } = "";
    public DateTime? DoneAtUtc { get; set; }
    public Guid? DoneById { get; set; }
    public long Version { get; set; } = 1;
}
