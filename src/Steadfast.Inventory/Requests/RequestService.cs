using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Inventory.Parts;
using Steadfast.Inventory.Public;
using Steadfast.Inventory.Stock;
using Steadfast.Inventory.Warehouses;
using Steadfast.Platform.Api;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Automation;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Localization;
using Steadfast.Platform.Notifications;

namespace Steadfast.Inventory.Requests;

/// <summary>
/// Parts requests (备件申领) and their approval. Which requests need one is the approval processes' call (the shipped one:
/// worth more than ¥2,000, or a part that does not fit the order's machine, waits for the service manager); any other
/// request is sent at once. Approval sends the parts as a transfer; the engineer confirms receipt.
/// </summary>
internal sealed class RequestService(
    AppDbContext db,
    StockLedger ledger,
    MovementService movements,
    PartService parts,
    StockScope scope,
    IEnumerable<IWorkOrderLookup> workOrders,
    IEnumerable<IApprovals> approvals,
    Notifier notifier,
    CurrentActor actor,
    TimeProvider clock,
    IStringLocalizer<Strings> t
)
{
    public const string WaitsApproval = "approval",
        WaitsStock = "stock";

    public async Task<PagedResult<PartRequestDto>> ListAsync(
        RequestStatus? status,
        bool mine,
        Guid? workOrderId,
        PageRequest page,
        CancellationToken ct
    )
    {
        var q = db.Set<PartRequest>().AsNoTracking();
        // Engineers see their own requests and those asking their van; managers and the warehouse see all.
        if (!scope.SeesAll || mine)
        {
            var me = scope.UserId;
            var van = me is { } u ? await scope.VanOfAsync(u, ct) : null;
            q = q.Where(r => r.RequesterId == me || (van != null && r.FromWarehouseId == van));
        }
        if (status is { } s)
            q = q.Where(r => r.Status == s);
        if (workOrderId is { } wo)
            q = q.Where(r => r.WorkOrderId == wo);
        var total = await q.CountAsync(ct);
        var ids = await q.OrderByDescending(r => r.CreatedAtUtc).Skip(page.Skip).Take(page.PageSize).Select(r => r.Id).ToListAsync(ct);
        var items = new List<PartRequestDto>();
        foreach (var id in ids)
            items.Add(await ToDtoAsync(id, ct));
        return new PagedResult<PartRequestDto>(items, total);
    }

    public async Task<PartRequestDto> GetAsync(Guid id, CancellationToken ct)
    {
        var r = await db.Set<PartRequest>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (r is null || !await CanSeeAsync(r, ct))
            throw new AppNotFoundException(t["Common.NotFound"]);
        return await ToDtoAsync(id, ct);
    }

    private async Task<bool> CanSeeAsync(PartRequest r, CancellationToken ct)
    {
        if (scope.SeesAll || r.RequesterId == scope.UserId)
            return true;
        return scope.UserId is { } u && await scope.VanOfAsync(u, ct) == r.FromWarehouseId;
    }

    public async Task<PartRequestDto> CreateAsync(CreatePartRequest input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var me = actor.UserId ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var van = await scope.VanOfAsync(me, ct);
        if (van is null)
            errors.Add("toWarehouseId", t["Requests.Error.NoVan"]);
        WorkOrderRef? order = null;
        if (input.WorkOrderId is { } woId)
        {
            foreach (var lookup in workOrders)
                order ??= await lookup.FindAsync(woId, ct);
            if (order is null)
                errors.Add("workOrderId", t["Common.NotFound"]);
            else if (!order.IsOpen)
                errors.Add("workOrderId", t["Requests.Error.OrderClosed"]);
        }
        var from = input.FromWarehouseId ?? await CentralWithStockAsync(input.Lines ?? [], ct);
        var source = from is { } f ? await db.Set<Warehouse>().AsNoTracking().SingleOrDefaultAsync(w => w.Id == f && w.IsActive, ct) : null;
        if (source is null || !await scope.CanSeeAsync(source.Id, ct))
            errors.Add("fromWarehouseId", t["Common.NotFound"]);
        else if (source.Id == van)
            errors.Add("fromWarehouseId", t["Stock.Error.SameWarehouse"]);
        var lines = input.Lines ?? [];
        if (lines.Count is 0 or > 50)
            errors.Add("lines", t["Common.Error.Range", 1, 50]);
        var partIds = lines.Select(l => l.PartId).OfType<Guid>().ToList();
        var known = await db.Set<Part>().AsNoTracking().Where(p => partIds.Contains(p.Id) && p.IsActive).ToDictionaryAsync(p => p.Id, ct);
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].PartId is not { } pid || !known.ContainsKey(pid))
                errors.Add($"lines[{i}].partId", t["Common.NotFound"]);
            else if (lines.Take(i).Any(l => l.PartId == pid))
                errors.Add($"lines[{i}].partId", t["Requests.Error.DuplicatePart"]);
            if (lines[i].Quantity is null or < 1 or > 10_000)
                errors.Add($"lines[{i}].quantity", t["Stock.Error.Quantity"]);
        }
        if (input.Note is { Length: > 500 })
            errors.Add("note", t["Common.Error.MaxLength", 500]);
        errors.ThrowIfAny();

        long estimate = 0;
        var fits = true;
        foreach (var l in lines)
        {
            estimate += l.Quantity!.Value * await movements.AverageCostAsync(known[l.PartId!.Value], source!.Id, ct);
            if (order is not null && fits && !await parts.FitsAsync(l.PartId!.Value, order.ProductId, ct))
                fits = false;
        }
        var request = new PartRequest
        {
            Id = Guid.CreateVersion7(),
            Number = await scope.NumberAsync("PR", ct),
            WorkOrderId = order?.Id,
            WorkOrderNumber = order?.Number ?? "",
            RequesterId = me,
            RequesterName = actor.Principal.FindFirst(AppClaims.DisplayName)?.Value ?? actor.Name,
            FromWarehouseId = source!.Id,
            ToWarehouseId = van!.Value,
            Status = RequestStatus.Pending,
            EstimatedValue = estimate,
            Note = input.Note?.Trim() ?? "",
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            FitsMachine = fits,
            Lines = [.. lines.Select(l => new PartRequestLine { PartId = l.PartId!.Value, Quantity = l.Quantity!.Value })],
        };
        foreach (var l in request.Lines)
            l.RequestId = request.Id;
        db.Add(request);
        var approval = approvals.FirstOrDefault() is { } engine
            ? await engine.StartAsync(PartRequestApproval.RecordType, request.Id, me, ct)
            : null;
        if (approval is not null)
        {
            // The engine tells the approvers; the request is saved with its approval in one go.
            request.ApprovalReasons = WaitsApproval;
            request.ApprovalId = approval.Id;
            await db.SaveChangesAsync(ct);
            return await ToDtoAsync(request.Id, ct);
        }
        if (await ShortAsync(request, ct) is null)
        {
            await db.InTransactionAsync(
                async () =>
                {
                    await SendAsync(request, t["Requests.AutoApproved"], ct);
                    await db.SaveChangesAsync(ct);
                    return 0;
                },
                ct
            );
            return await ToDtoAsync(request.Id, ct);
        }
        // Nothing to approve but nothing to send: it waits for stock, and the shortage is on record.
        request.ApprovalReasons = WaitsStock;
        RecordShortage(request, await ShortAsync(request, ct));
        await notifier.NotifyAsync(
            "PartRequest",
            await notifier.UsersInRolesAsync([Roles.ServiceManager], ct),
            "/parts/requests?status=Pending",
            [request.Number, request.RequesterName, request.WorkOrderNumber],
            ct
        );
        await db.SaveChangesAsync(ct);
        return await ToDtoAsync(request.Id, ct);
    }

    public async Task<PartRequestDto> ApproveAsync(Guid id, DecideRequest input, CancellationToken ct)
    {
        var r = await PendingAsync(id, input, ct);
        if (await ViaApprovalAsync(r, ApprovalVerdict.Approve, input.Note, ct))
            return await ToDtoAsync(id, ct);
        if (await ShortAsync(r, ct) is { } shortage)
        {
            RecordShortage(r, shortage);
            await db.SaveChangesAsync(ct);
            throw ledger.Insufficient(shortage.Available, shortage.Requested);
        }
        await db.InTransactionAsync(
            async () =>
            {
                await SendAsync(r, input.Note, ct);
                await db.SaveChangesAsync(ct);
                return 0;
            },
            ct
        );
        await NotifyRequesterAsync(r, ct);
        return await ToDtoAsync(id, ct);
    }

    public async Task<PartRequestDto> RejectAsync(Guid id, DecideRequest input, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(input.Note) || input.Note.Length > 500)
            throw AppValidationException.For("note", t["Requests.Error.RejectNote"]);
        var r = await PendingAsync(id, input, ct);
        if (await ViaApprovalAsync(r, ApprovalVerdict.Reject, input.Note, ct))
            return await ToDtoAsync(id, ct);
        r.Status = RequestStatus.Rejected;
        Decide(r, input.Note);
        await NotifyRequesterAsync(r, ct);
        await db.SaveChangesAsync(ct);
        return await ToDtoAsync(id, ct);
    }

    /// <summary>The engineer confirms the parts arrived: the transfer is booked into the van.</summary>
    public async Task<PartRequestDto> ReceiveAsync(Guid id, long? version, CancellationToken ct)
    {
        var r = await db.Set<PartRequest>().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (r is null || !await CanSeeAsync(r, ct))
            throw new AppNotFoundException(t["Common.NotFound"]);
        if (r.RequesterId != actor.UserId && !scope.IsStockkeeper)
            throw new AppConflictException(t["Stock.Error.NotYourTransfer"]);
        if (r.Status == RequestStatus.Received)
            throw new AppConflictException(t["Stock.Error.AlreadyReceived", r.Number]);
        if (r.Status != RequestStatus.Approved || r.TransferId is not { } transferId)
            throw new AppConflictException(t["Requests.Error.NotApproved"]);
        if (version is { } v)
            db.ExpectVersion(r, v);
        await db.InTransactionAsync(
            async () =>
            {
                r.Status = RequestStatus.Received;
                r.ReceivedAtUtc = clock.GetUtcNow().UtcDateTime;
                await db.SaveChangesAsync(ct);
                await movements.ReceiveTransferAsync(transferId, null, ct);
                return 0;
            },
            ct
        );
        return await ToDtoAsync(id, ct);
    }

    /// <summary>When the engineer names no source: the central warehouse that can send every line, and has the most of them.</summary>
    private async Task<Guid?> CentralWithStockAsync(List<RequestLineInput> lines, CancellationToken ct)
    {
        var centrals = await db.Set<Warehouse>()
            .Where(w => w.Kind == WarehouseKind.Central && w.IsActive)
            .OrderBy(w => w.Code)
            .Select(w => w.Id)
            .ToListAsync(ct);
        var wanted = lines.Where(l => l.PartId is not null && l.Quantity > 0).ToDictionary(l => l.PartId!.Value, l => l.Quantity!.Value);
        var ids = wanted.Keys.ToList();
        var stock = await db.Set<StockBalance>().Where(b => centrals.Contains(b.WarehouseId) && ids.Contains(b.PartId)).ToListAsync(ct);
        return centrals
            .OrderByDescending(c => wanted.All(w => stock.Any(b => b.WarehouseId == c && b.PartId == w.Key && b.Quantity >= w.Value)))
            .ThenByDescending(c => stock.Where(b => b.WarehouseId == c).Sum(b => b.Quantity))
            .Select(c => (Guid?)c)
            .FirstOrDefault();
    }

    private async Task<PartRequest> PendingAsync(Guid id, DecideRequest input, CancellationToken ct)
    {
        var r = await db.Set<PartRequest>().Include(x => x.Lines).SingleOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        if (r.Status != RequestStatus.Pending)
            throw new AppConflictException(t["Requests.Error.Decided", r.Number]);
        if (input.Version is { } v)
            db.ExpectVersion(r, v);
        return r;
    }

    /// <summary>
    /// A request that follows an approval is decided on its current step, by whoever the step waits for (the engine says
    /// 409 to anyone else); one that only waited for stock is the warehouse's or a manager's to send.
    /// </summary>
    private async Task<bool> ViaApprovalAsync(PartRequest r, ApprovalVerdict verdict, string? note, CancellationToken ct)
    {
        if (r.ApprovalId is not { } approvalId || approvals.FirstOrDefault() is not { } engine)
            return false;
        if (r.ApprovalReasons == WaitsApproval)
        {
            await engine.DecideAsync(approvalId, verdict, note, ct);
            return true;
        }
        return false;
    }

    /// <summary>Before the last approval: a source gone short is recorded and refused, and the approval stays open.</summary>
    public async Task ReadyAsync(Guid id, CancellationToken ct)
    {
        var r = await db.Set<PartRequest>().Include(x => x.Lines).SingleAsync(x => x.Id == id, ct);
        if (await ShortAsync(r, ct) is { } shortage)
        {
            RecordShortage(r, shortage);
            await db.SaveChangesAsync(ct);
            throw ledger.Insufficient(shortage.Available, shortage.Requested);
        }
    }

    /// <summary>The approval's outcome, inside its transaction: approved sends the parts, rejected or withdrawn ends the request.</summary>
    public async Task DecidedAsync(ApprovalOutcome outcome, CancellationToken ct)
    {
        var r = await db.Set<PartRequest>().Include(x => x.Lines).SingleAsync(x => x.Id == outcome.RecordId, ct);
        if (r.Status != RequestStatus.Pending)
            return;
        switch (outcome.Status)
        {
            case ApprovalStatus.Approved:
                await SendAsync(r, outcome.Comment, ct);
                break;
            case ApprovalStatus.Rejected:
                r.Status = RequestStatus.Rejected;
                Decide(r, outcome.Comment);
                break;
            case ApprovalStatus.Cancelled:
                r.Status = RequestStatus.Cancelled;
                Decide(r, outcome.Comment);
                break;
        }
    }

    private sealed record Shortage(Guid PartId, long Requested, long Available);

    private async Task<Shortage?> ShortAsync(PartRequest r, CancellationToken ct)
    {
        foreach (var l in r.Lines)
        {
            var available = await ledger.AvailableAsync(l.PartId, r.FromWarehouseId, ct);
            if (available < l.Quantity)
                return new Shortage(l.PartId, l.Quantity, available);
        }
        return null;
    }

    private void RecordShortage(PartRequest r, Shortage? s)
    {
        if (s is null)
            return;
        db.Add(
            new StockOut
            {
                Id = Guid.CreateVersion7(),
                AtUtc = clock.GetUtcNow().UtcDateTime,
                PartId = s.PartId,
                WarehouseId = r.FromWarehouseId,
                Requested = s.Requested,
                Available = s.Available,
                RequestId = r.Id,
                WorkOrderId = r.WorkOrderId,
            }
        );
    }

    private async Task SendAsync(PartRequest r, string? note, CancellationToken ct)
    {
        var transfer = await movements.NewTransferAsync(r.FromWarehouseId, r.ToWarehouseId, r.Id, r.Number, ct);
        foreach (var l in r.Lines)
        {
            var m = await ledger.TakeAsync(
                new StockMovement
                {
                    Kind = MovementKind.TransferOut,
                    PartId = l.PartId,
                    WarehouseId = r.FromWarehouseId,
                    TransferId = transfer.Id,
                    RequestId = r.Id,
                    WorkOrderId = r.WorkOrderId,
                    WorkOrderNumber = r.WorkOrderNumber,
                },
                l.Quantity,
                ct
            );
            MovementService.AddLine(transfer, l.PartId, l.Quantity, -m.Value);
        }
        r.Status = RequestStatus.Approved;
        r.TransferId = transfer.Id;
        Decide(r, note);
    }

    private void Decide(PartRequest r, string? note)
    {
        r.DecidedBy = actor.Name;
        r.DecidedAtUtc = clock.GetUtcNow().UtcDateTime;
        r.DecisionNote = note?.Trim() ?? "";
    }

    private async Task NotifyRequesterAsync(PartRequest r, CancellationToken ct) =>
        await notifier.NotifyAsync(
            "PartRequestDecided",
            [r.RequesterId],
            "/m/parts",
            [r.Number, $"@Requests.Status.{r.Status}", r.DecisionNote],
            ct
        );

    private async Task<PartRequestDto> ToDtoAsync(Guid id, CancellationToken ct)
    {
        var r = await db.Set<PartRequest>().AsNoTracking().Include(x => x.Lines).SingleAsync(x => x.Id == id, ct);
        var names = await db.Set<Warehouse>()
            .Where(w => w.Id == r.FromWarehouseId || w.Id == r.ToWarehouseId)
            .ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        var partIds = r.Lines.Select(l => l.PartId).ToList();
        var info = await db.Set<Part>()
            .Where(p => partIds.Contains(p.Id))
            .ToDictionaryAsync(
                p => p.Id,
                p => new
                {
                    p.Number,
                    p.Name,
                    p.Unit,
                },
                ct
            );
        var available = await db.Set<StockBalance>()
            .Where(b => b.WarehouseId == r.FromWarehouseId && partIds.Contains(b.PartId))
            .ToDictionaryAsync(b => b.PartId, b => b.Quantity, ct);
        return new PartRequestDto(
            r.Id,
            r.Number,
            r.WorkOrderId,
            r.WorkOrderNumber,
            r.RequesterId,
            r.RequesterName,
            r.FromWarehouseId,
            names[r.FromWarehouseId],
            r.ToWarehouseId,
            names[r.ToWarehouseId],
            r.Status,
            r.ApprovalReasons.Split(',', StringSplitOptions.RemoveEmptyEntries),
            r.ApprovalId is not null && approvals.FirstOrDefault() is { } engine
                ? await engine.FindAsync(PartRequestApproval.RecordType, r.Id, ct)
                : null,
            r.FitsMachine,
            r.EstimatedValue,
            r.Note,
            r.CreatedAtUtc,
            r.DecidedBy,
            r.DecidedAtUtc,
            r.DecisionNote,
            r.TransferId,
            r.ReceivedAtUtc,
            [
                .. r.Lines.Select(l => new RequestLineDto(
                    l.PartId,
                    info[l.PartId].Number,
                    info[l.PartId].Name,
                    info[l.PartId].Unit,
                    l.Quantity,
                    available.GetValueOrDefault(l.PartId)
                )),
            ],
            r.Version
        );
    }
}
