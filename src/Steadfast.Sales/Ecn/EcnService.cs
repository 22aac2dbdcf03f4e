using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Public;
using Steadfast.Inventory.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Automation;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Jobs;
using Steadfast.Platform.Localization;
using Steadfast.Platform.Notifications;
using Steadfast.Service.Public;

namespace Steadfast.Sales.Ecn;

/// <summary>
/// Engineering changes: written as drafts by R&amp;D, published once. Publication is all-or-nothing: the impact rows, one
/// confirmation and one task per affected customer, the notices and the escalation due item commit together or not at all.
/// </summary>
internal sealed partial class EcnService(
    AppDbContext db,
    CustomerDirectory directory,
    PartModels partModels,
    OpenWorkOrders workOrders,
    SalesScope scope,
    CurrentActor actor,
    Notifier notifier,
    IEnumerable<ITasks> taskPorts,
    TimeProvider clock,
    IStringLocalizer<Strings> t
)
{
    public const string EscalateKind = "ecn.escalate";
    public static readonly TimeSpan ConfirmWithin = TimeSpan.FromHours(24);
    private const int MaxListed = 50;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<PagedResult<EcnListItem>> ListAsync(EcnStatus? status, string? text, PageRequest page, CancellationToken ct)
    {
        var now = Now;
        var q = db.Set<Ecn>().AsNoTracking();
        if (status is { } s)
            q = q.Where(e => e.Status == s);
        if (!string.IsNullOrWhiteSpace(text))
        {
            var term = text.Trim();
            q = q.Where(e => e.Number.StartsWith(term) || e.Title.Contains(term));
        }
        var confirmations = db.Set<EcnConfirmation>();
        return await q.ToPageAsync(
            x => x.OrderBy(e => e.Status).ThenByDescending(e => e.PublishedAtUtc).ThenByDescending(e => e.CreatedAtUtc),
            x =>
                x.Select(e => new EcnListItem(
                    e.Id,
                    e.Number,
                    e.Title,
                    e.Status,
                    e.EffectiveOn,
                    e.PublishedAtUtc,
                    e.Customers,
                    confirmations.Count(c => c.EcnId == e.Id && c.ConfirmedAtUtc != null),
                    confirmations.Count(c => c.EcnId == e.Id && c.ConfirmedAtUtc == null && c.DueAtUtc < now),
                    e.Orders,
                    e.Machines
                )),
            page,
            ct
        );
    }

    public async Task<EcnDetail> GetAsync(Guid id, CancellationToken ct)
    {
        var e = await db.Set<Ecn>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var productIds = PipeList.Split(e.ProductIds).Select(Guid.Parse).ToList();
        var products = (await directory.ProductsAsync(ct))
            .Where(p => productIds.Contains(p.Id))
            .Select(p => new NamedRef(p.Id, $"{p.Code} {p.Name}"))
            .ToList();
        var users = new[] { e.CreatedById, e.PublishedById }.OfType<Guid>().ToList();
        var names = await db.Users.AsNoTracking().Where(u => users.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var now = Now;
        var confirmations = db.Set<EcnConfirmation>().Where(c => c.EcnId == id);
        var confirmed = await confirmations.CountAsync(c => c.ConfirmedAtUtc != null, ct);
        var overdue = await confirmations.CountAsync(c => c.ConfirmedAtUtc == null && c.DueAtUtc < now, ct);
        return new EcnDetail(
            e.Id,
            e.Number,
            e.Title,
            e.Description,
            products,
            PipeList.Split(e.PartNumbers),
            e.SerialFrom,
            e.SerialTo,
            e.BuiltFrom,
            e.BuiltTo,
            e.EffectiveOn,
            e.Status,
            e.CreatedById is { } c ? names.GetValueOrDefault(c, "") : "",
            e.PublishedAtUtc,
            e.PublishedById is { } p ? names.GetValueOrDefault(p, "") : "",
            e.ConfirmDueAtUtc,
            new EcnCounts(e.Orders, e.Opportunities, e.Projects, e.Machines, e.WorkOrders, e.Customers, confirmed, overdue),
            e.Status == EcnStatus.Draft && CanPublish,
            e.Version
        );
    }

    /// <summary>R&amp;D and admins write and publish ECNs (the policy says the same for the endpoints).</summary>
    private bool CanPublish => actor.IsInRole(Roles.RdEngineer) || actor.IsInRole(Roles.Admin);

    /// <summary>The records an ECN touched, of one kind, limited to the customers the caller sees.</summary>
    public async Task<PagedResult<ImpactDto>> ImpactsAsync(Guid id, ImpactKind kind, PageRequest page, CancellationToken ct)
    {
        var q = VisibleImpacts(id).Where(i => i.Kind == kind);
        var names = directory.CustomerNames();
        return await q.ToPageAsync(
            x => x.OrderBy(i => i.Label),
            x =>
                from i in x
                join n in names on i.CustomerId equals n.Id into ns
                from n in ns.DefaultIfEmpty()
                select new ImpactDto(i.Id, i.Kind, i.RecordId, i.Label, i.CustomerId, n == null ? "" : n.Name, i.Outcome),
            page,
            ct
        );
    }

    public async Task<PagedResult<ConfirmationDto>> ConfirmationsAsync(
        Guid id,
        bool openOnly,
        PageRequest page,
        CancellationToken ct,
        Guid? only = null
    )
    {
        if (!await db.Set<Ecn>().AnyAsync(e => e.Id == id, ct))
            throw new AppNotFoundException(t["Common.NotFound"]);
        var q = db.Set<EcnConfirmation>().AsNoTracking().Where(c => c.EcnId == id);
        if (!directory.SeesEverything)
        {
            var visible = directory.VisibleCustomerIds();
            var me = scope.Me;
            q = q.Where(c => visible.Contains(c.CustomerId) || c.AccountManagerId == me);
        }
        if (openOnly)
            q = q.Where(c => c.ConfirmedAtUtc == null);
        if (only is { } one)
            q = q.Where(c => c.Id == one);
        var total = await q.CountAsync(ct);
        var impacts = db.Set<EcnImpact>();
        // Waiting first; among them the customers with an order, opportunity or project touched, which have most at stake.
        var rows = await q.OrderBy(c => c.ConfirmedAtUtc != null)
            .ThenByDescending(c => impacts.Any(i => i.EcnId == id && i.Kind <= ImpactKind.Project && i.CustomerId == c.CustomerId))
            .ThenBy(c => c.CustomerName)
            .Skip(page.Skip)
            .Take(page.PageSize)
            .ToListAsync(ct);
        var customers = rows.Select(r => r.CustomerId).ToList();
        var orders = await db.Set<EcnImpact>()
            .AsNoTracking()
            .Where(i => i.EcnId == id && i.Kind <= ImpactKind.Project && customers.Contains(i.CustomerId))
            .OrderBy(i => i.Kind)
            .ThenBy(i => i.Label)
            .ToListAsync(ct);
        var managers = rows.Select(r => r.AccountManagerId).OfType<Guid>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => managers.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var now = Now;
        return new PagedResult<ConfirmationDto>(
            [
                .. rows.Select(c => new ConfirmationDto(
                    c.Id,
                    c.CustomerId,
                    c.CustomerName,
                    c.AccountManagerId,
                    c.AccountManagerId is { } m ? names.GetValueOrDefault(m, "") : "",
                    c.DueAtUtc,
                    c.ConfirmedAtUtc is null && c.DueAtUtc < now,
                    c.EscalatedAtUtc is not null,
                    c.Outcome,
                    c.Note,
                    c.ConfirmedAtUtc,
                    [
                        .. orders
                            .Where(i => i.CustomerId == c.CustomerId)
                            .Select(i => new ImpactDto(i.Id, i.Kind, i.RecordId, i.Label, i.CustomerId, c.CustomerName, i.Outcome)),
                    ],
                    CanAnswer(c),
                    c.Version
                )),
            ],
            total
        );
    }

    private IQueryable<EcnImpact> VisibleImpacts(Guid id)
    {
        var q = db.Set<EcnImpact>().AsNoTracking().Where(i => i.EcnId == id);
        if (directory.SeesEverything)
            return q;
        var visible = directory.VisibleCustomerIds();
        return q.Where(i => visible.Contains(i.CustomerId));
    }

    private bool CanAnswer(EcnConfirmation c) =>
        scope.IsManager
        || (scope.Me is { } me && c.AccountManagerId == me)
        || (c.AccountManagerId is null && actor.IsInRole(Roles.SalesManager));
}
