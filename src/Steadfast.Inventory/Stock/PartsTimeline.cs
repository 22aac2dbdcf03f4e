using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Steadfast.Customers.Public;
using Steadfast.Inventory.Parts;
using Steadfast.Inventory.Public;
using Steadfast.Platform.Data;

namespace Steadfast.Inventory.Stock;

/// <summary>Every part fitted to a machine or taken back from it, on the machine's timeline (一机一档).</summary>
internal sealed class PartsTimeline(AppDbContext db) : IMachineTimelineSource
{
    public IReadOnlyCollection<string> Kinds { get; } = ["part"];

    public async Task<IReadOnlyList<TimelineEntry>> EntriesAsync(Guid machineId, IReadOnlySet<string> kinds, int take, CancellationToken ct)
    {
        var rows = await (
            from m in db.Set<StockMovement>().AsNoTracking()
            join p in db.Set<Part>() on m.PartId equals p.Id
            where m.MachineId == machineId && (m.Kind == MovementKind.Issue || m.Kind == MovementKind.Return)
            orderby m.AtUtc descending
            select new
            {
                m.Id,
                m.AtUtc,
                m.Kind,
                p.Number,
                p.Name,
                m.Quantity,
                m.Faulty,
                m.WorkOrderNumber,
                m.ActorName,
            }
        )
            .Take(take)
            .ToListAsync(ct);
        return
        [
            .. rows.Select(r => new TimelineEntry(
                r.AtUtc,
                r.Kind == MovementKind.Issue ? "part.fitted" : "part.returned",
                $"{r.Number} {r.Name} × {Math.Abs(r.Quantity).ToString(CultureInfo.CurrentCulture)}",
                $"{r.WorkOrderNumber} · {r.ActorName}",
                r.Id
            )),
        ];
    }
}
