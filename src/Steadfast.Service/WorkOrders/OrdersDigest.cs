using Microsoft.EntityFrameworkCore;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Jobs;

namespace Steadfast.Service.WorkOrders;

/// <summary>
/// The digest's order line: an engineer's open orders, and for the dispatch desk the new orders nobody has taken yet.
/// </summary>
internal sealed class OrdersDigest(AppDbContext db) : IDigestSection
{
    public async Task<DigestLine?> ForAsync(Guid userId, IReadOnlyCollection<string> roles, DateOnly today, CancellationToken ct)
    {
        var open = db.Set<WorkOrder>().Where(w => w.Status < WorkOrderStatus.Resolved);
        var mine = await open.Where(w => w.AssigneeId == userId).CountAsync(ct);
        var unassigned =
            roles.Contains(Roles.Dispatcher) || roles.Contains(Roles.ServiceManager)
                ? await open.Where(w => w.Status == WorkOrderStatus.New && w.AssigneeId == null).CountAsync(ct)
                : 0;
        return new DigestLine("orders", mine + unassigned);
    }
}
