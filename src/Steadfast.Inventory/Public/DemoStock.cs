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

    /// <summary>The parts each van has been sent, in the order they first arrived: what its keeper tops up.</summary>
    private readonly List<(Guid Van, Part Part)> _vanParts = [];
    private List<Warehouse> _centrals = [];
    private readonly Dictionary<Guid, List<Part>> _fitting = [];
    private string _transferTag = "D";
    private Random _rng = new(1);
    private DateTime _now;

    internal DemoStock(AppDbContext db) => _db = db;

    public bool Ready => _parts.Count > 0 && _centrals.Count > 0;

#pragma warning disable CA5394 // demo data: a fixed-seed generator is the point, not security
    public async Task BeginAsync(DateTime start, DateTime now, CancellationToken ct)
    {
        if (await _db.Set<StockMovement>().AnyAsync(ct))
            return;
        await LoadAsync(now, new Random(20250302), ct);
        foreach (var p in _parts)
            for (var i = 0; i < _centrals.Count; i++)
                if (i == 0 || _rng.NextDouble() < 0.5)
                    Put(
                        MovementKind.Receive,
                        p,
                        _centrals[i].Id,
                        Math.Max(2, p.ReorderQuantity / (i + 1)),
                        p.UnitCost,
                        start.AddHours(_rng.Next(0, 72)),
                        "期初库存"
                    );
    }

    /// <summary>
    /// More history on top of stock that is already there, from where its balances stand: how the benchmark grows
    /// a seeded demo. Its transfers are numbered with <paramref name="transferTag"/> so they never meet the demo's.
    /// </summary>
    internal async Task ContinueAsync(DateTime now, Random rng, string transferTag, CancellationToken ct)
    {
        await LoadAsync(now, rng, ct);
        _transferTag = transferTag;
        var vans = _vans.Values.ToHashSet();
        var parts = _parts.ToDictionary(p => p.Id);
        foreach (var b in await _db.Set<StockBalance>().AsNoTracking().OrderBy(b => b.WarehouseId).ThenBy(b => b.PartId).ToListAsync(ct))
        {
            _stock[(b.PartId, b.WarehouseId)] = (b.Quantity, b.Value, b.LastMovementAtUtc);
            if (vans.Contains(b.WarehouseId) && parts.TryGetValue(b.PartId, out var part))
                _vanParts.Add((b.WarehouseId, part));
        }
    }

    private async Task LoadAsync(DateTime now, Random rng, CancellationToken ct)
    {
        _now = now;
        _rng = rng;
        _parts = await _db.Set<Part>().AsNoTracking().OrderBy(p => p.Number).ToListAsync(ct);
        _fits = (await _db.Set<PartProduct>().AsNoTracking().ToListAsync(ct))
            .GroupBy(x => x.PartId)
            .ToDictionary(g => g.Key, g => g.Select(x => x.ProductId).ToList());
        var warehouses = await _db.Set<Warehouse>().AsNoTracking().OrderBy(w => w.Code).ToListAsync(ct);
        _centrals = [.. warehouses.Where(w => w.Kind == WarehouseKind.Central).OrderBy(w => w.Id)]; // the head office's first
        _vans = warehouses.Where(w => w.Kind == WarehouseKind.Van && w.KeeperId != null).ToDictionary(w => w.KeeperId!.Value, w => w.Id);
    }

    /// <summary>
    /// The active parts that fit a model (or any model), worked out once per model: at a million orders, per order was hours.
    /// </summary>
    private List<Part> Fitting(Guid? productId)
    {
        var key = productId ?? Guid.Empty;
        if (!_fitting.TryGetValue(key, out var fitting))
            _fitting[key] = fitting = [
                .. _parts.Where(p =>
                    p.IsActive && (productId is null || !_fits.TryGetValue(p.Id, out var f) || f.Contains(productId.Value))
                ),
            ];
        return fitting;
    }

    /// <summary>Parts used on one resolved repair: cost at moving average, and a line for the order's text.</summary>
    public (long Cost, string Label)? Use(
        Guid engineerId,
        Guid? productId,
        DateTime at,
        Guid workOrderId,
        string number,
        Guid customerId,
        Guid? machineId,
        string region,
        bool inWarranty
    )
    {
        if (!Ready || !_vans.TryGetValue(engineerId, out var van))
            return null;
        var fitting = Fitting(productId);
        if (fitting.Count == 0)
            return null;
        // Cheap consumables far more often than drives and spindles.
        var picks = Enumerable
            .Range(0, _rng.NextDouble() < 0.3 ? 2 : 1)
            .Select(_ => fitting.OrderBy(p => Math.Sqrt(p.UnitCost) * _rng.NextDouble()).First())
            .Distinct()
            .ToList();
        long cost = 0;
        var labels = new List<string>();
        foreach (var part in picks)
        {
            var q = part.UnitCost < 30_000 ? _rng.Next(1, 4) : 1;
            Restock(part, van, q, at, region);
            var taken = Take(MovementKind.Issue, part, van, q, at, "", m =>
            {
                (m.WorkOrderId, m.WorkOrderNumber, m.CustomerId, m.MachineId, m.ProductId, m.Region, m.Billable) = (
                    workOrderId,
                    number,
                    customerId,
                    machineId,
                    productId,
                    region,
                    !inWarranty
                );
            });
            cost += taken;
            labels.Add($"{part.Name} {part.Specification} ×{q}");
            if (part.Serialized && _rng.NextDouble() < 0.85)
                Record(
                    new StockMovement
                    {
                        Kind = MovementKind.Return,
                        PartId = part.Id,
                        WarehouseId = van,
                        AtUtc = at.AddMinutes(20),
                        Faulty = true,
                        FaultyQuantity = 1,
                        Serial = $"SN{_rng.Next(100000, 999999)}",
                        WorkOrderId = workOrderId,
                        WorkOrderNumber = number,
                        CustomerId = customerId,
                        MachineId = machineId,
                        ProductId = productId,
                        Region = region,
                        Reason = "旧件返还",
                    }
                );
            else if (q > 1 && _rng.NextDouble() < 0.08)
            {
                var back = taken / q;
                Put(MovementKind.Return, part, van, 1, back, at.AddMinutes(30), "未使用，退回车载库", m =>
                    (m.WorkOrderId, m.WorkOrderNumber, m.CustomerId, m.MachineId, m.ProductId, m.Region) = (
                        workOrderId,
                        number,
                        customerId,
                        machineId,
                        productId,
                        region
                    )
                );
                cost -= back;
            }
        }
        if (_rng.NextDouble() < 0.004)
        {
            var victim = _parts[_rng.Next(_parts.Count)];
            if (_stock.TryGetValue((victim.Id, _centrals[0].Id), out var s) && s.Q > 0)
                Take(MovementKind.Scrap, victim, _centrals[0].Id, 1, at.AddDays(1), "受潮锈蚀，报废");
        }
        return (cost, string.Join("；", labels));
    }

    /// <summary>The van is topped up from central a day before; central buys when it falls under the reorder point.</summary>
    private void Restock(Part part, Guid van, long need, DateTime at, string region)
    {
        var have = _stock.GetValueOrDefault((part.Id, van)).Q;
        if (have >= need)
            return;
        var send = Math.Max(need - have, Math.Max(1, part.ReorderQuantity / 6));
        var home = _centrals[Home(region) % _centrals.Count];
        var central =
            _stock.GetValueOrDefault((part.Id, home.Id)).Q >= send
                ? home
                : _centrals.FirstOrDefault(c => _stock.GetValueOrDefault((part.Id, c.Id)).Q >= send) ?? home;
        Cover(part, central.Id, send, at.AddDays(-2));
        Ship(part, central.Id, van, send, at.AddDays(-2), "engineer");
    }

    /// <summary>A transfer sent one day and received the next, with its two ledger rows at moving-average value.</summary>
    private void Ship(Part part, Guid from, Guid to, long quantity, DateTime sent, string receivedBy)
    {
        var transfer = new Transfer
        {
            Id = Guid.CreateVersion7(),
            Number = $"TR-{sent:yyMMdd}-{_transferTag}{_transfers.Count + 1:00000}",
            FromWarehouseId = from,
            ToWarehouseId = to,
            Status = TransferStatus.Received,
            SentAtUtc = sent,
            SentBy = "warehouse@steadfast.local",
            ReceivedAtUtc = sent.AddDays(1),
            ReceivedBy = receivedBy,
        };
        if (_vans.ContainsValue(to) && !_stock.ContainsKey((part.Id, to)))
            _vanParts.Add((to, part));
        var value = Take(MovementKind.TransferOut, part, from, quantity, sent, "", m => m.TransferId = transfer.Id);
        Put(MovementKind.TransferIn, part, to, quantity, value, sent.AddDays(1), "", m => m.TransferId = transfer.Id, totalValue: true);
        transfer.Lines.Add(
            new TransferLine
            {
                TransferId = transfer.Id,
                PartId = part.Id,
                Quantity = quantity,
                Value = value,
            }
        );
        _transfers.Add(transfer);
    }

    /// <summary>Central buys when it cannot send what is asked for; now and then the request was logged as a stock-out first.</summary>
    private void Cover(Part part, Guid central, long send, DateTime sent)
    {
        var onHand = _stock.GetValueOrDefault((part.Id, central)).Q;
        if (onHand >= send)
            return;
        if (_rng.NextDouble() < 0.3)
            _stockOuts.Add(
                new StockOut
                {
                    Id = Guid.CreateVersion7(),
                    AtUtc = sent.AddDays(-1),
                    PartId = part.Id,
                    WarehouseId = central,
                    Requested = send,
                    Available = onHand,
                }
            );
        Buy(part, central, part.ReorderQuantity + send, sent.AddDays(-0.5));
    }

    /// <summary>Purchase prices drift, so the moving average has something to average.</summary>
    private void Buy(Part part, Guid central, long quantity, DateTime at)
    {
        var price = (long)(part.UnitCost * (0.9 + _rng.NextDouble() * 0.25));
        Put(
            MovementKind.Receive,
            part,
            central,
            quantity,
            price,
            at,
            "采购入库 PO-" + at.ToString("yyMM", CultureInfo.InvariantCulture) + _rng.Next(100, 999).ToString(CultureInfo.InvariantCulture)
        );
    }

    /// <summary>
    /// Ledger rows per work order, the warehouse's own traffic included: the benchmark's 2,000,000 movements to 1,000,000 orders.
    /// </summary>
    public const double MovementsPerOrder = 2.0;

    /// <summary>
    /// Stock keepers' traffic beside the repairs until the ledger holds <see cref="MovementsPerOrder"/> rows for
    /// each of <paramref name="orders"/>: called as the history advances, so it stays in time order with them.
    /// </summary>
    public void KeepPace(int orders, string region, DateTime at)
    {
        while (Ready && _moves.Count < orders * MovementsPerOrder && Rebalance(region, at.AddMinutes(-_rng.Next(0, 600)))) { }
    }

    /// <summary>
    /// A van is topped up ahead of need with a part it has used before, or sends back to central what piled up:
    /// a transfer either way, bought in first when central is short. Parts no van ever needed are left alone,
    /// so dead stock stays dead. False while no van has used anything yet.
    /// </summary>
    private bool Rebalance(string region, DateTime at)
    {
        if (_vanParts.Count == 0)
            return false;
        var central = _centrals[Home(region) % _centrals.Count].Id;
        // Cheap consumables far more often than drives, drawn from a sample: vans carry thousands of part lines.
        var (van, part) = Enumerable
            .Range(0, 12)
            .Select(_ => _vanParts[_rng.Next(_vanParts.Count)])
            .MinBy(x => Math.Sqrt(x.Part.UnitCost) * _rng.NextDouble());
        var held = _stock.GetValueOrDefault((part.Id, van)).Q;
        if (held >= Math.Max(2, part.ReorderQuantity / 3))
        {
            Ship(part, van, central, held / 2, at, "warehouse@steadfast.local");
            return true;
        }
        var send = Math.Max(1, part.ReorderQuantity / 6);
        Cover(part, central, send, at);
        Ship(part, central, van, send, at, "engineer");
        return true;
    }

    /// <summary>Which central warehouse serves a province: the south and the west have their own.</summary>
    private static int Home(string province) =>
        province switch
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
        var m = new StockMovement
        {
            Kind = kind,
            PartId = part.Id,
            WarehouseId = wh,
            Quantity = -q,
            Value = -v,
            AtUtc = Max(at),
            Reason = reason,
        };
        fill?.Invoke(m);
        Record(m);
        return v;
    }

    private void Put(
        MovementKind kind,
        Part part,
        Guid wh,
        long q,
        long unitOrTotal,
        DateTime at,
        string reason,
        Action<StockMovement>? fill = null,
        bool totalValue = false
    )
    {
        var v = totalValue ? unitOrTotal : q * unitOrTotal;
        var (have, value, _) = _stock.GetValueOrDefault((part.Id, wh));
        _stock[(part.Id, wh)] = (have + q, value + v, Max(at));
        var m = new StockMovement
        {
            Kind = kind,
            PartId = part.Id,
            WarehouseId = wh,
            Quantity = q,
            Value = v,
            AtUtc = Max(at),
            Reason = reason,
        };
        fill?.Invoke(m);
        Record(m);
    }

    private DateTime Max(DateTime at) => at < _now ? at : _now.AddMinutes(-1);

    private void Record(StockMovement m)
    {
        m.Id = Guid.CreateVersion7();
        if (m.ActorName.Length == 0)
            m.ActorName = m.Kind is MovementKind.Issue or MovementKind.Return ? "engineer" : "warehouse@steadfast.local";
        _moves.Add(m);
    }

    public async Task<string> FlushAsync(CancellationToken ct)
    {
        if (!Ready)
            return "no parts";
        var (moves, transfers, stockOuts, balances) = Written();
        foreach (var chunk in moves.Chunk(5000))
        {
            _db.AddRange(chunk);
            await _db.SaveChangesAsync(ct);
            _db.ChangeTracker.Clear();
        }
        _db.AddRange(transfers);
        _db.AddRange(stockOuts);
        _db.AddRange(balances);
        await _db.SaveChangesAsync(ct);
        _db.ChangeTracker.Clear();
        return $"{moves.Count} stock movements, {transfers.Count} transfers";
    }

    /// <summary>What the history made, movements in time order, and every balance it knows as the sum of its movements.</summary>
    internal (List<StockMovement> Movements, List<Transfer> Transfers, List<StockOut> StockOuts, List<StockBalance> Balances) Written() =>
        (
            [.. _moves.OrderBy(m => m.AtUtc)],
            _transfers,
            _stockOuts,
            [
                .. _stock.Select(s => new StockBalance
                {
                    PartId = s.Key.Part,
                    WarehouseId = s.Key.Wh,
                    Quantity = s.Value.Q,
                    Value = s.Value.V,
                    LastMovementAtUtc = s.Value.Last,
                }),
            ]
        );
}
