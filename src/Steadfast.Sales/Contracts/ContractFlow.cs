using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.Platform.Api;
using Steadfast.Platform.Automation;
using Steadfast.Platform.Data;
using Steadfast.Platform.Files;
using Steadfast.Sales.Receivables;

namespace Steadfast.Sales.Contracts;

internal sealed partial class ContractService
{
    /// <summary>To its approvers when a process applies (amount, discount, non-standard terms), else approved at once.</summary>
    public async Task<ContractDetail> SubmitAsync(Guid id, long? version, CancellationToken ct)
    {
        var c = await FindAsync(id, version, ct);
        if (c.Status != ContractStatus.Draft)
            throw new AppConflictException(t["Contracts.Error.NotDraft", t[$"Contracts.Status.{c.Status}"]]);
        await db.Entry(c).Collection(x => x.Instalments).LoadAsync(ct);
        if (c.Kind != ContractKind.Framework && c.Instalments.Count > 0 && c.Instalments.Sum(i => i.Amount) != c.Amount)
            throw AppValidationException.For(
                "instalments",
                t[
                    "Contracts.Error.PlanTotal",
                    Platform.Ui.Money.Amount(c.Instalments.Sum(i => i.Amount)),
                    Platform.Ui.Money.Amount(c.Amount)
                ]
            );
        await db.InTransactionAsync(
            async () =>
            {
                var approval =
                    approvals.FirstOrDefault() is { } engine && actor.UserId is { } me
                        ? await engine.StartAsync(Contract.RecordTypeName, c.Id, me, ct)
                        : null;
                c.Status = approval is null ? ContractStatus.Approved : ContractStatus.InApproval;
                c.ApprovalId = approval?.Id ?? c.ApprovalId;
                await db.SaveChangesAsync(ct);
                return 0;
            },
            ct
        );
        return await GetAsync(id, ct);
    }

    /// <summary>Inside the approval's transaction: approved waits for the signature; rejected or returned goes back to draft.</summary>
    public async Task DecidedAsync(ApprovalOutcome outcome, CancellationToken ct)
    {
        var c = await db.Set<Contract>().SingleAsync(x => x.Id == outcome.RecordId, ct);
        if (c.Status != ContractStatus.InApproval)
            return;
        c.Status = outcome.Status == ApprovalStatus.Approved ? ContractStatus.Approved : ContractStatus.Draft;
    }

    /// <summary>
    /// The customer signed: on screen (their drawn signature) or on paper (the signed PDF, uploaded to the contract first).
    /// From here the contract is fixed, its plan is owed, and its dates count; an amendment it replaces ends.
    /// </summary>
    public async Task<ContractDetail> SignAsync(Guid id, SignContract input, CancellationToken ct)
    {
        var c = await WholeAsync(id, tracked: true, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        if (input.Version is { } v)
            db.ExpectVersion(c, v);
        if (c.Status != ContractStatus.Approved)
            throw new AppConflictException(t["Contracts.Error.SignWhen", t[$"Contracts.Status.{c.Status}"]]);
        var errors = new ValidationErrors();
        var signer = input.SignedBy?.Trim() ?? "";
        if (signer.Length is 0 or > 100)
            errors.Add("signedBy", t["Contracts.Error.Signer"]);
        var signedOn = input.SignedOn ?? Today;
        if (signedOn > Today)
            errors.Add("signedOn", t["Contracts.Error.SignedFuture"]);
        var files = services.GetRequiredService<AttachmentService>();
        byte[]? image = null;
        if (input.SignedFileId is { } fileId)
        {
            if (!(await files.ListAsync(Contract.RecordTypeName, c.Id, ct)).Any(a => a.Id == fileId))
                errors.Add("signedFileId", t["Contracts.Error.SignedFile"]);
        }
        else
        {
            image = AttachmentService.FromDataUrl(input.SignatureImage);
            if (image is null || AttachmentService.Sniff(image.AsSpan(0, Math.Min(image.Length, 16))) is not ("image/png" or "image/jpeg"))
                errors.Add("signatureImage", t["Contracts.Error.Signature"]);
        }
        errors.ThrowIfAny();
        if (c.Kind == ContractKind.Service && c.Machines.Count + c.Models.Count > 0)
        {
            // Checked again: another contract for the same machines may have been signed since this one was drafted.
            var overlap = new ValidationErrors();
            var machines = (await directory.MachinesOfAsync(c.CustomerId, ct))
                .Where(m => c.Machines.Any(x => x.MachineId == m.Id))
                .ToList();
            await CheckOverlapAsync(
                c.Id,
                c.AmendmentOfId,
                c.CustomerId,
                c.ServiceKind!.Value,
                c.StartsOn,
                c.EndsOn,
                machines,
                [.. c.Models.Select(m => m.ProductId)],
                overlap,
                ct
            );
            overlap.ThrowIfAny();
        }
        await db.InTransactionAsync(
            async () =>
            {
                if (image is not null)
                {
                    await using var stream = new MemoryStream(image);
                    var file = await files.StageAsync(
                        Contract.RecordTypeName,
                        c.Id,
                        AttachmentKind.Signature,
                        "signature.png",
                        stream,
                        image.Length,
                        ct
                    );
                    c.SignedFileId = file.Id;
                }
                else
                    c.SignedFileId = input.SignedFileId;
                c.SignedBy = signer;
                c.SignedOn = signedOn;
                c.SignedAtUtc = clock.GetUtcNow().UtcDateTime;
                c.Status = c.StartsOn <= Today ? ContractStatus.Active : ContractStatus.Signed;
                DatePlan(c);
                if (c.AmendmentOfId is { } replaced)
                    await EndReplacedAsync(replaced, c, ct);
                if (c.RenewalOfId is { } renewed)
                    await MarkRenewedAsync(renewed, ct);
                await db.SaveChangesAsync(ct);
                return 0;
            },
            ct
        );
        return await GetAsync(id, ct);
    }

    /// <summary>The plan's dates follow the milestones; from signing on, it is owed.</summary>
    private static void DatePlan(Contract c)
    {
        foreach (var i in c.Instalments)
        {
            i.DueOn = PaymentPlan.DueOn(i.DueFrom, i.OffsetDays, i.FixedOn, c.SignedOn, c.DeliveredOn, c.AcceptedOn);
            i.Owed = c.Status is ContractStatus.Signed or ContractStatus.Active or ContractStatus.Expired or ContractStatus.Renewed;
            Copy(c, i);
        }
    }

    /// <summary>
    /// An amendment signed: the contract it changes ends, what was still to be paid there is owed here, and the visits
    /// and parts cover its repairs already took count against the amendment (same term, same entitlements).
    /// </summary>
    private async Task EndReplacedAsync(Guid replacedId, Contract amendment, CancellationToken ct)
    {
        var old = await db.Set<Contract>().Include(x => x.Instalments).SingleOrDefaultAsync(x => x.Id == replacedId, ct);
        if (old is null || old.Status is not (ContractStatus.Signed or ContractStatus.Active))
            return;
        old.Status = ContractStatus.Terminated;
        old.TerminatedAtUtc = clock.GetUtcNow().UtcDateTime;
        old.TerminationReason = t["Contracts.AmendedBy", amendment.Number];
        foreach (var i in old.Instalments.Where(i => i.Open > 0))
            i.Owed = false;
        amendment.VisitsUsed += old.VisitsUsed;
        amendment.PartsCapUsed += old.PartsCapUsed;
    }

    /// <summary>Delivery and acceptance dates: instalments counting from them get their due dates.</summary>
    public async Task<ContractDetail> MilestoneAsync(Guid id, ContractMilestone input, CancellationToken ct)
    {
        var c = await FindAsync(id, input.Version, ct);
        if (c.Status is not (ContractStatus.Signed or ContractStatus.Active or ContractStatus.Expired))
            throw new AppConflictException(t["Contracts.Error.MilestoneWhen"]);
        var errors = new ValidationErrors();
        if (input.DeliveredOn is { } d && (d > Today || (c.SignedOn is { } s && d < s)))
            errors.Add("deliveredOn", t["Contracts.Error.MilestoneDate"]);
        var delivered = input.DeliveredOn ?? c.DeliveredOn;
        if (input.AcceptedOn is { } a && (a > Today || delivered is null || a < delivered))
            errors.Add("acceptedOn", t["Contracts.Error.AcceptedDate"]);
        errors.ThrowIfAny();
        await db.Entry(c).Collection(x => x.Instalments).LoadAsync(ct);
        c.DeliveredOn = delivered;
        c.AcceptedOn = input.AcceptedOn ?? c.AcceptedOn;
        DatePlan(c);
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>Ended early with a reason: it stops covering machines at once; what is still open stays owed.</summary>
    public async Task<ContractDetail> TerminateAsync(Guid id, TerminateContract input, CancellationToken ct)
    {
        var c = await FindAsync(id, input.Version, ct);
        if (c.Status is not (ContractStatus.Signed or ContractStatus.Active))
            throw new AppConflictException(t["Contracts.Error.TerminateWhen", t[$"Contracts.Status.{c.Status}"]]);
        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length is 0 or > 500)
            throw AppValidationException.For("reason", t["Contracts.Error.Reason"]);
        c.Status = ContractStatus.Terminated;
        c.TerminatedAtUtc = clock.GetUtcNow().UtcDateTime;
        c.TerminationReason = reason;
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>
    /// A signed contract never changes; an amendment (补充协议) is a new draft copied from it, approved and signed on its own.
    /// When it is signed it replaces the original.
    /// </summary>
    public async Task<ContractDetail> AmendAsync(Guid id, CancellationToken ct)
    {
        var c = await WholeAsync(id, tracked: false, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        if (c.Status is not (ContractStatus.Signed or ContractStatus.Active))
            throw new AppConflictException(t["Contracts.Error.AmendWhen", t[$"Contracts.Status.{c.Status}"]]);
        var copy = CopyAsDraft(c, c.StartsOn, c.EndsOn, c.Amount);
        copy.AmendmentOfId = c.Id;
        // What is still open moves over; what was paid stays with the original.
        var position = 0;
        foreach (var i in c.Instalments.Where(i => i.Open > 0).OrderBy(i => i.Position))
            copy.Instalments.Add(
                new Instalment
                {
                    ContractId = copy.Id,
                    Position = position++,
                    Name = i.Name,
                    DueFrom = i.DueFrom,
                    OffsetDays = i.OffsetDays,
                    FixedOn = i.FixedOn,
                    Amount = i.Open,
                    Open = i.Open,
                }
            );
        copy.Amount = copy.Instalments.Sum(i => i.Amount);
        (copy.DeliveredOn, copy.AcceptedOn) = (c.DeliveredOn, c.AcceptedOn);
        await SaveNewAsync(copy, $"{c.Number}-B{await db.Set<Contract>().CountAsync(x => x.AmendmentOfId == c.Id, ct) + 1}", ct);
        return await GetAsync(copy.Id, ct);
    }

    /// <summary>A new draft with the old one's customer, terms, lines, machines and entitlements.</summary>
    private Contract CopyAsDraft(Contract c, DateOnly starts, DateOnly ends, long amount)
    {
        var copy = new Contract
        {
            Id = Guid.CreateVersion7(),
            Status = ContractStatus.Draft,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            Title = c.Title,
            Kind = c.Kind,
            ServiceKind = c.ServiceKind,
            CustomerId = c.CustomerId,
            CustomerName = c.CustomerName,
            Region = c.Region,
            OwnerId = c.OwnerId,
            StartsOn = starts,
            EndsOn = ends,
            Amount = amount,
            Currency = c.Currency,
            TaxRate = c.TaxRate,
            DiscountPercent = c.DiscountPercent,
            NonStandardTerms = c.NonStandardTerms,
            Terms = c.Terms,
            OpportunityId = c.OpportunityId,
            ServiceLevel = c.ServiceLevel,
            VisitsPerYear = c.VisitsPerYear,
            VisitsIncluded = IncludedVisits(c.VisitsPerYear, starts, ends),
            LabourPercent = c.LabourPercent,
            PartsPercent = c.PartsPercent,
            TravelCovered = c.TravelCovered,
            RemoteSupport = c.RemoteSupport,
            PartsCap = c.PartsCap,
            CustomFields = c.CustomFields,
        };
        copy.Lines.AddRange(
            c.Lines.Select(l => new ContractLine
            {
                ContractId = copy.Id,
                Position = l.Position,
                ProductId = l.ProductId,
                Description = l.Description,
                Quantity = l.Quantity,
                UnitPrice = l.UnitPrice,
                Amount = l.Amount,
            })
        );
        copy.Machines.AddRange(
            c.Machines.Select(m => new CoveredMachine
            {
                ContractId = copy.Id,
                MachineId = m.MachineId,
                SerialNumber = m.SerialNumber,
            })
        );
        copy.Models.AddRange(c.Models.Select(m => new CoveredModel { ContractId = copy.Id, ProductId = m.ProductId }));
        copy.Parts.AddRange(c.Parts.Select(p => new CoveredPart { ContractId = copy.Id, PartId = p.PartId }));
        return copy;
    }
}
