using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Steadfast.Inventory.Parts;
using Steadfast.Inventory.Stock;
using Steadfast.Inventory.Warehouses;
using Steadfast.Platform.Data;

namespace Steadfast.Inventory.Public;

/// <summary>
/// Two years of stock movements that match the demo's service history. The service demo calls <see cref="Use"/>
/// as each repair is resolved; this replays the warehouse around it in memory, with the ledger's own
/// moving-average rule: opening receipts, restocking vans from central by transfer, buying when central
/// runs low, returns, faulty parts, scrap and the odd stock-out, then writes ledger and balances in bulk.
/// Parts nobody needed stay where the opening receipt put them: the dead-stock report has a story to tell.
/// </summary>
public sealed class DemoStock
{
    private readonly AppDbContext _db;
    private readonly List<StockMovement> _moves = [];
    private readonly List<Transfer> _transfers = [];
    private readonly List<StockOut> _stockOuts = [];
    private readonly Dictionary<(Guid Part, Guid Wh), (long Q, long V, DateTime? Last)> _stock = [];
    private List<Part> _parts = [];
    private Dictionary<Guid, List<Guid>> _fits = [];
    private Dictionary<Guid, Guid> _vans = [];
    private List<Warehouse> _centrals = [];
    private Random _rng = new(1);
    private DateTime _now;

    internal DemoStock(AppDbContext db) => _db = db;

    public bool Ready => _parts.Count > 0 && _centrals.Count > 0;

#pragma warning disable CA5394 // demo data: a fixed-seed generator is the point, not security
    public async Task BeginAsync(DateTime start, DateTime now, CancellationToken ct)
    {
        if (await _db.Set<StockMovement>().AnyAsync(ct)) return;
        _now = now;
        _rng = new Random(20250302);
        _parts = await _db.Set<Part>().AsNoTracking().OrderBy(p => p.Number).ToListAsync(ct);
        _fits = (await _db.Set<PartProduct>().AsNoTracking().ToListAsync(ct)).GroupBy(x => x.PartId).ToDictionary(g => g.Key, g => g.Select(x => x.ProductId).ToList());
        var warehouses = await _db.Set<Warehouse>().AsNoTracking().OrderBy(w => w.Code).ToListAsync(ct);
        _centrals = [.. warehouses.Where(w => w.Kind == WarehouseKind.Central).OrderBy(w => w.Id)]; // the head office's first
        _vans = warehouses.Where(w => w.Kind == WarehouseKind.Van && w.KeeperId != null).ToDictionary(w => w.KeeperId!.Value, w => w.Id);
        foreach (var p in _parts)
            for (var i = 0; i < _centrals.Count; i++)
                if (i == 0 || _rng.NextDouble() < 0.5)
                    Put(MovementKind.Receive, p, _centrals[i].Id, Math.Max(2, p.ReorderQuantity / (i + 1)), p.UnitCost, start.AddHours(_rng.Next(0, 72)), "期初库存");
    }

    /// <summary>Parts used on one resolved repair: cost at moving average, and a line for the order's text.</summary>
    public (long Cost, string Label)? Use(Guid engineerId, Guid? productId, DateTime at, Guid workOrderId, string number, Guid customerId, Guid? machineId, string region, bool inWarranty)
    {
        if (!Ready || !_vans.TryGetValue(engineerId, out var van)) return null;
        var fitting = _parts.Where(p => p.IsActive && (productId is null || !_fits.TryGetValue(p.Id, out var f) || f.Contains(productId.Value))).ToList();
        if (fitting.Count == 0) return null;
        // Cheap consumables far more often than drives and spindles.
        var picks = Enumerable.Range(0, _rng.NextDouble() < 0.3 ? 2 : 1).Select(_ => fitting.OrderBy(p => Math.Sqrt(p.UnitCost) * _rng.NextDouble()).First()).Distinct().ToList();
        long cost = 0;
        var labels = new List<string>();
        foreach (var part in picks)
        {
            var q = part.UnitCost < 30_000 ? _rng.Next(1, 4) : 1;
            Restock(part, van, q, at, region);
            var taken = Take(MovementKind.Issue, part, van, q, at, "", m =>
            {
                (m.WorkOrderId, m.WorkOrderNumber, m.CustomerId, m.MachineId, m.ProductId, m.Region, m.Billable) = (workOrderId, number, customerId, machineId, productId, region, !inWarranty);
            });
            cost += taken;
            labels.Add($"{part.Name} {part.Specification} ×{q}");
            if (part.Serialized && _rng.NextDouble() < 0.85)
                Record(new StockMovement { Kind = MovementKind.Return, PartId = part.Id, WarehouseId = van, AtUtc = at.AddMinutes(20), Faulty = true, FaultyQuantity = 1,
                    Serial = $"SN{_rng.Next(100000, 999999)}", WorkOrderId = workOrderId, WorkOrderNumber = number, CustomerId = customerId, MachineId = machineId, ProductId = productId, Region = region, Reason = "旧件返还" });
            else if (q > 1 && _rng.NextDouble() < 0.08)
            {
                var back = taken / q;
                Put(MovementKind.Return, part, van, 1, back, at.AddMinutes(30), "未使用，退回车载库", m =>
                    (m.WorkOrderId, m.WorkOrderNumber, m.CustomerId, m.MachineId, m.ProductId, m.Region) = (workOrderId, number, customerId, machineId, productId, region));
                cost -= back;
            }
        }
        if (_rng.NextDouble() < 0.004)
        {
            var victim = _parts[_rng.Next(_parts.Count)];
            if (_stock.TryGetValue((victim.Id, _centrals[0].Id), out var s) && s.Q > 0) Take(MovementKind.Scrap, victim, _centrals[0].Id, 1, at.AddDays(1), "受潮锈蚀，报废");
        }
        return (cost, string.Join("；", labels));
    }

    /// <summary>The van is topped up from central a day before; central buys when it falls under the reorder point.</summary>
    private void Restock(Part part, Guid van, long need, DateTime at, string region)
    {
        var have = _stock.GetValueOrDefault((part.Id, van)).Q;
        if (have >= need) return;
        var send = Math.Max(need - have, Math.Max(1, part.ReorderQuantity / 6));
        var home = _centrals[Home(region) % _centrals.Count];
        var central = _stock.GetValueOrDefault((part.Id, home.Id)).Q >= send ? home : _centrals.FirstOrDefault(c => _stock.GetValueOrDefault((part.Id, c.Id)).Q >= send) ?? home;
        var onHand = _stock.GetValueOrDefault((part.Id, central.Id)).Q;
        if (onHand < send)
        {
            if (_rng.NextDouble() < 0.3)
                _stockOuts.Add(new StockOut { Id = Guid.CreateVersion7(), AtUtc = at.AddDays(-3), PartId = part.Id, WarehouseId = central.Id, Requested = send, Available = onHand });
            // Purchase prices drift, so the moving average has something to average.
            var price = (long)(part.UnitCost * (0.9 + _rng.NextDouble() * 0.25));
            Put(MovementKind.Receive, part, central.Id, part.ReorderQuantity + send, price, at.AddDays(-2.5), "采购入库 PO-" + at.ToString("yyMM", CultureInfo.InvariantCulture) + _rng.Next(100, 999).ToString(CultureInfo.InvariantCulture));
        }
        var transfer = new Transfer
        {
            Id = Guid.CreateVersion7(), Number = $"TR-{at:yyMMdd}-D{_transfers.Count + 1:00000}", FromWarehouseId = central.Id, ToWarehouseId = van, Status = TransferStatus.Received,
            SentAtUtc = at.AddDays(-2), SentBy = "warehouse@steadfast.local", ReceivedAtUtc = at.AddDays(-1), ReceivedBy = "engineer",
        };
        var value = Take(MovementKind.TransferOut, part, central.Id, send, at.AddDays(-2), "", m => m.TransferId = transfer.Id);
        Put(MovementKind.TransferIn, part, van, send, value, at.AddDays(-1), "", m => m.TransferId = transfer.Id, totalValue: true);
        transfer.Lines.Add(new TransferLine { TransferId = transfer.Id, PartId = part.Id, Quantity = send, Value = value });
        _transfers.Add(transfer);
    }

    /// <summary>Which central warehouse serves a province: the south and the west have their own.</summary>
    private static int Home(string province) => province switch
    {
        "广东" or "福建" or "广西" or "海南" => 1,
        "四川" or "重庆" or "陕西" or "云南" or "贵州" => 2,
        _ => 0,
    };

    private long Take(MovementKind kind, Part part, Guid wh, long q, DateTime at, string reason, Action<StockMovement>? fill = null)
    {
        var (have, value, _) = _stock.GetValueOrDefault((part.Id, wh));
        q = Math.Min(q, have);
        var v = StockLedger.ValueOut(value, have, q);
        _stock[(part.Id, wh)] = (have - q, value - v, Max(at));
        var m = new StockMovement { Kind = kind, PartId = part.Id, WarehouseId = wh, Quantity = -q, Value = -v, AtUtc = Max(at), Reason = reason };
        fill?.Invoke(m);
        Record(m);
        return v;
    }

    private void Put(MovementKind kind, Part part, Guid wh, long q, long unitOrTotal, DateTime at, string reason, Action<StockMovement>? fill = null, bool totalValue = false)
    {
        var v = totalValue ? unitOrTotal : q * unitOrTotal;
        var (have, value, _) = _stock.GetValueOrDefault((part.Id, wh));
        _stock[(part.Id, wh)] = (have + q, value + v, Max(at));
        var m = new StockMovement { Kind = kind, PartId = part.Id, WarehouseId = wh, Quantity = q, Value = v, AtUtc = Max(at), Reason = reason };
        fill?.Invoke(m);
        Record(m);
    }

    private DateTime Max(DateTime at) => at < _now ? at : _now.AddMinutes(-1);

    private void Record(StockMovement m)
    {
        m.Id = Guid.CreateVersion7();
        if (m.ActorName.Length == 0) m.ActorName = m.Kind is MovementKind.Issue or MovementKind.Return ? "engineer" : "warehouse@steadfast.local";
        _moves.Add(m);
    }

    public async Task<string> FlushAsync(CancellationToken ct)
    {
        if (!Ready) return "no parts";
        foreach (var chunk in _moves.OrderBy(m => m.AtUtc).Chunk(5000))
        {
            _db.AddRange(chunk);
            await _db.SaveChangesAsync(ct);
            _db.ChangeTracker.Clear();
        }
        _db.AddRange(_transfers);
        _db.AddRange(_stockOuts);
        _db.AddRange(_stock.Select(s => new StockBalance { PartId = s.Key.Part, WarehouseId = s.Key.Wh, Quantity = s.Value.Q, Value = s.Value.V, LastMovementAtUtc = s.Value.Last }));
        await _db.SaveChangesAsync(ct);
        _db.ChangeTracker.Clear();
        return $"{_moves.Count} stock movements, {_transfers.Count} transfers";
    }
}
