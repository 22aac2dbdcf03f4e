using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Steadfast.Customers.Public;
using Steadfast.Inventory.Parts;
using Steadfast.Inventory.Public;
using Steadfast.Platform.Data;

namespace Steadfast.Inventory.Stock;

/// <summary>Every part fitted to a machine, on the machine's timeline (一机一档).</summary>
internal sealed class PartsTimeline(AppDbContext db) : IMachineTimelineSource
{
    public async Task<IReadOnlyList<TimelineEntry>> EntriesAsync(Guid machineId, CancellationToken ct)
    {
        var rows = await (
            from m in db.Set<StockMovement>().AsNoTracking()
            join p in db.Set<Part>() on m.PartId equals p.Id
            where m.MachineId == machineId && (m.Kind == MovementKind.Issue || (m.Kind == MovementKind.Return && !m.Faulty))
            orderby m.AtUtc descending
            select new
            {
                m.AtUtc,
                m.Kind,
                m.PartId,
                p.Number,
                p.Name,
                m.Quantity,
                m.WorkOrderNumber,
                m.ActorName,
                m.WorkOrderId,
            }
        )
            .Take(500)
            .ToListAsync(ct);
        // A part taken back unused was not fitted: what stays on the machine is issued minus good returns, per order.
        return
        [
            .. rows.GroupBy(r => (r.WorkOrderId, r.PartId))
                .Select(g => (Issue: g.Where(r => r.Kind == MovementKind.Issue).MaxBy(r => r.AtUtc), Fitted: -g.Sum(r => r.Quantity)))
                .Where(x => x.Issue is not null && x.Fitted > 0)
                .Select(x => new TimelineEntry(
                    x.Issue!.AtUtc,
                    "partReplaced",
                    $"{x.Issue.Number} {x.Issue.Name} × {x.Fitted.ToString(CultureInfo.CurrentCulture)}",
                    $"{x.Issue.WorkOrderNumber} · {x.Issue.ActorName}",
                    x.Issue.WorkOrderId
                )),
        ];
    }
}
