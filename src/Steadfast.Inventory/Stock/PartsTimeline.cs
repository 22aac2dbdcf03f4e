using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Steadfast.Customers.Customers;
using Steadfast.Customers.Public;
using Steadfast.Inventory.Parts;
using Steadfast.Platform.Data;

namespace Steadfast.Inventory.Stock;

/// <summary>Every part fitted to a machine, on the machine's timeline (一机一档).</summary>
internal sealed class PartsTimeline(AppDbContext db) : IMachineTimelineSource
{
    public async Task<IReadOnlyList<TimelineEntry>> EntriesAsync(Guid machineId, CancellationToken ct)
    {
        var rows = await (from m in db.Set<StockMovement>().AsNoTracking()
                          join p in db.Set<Part>() on m.PartId equals p.Id
                          where m.MachineId == machineId && m.Kind == MovementKind.Issue
                          orderby m.AtUtc descending
                          select new { m.AtUtc, p.Number, p.Name, m.Quantity, m.WorkOrderNumber, m.ActorName, m.WorkOrderId }).Take(200).ToListAsync(ct);
        return [.. rows.Select(r => new TimelineEntry(r.AtUtc, "partReplaced", $"{r.Number} {r.Name} × {(-r.Quantity).ToString(CultureInfo.CurrentCulture)}",
            $"{r.WorkOrderNumber} · {r.ActorName}", r.WorkOrderId))];
    }
}
