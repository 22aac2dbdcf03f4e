using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;
using Steadfast.Sales.Leads;
using Steadfast.Sales.Orders;

namespace Steadfast.Sales.Opportunities;

/// <summary>Opportunities (商机): entry, stage moves (the board's drags), contacts, and a won one's order.</summary>
internal sealed class OpportunityService(
    AppDbContext db,
    SalesScope scope,
    StageCatalog stages,
    CustomerDirectory directory,
    CustomFieldService fields,
    SalesNumbers numbers,
    OrderService orders,
    ConfigCache cache,
    TimeProvider clock,
    IStringLocalizer<Strings> t
)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<List<StageDto>> StagesAsync(CancellationToken ct) => [.. (await stages.AllAsync(ct)).Select(StageCatalog.ToDto)];

    public async Task<StageDto> SaveStageAsync(Guid? id, SaveStage input, CancellationToken ct)
    {
        var stage = id is null
            ? new OpportunityStage { Id = Guid.CreateVersion7() }
            : await db.Set<OpportunityStage>().SingleOrDefaultAsync(s => s.Id == id, ct)
                ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var errors = new ValidationErrors();
        var zh = input.NameZh?.Trim() ?? stage.NameZh;
        var en = input.NameEn?.Trim() ?? stage.NameEn;
        if (zh.Length is 0 or > 50)
            errors.Add("nameZh", t["Stages.Error.Name"]);
        if (en.Length is 0 or > 50)
            errors.Add("nameEn", t["Stages.Error.Name"]);
        var kind = input.Kind ?? (id is null ? StageKind.Open : stage.Kind);
        if (!Enum.IsDefined(kind))
            errors.Add("kind", t["Common.Error.Choice"]);
        var probability = input.Probability ?? (id is null ? -1 : stage.Probability);
        if (probability is < 0 or > 100)
            errors.Add("probability", t["Stages.Error.Probability"]);
        else if ((kind == StageKind.Won && probability != 100) || (kind == StageKind.Lost && probability != 0))
            errors.Add("probability", t["Stages.Error.ClosedProbability"]);
        if (id is not null && input.Version is null)
            errors.Add("version", t["Common.Error.VersionRequired"]);
        if (id is not null && kind != stage.Kind && await db.Set<Opportunity>().AnyAsync(o => o.StageId == stage.Id, ct))
            errors.Add("kind", t["Stages.Error.KindInUse"]);
        errors.ThrowIfAny();
        if (id is null)
        {
            stage.Key = "s" + stage.Id.ToString("N")[..12];
            db.Add(stage);
        }
        else
            db.ExpectVersion(stage, input.Version!.Value);
        stage.NameZh = zh;
        stage.NameEn = en;
        stage.Kind = kind;
        stage.Probability = probability;
        stage.Order = input.Order
            ?? (id is null ? (await db.Set<OpportunityStage>().MaxAsync(s => (int?)s.Order, ct) ?? 0) + 10 : stage.Order);
        stage.Active = input.Active ?? stage.Active;
        await db.SaveChangesAsync(ct);
        cache.Changed();
        return StageCatalog.ToDto(stage);
    }

    public async Task<PagedResult<OpportunityListItem>> ListAsync(OpportunityQuery query, PageRequest page, CancellationToken ct)
    {
        var q = Filter(scope.Opportunities().AsNoTracking(), query);
        var cutoff = Now - Lead.ContactWithin;
        return await q.ToPageAsync(
            s => s.OrderBy(o => o.ExpectedCloseOn).ThenBy(o => o.Id),
            s =>
                from o in s
                join u in db.Users on o.OwnerId equals u.Id into owners
                from u in owners.DefaultIfEmpty()
                select new OpportunityListItem(
                    o.Id,
                    o.Number,
                    o.Title,
                    o.CustomerId,
                    o.CustomerName,
                    o.StageId,
                    o.Status,
                    o.Probability,
                    o.Amount,
                    o.ExpectedCloseOn,
                    o.OwnerId,
                    u == null ? "" : u.DisplayName,
                    o.NextStep,
                    o.CreatedAtUtc,
                    Opportunity.IsUntouched(o.Status, o.FirstContactAtUtc, o.AssignedAtUtc, cutoff),
                    o.Version
                ),
            page,
            ct
        );
    }

    private IQueryable<Opportunity> Filter(IQueryable<Opportunity> q, OpportunityQuery query)
    {
        if (query.Status is { } status)
            q = q.Where(o => o.Status == status);
        if (query.StageId is { } stage)
            q = q.Where(o => o.StageId == stage);
        if (query.OwnerId is { } owner)
            q = q.Where(o => o.OwnerId == owner);
        if (query.Mine)
        {
            var me = scope.Me;
            q = q.Where(o => o.OwnerId == me);
        }
        if (query.CustomerId is { } customer)
            q = q.Where(o => o.CustomerId == customer);
        if (query.CloseFrom is { } from)
            q = q.Where(o => o.ExpectedCloseOn >= from);
        if (query.CloseTo is { } to)
            q = q.Where(o => o.ExpectedCloseOn <= to);
        if (query.Overdue)
        {
            q = q.Where(Opportunity.Untouched(Now - Lead.ContactWithin));
        }
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var term = query.Q.Trim();
            q = q.Where(o => o.Number == term || o.Title.Contains(term) || o.CustomerName.StartsWith(term));
        }
        return q;
    }

    public async Task<OpportunityDetail> GetAsync(Guid id, CancellationToken ct, IReadOnlyList<string>? warnings = null)
    {
        var o = await scope.Opportunities().AsNoTracking().Include(x => x.Lines).SingleOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var owner = await db.Users.Where(u => u.Id == o.OwnerId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        var activities = await db.Set<SalesActivity>()
            .AsNoTracking()
            .Where(a => a.OpportunityId == id)
            .OrderByDescending(a => a.AtUtc)
            .Take(100)
            .Select(a => new SalesActivityDto(a.Id, a.Kind, a.Note, a.AtUtc, a.ByName))
            .ToListAsync(ct);
        return new OpportunityDetail(
            o.Id,
            o.Number,
            o.Title,
            o.CustomerId,
            o.CustomerName,
            o.ContactId,
            o.ContactName,
            o.StageId,
            o.Status,
            o.Probability,
            o.Amount,
            o.ExpectedCloseOn,
            o.OwnerId,
            owner ?? "",
            o.NextStep,
            o.LostReason,
            o.Competitor,
            o.LeadId,
            o.SalesOrderId,
            o.CreatedAtUtc,
            o.ClosedAtUtc,
            Opportunity.IsUntouched(o.Status, o.FirstContactAtUtc, o.AssignedAtUtc, Now - Lead.ContactWithin),
            [.. o.Lines.OrderBy(l => l.Position).Select(l => new LineDto(l.ProductId, l.Description, l.Quantity, l.UnitPrice, l.Amount))],
            activities,
            o.CustomFields.Values,
            warnings ?? [],
            o.Version
        );
    }

    public async Task<OpportunityDetail> CreateAsync(SaveOpportunity input, CancellationToken ct)
    {
        var o = new Opportunity { Id = Guid.CreateVersion7(), CreatedAtUtc = Now };
        var warnings = await ApplyAsync(o, input, isNew: true, ct);
        await db.InTransactionAsync(
            async () =>
            {
                o.Number = await numbers.NextAsync("OP", ct);
                db.Add(o);
                await CloseIfFinalAsync(o, ct);
                await db.SaveChangesAsync(ct);
                return 0;
            },
            ct
        );
        return await GetAsync(o.Id, ct, warnings);
    }

    /// <summary>Inside the conversion's transaction: the lead's opportunity, at the first open stage.</summary>
    internal async Task<Opportunity> OpenFromLeadAsync(
        Lead lead,
        Guid customerId,
        Guid? ownerId,
        string? title,
        long amount,
        DateOnly? closeOn,
        CancellationToken ct
    )
    {
        var first = (await stages.AllAsync(ct)).FirstOrDefault(s => s.Active && s.Kind == StageKind.Open)
            ?? throw new AppConflictException(t["Stages.Error.NoOpenStage"]);
        var customer = await directory.CustomerFactsAsync(customerId, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var o = new Opportunity
        {
            Id = Guid.CreateVersion7(),
            Number = await numbers.NextAsync("OP", ct),
            Title = title ?? (lead.ProductCategory.Length > 0 ? $"{customer.Name} · {lead.ProductCategory}" : customer.Name),
            CustomerId = customerId,
            CustomerName = customer.Name,
            ContactName = lead.ContactName,
            StageId = first.Id,
            Status = StageKind.Open,
            Probability = first.Probability,
            Amount = amount,
            ExpectedCloseOn = closeOn ?? numbers.Today.AddMonths(3),
            OwnerId = ownerId,
            TeamId = await TeamOfAsync(ownerId, ct),
            Province = customer.Province,
            DealerId = lead.DealerId,
            LeadId = lead.Id,
            CreatedAtUtc = Now,
            AssignedAtUtc = ownerId is null ? null : Now,
            // The lead's contacts were with this customer about this sale: the opportunity is not untouched.
            FirstContactAtUtc = lead.FirstContactAtUtc is null ? null : Now,
        };
        db.Add(o);
        return o;
    }

    private Task<Guid?> TeamOfAsync(Guid? user, CancellationToken ct) =>
        user is null ? Task.FromResult<Guid?>(null) : db.Users.Where(u => u.Id == user).Select(u => u.TeamId).FirstOrDefaultAsync(ct);

    public async Task<OpportunityDetail> UpdateAsync(Guid id, SaveOpportunity input, CancellationToken ct)
    {
        var o = await FindAsync(id, input.Version, ct);
        var before = o.Status;
        var warnings = await ApplyAsync(o, input, isNew: false, ct);
        await db.InTransactionAsync(
            async () =>
            {
                if (before == StageKind.Open)
                    await CloseIfFinalAsync(o, ct);
                await db.SaveChangesAsync(ct);
                return 0;
            },
            ct
        );
        return await GetAsync(id, ct, warnings);
    }

    /// <summary>The board's drag: only the stage changes, with the version the card was drawn with.</summary>
    public async Task<OpportunityDetail> MoveAsync(Guid id, MoveOpportunity input, CancellationToken ct)
    {
        if (input.StageId is null)
            throw AppValidationException.For("stageId", t["Stages.Error.Unknown"]);
        var o = await FindAsync(id, input.Version, ct);
        var before = o.Status;
        if (before != StageKind.Open)
            throw new AppConflictException(t["Opportunities.Error.Closed"]);
        var stage = await StageAsync(input.StageId.Value, ct);
        var errors = new ValidationErrors();
        CheckLost(stage, input.LostReason ?? o.LostReason, errors);
        errors.ThrowIfAny();
        o.StageId = stage.Id;
        o.Status = stage.Kind;
        o.Probability = stage.Probability;
        if (stage.Kind == StageKind.Lost)
        {
            o.LostReason = input.LostReason!.Trim();
            o.Competitor = input.Competitor?.Trim() ?? o.Competitor;
        }
        await db.InTransactionAsync(
            async () =>
            {
                await CloseIfFinalAsync(o, ct);
                await db.SaveChangesAsync(ct);
                return 0;
            },
            ct
        );
        return await GetAsync(id, ct);
    }

    private void CheckLost(OpportunityStage stage, string? reason, ValidationErrors errors)
    {
        if (stage.Kind == StageKind.Lost && string.IsNullOrWhiteSpace(reason))
            errors.Add("lostReason", t["Opportunities.Error.LostReason"]);
        else if (reason is { Length: > 500 })
            errors.Add("lostReason", t["Common.Error.MaxLength", 500]);
    }

    /// <summary>Won: the lines become the won order (the contracts module will take them from here). Closed either way.</summary>
    private async Task CloseIfFinalAsync(Opportunity o, CancellationToken ct)
    {
        if (o.Status == StageKind.Open)
            return;
        o.ClosedAtUtc = Now;
        if (o.Status == StageKind.Won && o.SalesOrderId is null)
            o.SalesOrderId = await orders.CreateFromOpportunityAsync(o, ct);
    }

    public async Task<OpportunityDetail> LogContactAsync(Guid id, LogContact input, CancellationToken ct)
    {
        var o = await scope.Opportunities().SingleOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        db.Add(ContactLog.Check(input, null, id, scope, Now, t));
        o.FirstContactAtUtc ??= Now;
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    private async Task<Opportunity> FindAsync(Guid id, long? version, CancellationToken ct)
    {
        var o = await scope.Opportunities().Include(x => x.Lines).SingleOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        if (version is null)
            throw AppValidationException.For("version", t["Common.Error.VersionRequired"]);
        db.ExpectVersion(o, version.Value);
        return o;
    }

    private async Task<OpportunityStage> StageAsync(Guid id, CancellationToken ct) =>
        (await stages.AllAsync(ct)).FirstOrDefault(s => s.Id == id && s.Active)
        ?? throw AppValidationException.For("stageId", t["Stages.Error.Unknown"]);

    private async Task<List<string>> ApplyAsync(Opportunity o, SaveOpportunity input, bool isNew, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var warnings = new List<string>();
        if (!isNew && o.Status != StageKind.Open)
            throw new AppConflictException(t["Opportunities.Error.Closed"]);
        var title = input.Title?.Trim() ?? o.Title;
        if (title.Length is 0 or > 200)
            errors.Add("title", t["Opportunities.Error.Title"]);
        CustomerFacts? customer = null;
        if (isNew || (input.CustomerId is { } c && c != o.CustomerId))
        {
            if (input.CustomerId is not { } cid || (customer = await directory.VisibleCustomerFactsAsync(cid, ct)) is null)
                errors.Add("customerId", t["Leads.Error.Customer"]);
        }
        var allStages = await stages.AllAsync(ct);
        OpportunityStage? stage = null;
        if (input.StageId is { } sid)
        {
            stage = allStages.FirstOrDefault(s => s.Id == sid && s.Active);
            if (stage is null)
                errors.Add("stageId", t["Stages.Error.Unknown"]);
        }
        else if (isNew)
            stage = allStages.FirstOrDefault(s => s.Active && s.Kind == StageKind.Open);
        if (stage is not null)
            CheckLost(stage, input.LostReason ?? o.LostReason, errors);
        if (input.Amount is < 0)
            errors.Add("amount", t["Sales.Error.Amount"]);
        var closeOn = input.ExpectedCloseOn ?? (isNew ? (DateOnly?)null : o.ExpectedCloseOn);
        if (closeOn is null)
            errors.Add("expectedCloseOn", t["Common.Error.Required"]);
        else if (isNew && closeOn < numbers.Today)
            warnings.Add("expectedCloseOn");
        if (input.OwnerId is { } owner && owner != o.OwnerId && !await scope.Assignable().AnyAsync(u => u.Id == owner, ct))
            errors.Add("ownerId", t["Leads.Error.Owner"]);
        foreach (
            var (field, value, max) in new[]
            {
                ("nextStep", input.NextStep, 500),
                ("competitor", input.Competitor, 200),
                ("contactName", input.ContactName, 100),
            }
        )
            if (value is { } v && v.Trim().Length > max)
                errors.Add(field, t["Common.Error.MaxLength", max]);
        var products = input.Lines is null ? [] : (await directory.ProductsAsync(ct)).ToDictionary(p => p.Id, p => p.Name);
        var lines = LineItems.Check(input.Lines, products, errors, t);
        var values = await fields.ValidateAsync(Opportunity.RecordTypeName, input.CustomFields, isNew ? null : o.CustomFields, errors, ct);
        errors.ThrowIfAny();

        o.Title = title;
        if (customer is not null)
        {
            o.CustomerId = customer.Id;
            o.CustomerName = customer.Name;
            o.Province = customer.Province;
        }
        o.ContactId = input.ContactId ?? o.ContactId;
        o.ContactName = input.ContactName?.Trim() ?? o.ContactName;
        if (stage is not null)
        {
            o.StageId = stage.Id;
            o.Status = stage.Kind;
            o.Probability = stage.Probability;
        }
        o.ExpectedCloseOn = closeOn!.Value;
        var newOwner = input.OwnerId ?? o.OwnerId ?? (isNew && !scope.SeesEverything ? scope.Me : null);
        if (newOwner != o.OwnerId || isNew)
        {
            o.OwnerId = newOwner;
            o.TeamId = await TeamOfAsync(newOwner, ct);
            o.AssignedAtUtc = newOwner is null ? null : Now;
            o.FirstContactAtUtc = null;
        }
        if (isNew && scope.OwnDealerId is { } dealer)
            o.DealerId = dealer;
        o.NextStep = input.NextStep?.Trim() ?? o.NextStep;
        o.Competitor = input.Competitor?.Trim() ?? o.Competitor;
        o.LostReason = o.Status == StageKind.Lost ? (input.LostReason?.Trim() ?? o.LostReason) : o.LostReason;
        if (input.Lines is not null)
        {
            LineItems.Replace(db, o.Lines, lines, () => new OpportunityLine { OpportunityId = o.Id });
        }
        o.Amount = o.Lines.Count > 0 ? o.Lines.Sum(l => l.Amount) : input.Amount ?? o.Amount;
        o.CustomFields = values;
        return warnings;
    }
}
