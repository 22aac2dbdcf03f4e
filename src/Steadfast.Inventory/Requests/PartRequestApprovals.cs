using Steadfast.Inventory.Public;
using Steadfast.Platform.Automation;

namespace Steadfast.Inventory.Requests;

/// <summary>Parts requests' part in their approvals: a request is sent, refused or withdrawn with its approval.</summary>
internal sealed class PartRequestApprovals(RequestService requests) : IApprovalSubject
{
    public string RecordType => PartRequestApproval.RecordType;

    public Task ReadyAsync(Guid recordId, CancellationToken ct) => requests.ReadyAsync(recordId, ct);

    public Task DecidedAsync(ApprovalOutcome outcome, CancellationToken ct) => requests.DecidedAsync(outcome, ct);
}
