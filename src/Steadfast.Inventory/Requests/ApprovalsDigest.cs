using Microsoft.EntityFrameworkCore;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Jobs;

namespace Steadfast.Inventory.Requests;

/// <summary>The digest's approvals line: part requests waiting for someone who may approve them.</summary>
internal sealed class ApprovalsDigest(AppDbContext db) : IDigestSection
{
    public async Task<DigestLine?> ForAsync(Guid userId, IReadOnlyCollection<string> roles, DateOnly today, CancellationToken ct) =>
        Policies.RolesOf[Policies.PartsEditors].Any(roles.Contains)
            ? new DigestLine("approvals", await db.Set<PartRequest>().CountAsync(r => r.Status == RequestStatus.Pending, ct))
            : null;
}
