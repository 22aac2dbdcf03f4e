using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;
using Steadfast.Sales.Leads;
using Steadfast.Sales.Orders;

namespace Steadfast.Sales.Opportunities;

public enum ForecastBy
{
    Owner = 0,
    Team = 1,
    Region = 2,
}

/// <summary>The board, the forecast and the suggestions: aggregates the database computes, never rows loaded to count.</summary>
internal sealed class Pipeline(
    AppDbContext db,
    SalesScope scope,
    StageCatalog stages,
    CustomerDirectory directory,
    SalesNumbers numbers,
    TimeProvider clock,
    IStringLocalizer<Strings> t
)
{
    public const int CardsPerColumn = 30;

    /// <summary>The forecast shows this many months before the current one.</summary>
    public const int PastMonths = 3;

    /// <summary>Closed opportunities stay on the board's won and lost columns this long.</summary>
    public static readonly TimeSpan ClosedShown = TimeSpan.FromDays(30);

    private IQueryable<Opportunity> Visible(Guid? ownerId, bool mine)
    {
        var q = scope.Opportunities().AsNoTracking();
        if (ownerId is { } owner)
            q = q.Where(o => o.OwnerId == owner);
        if (mine)
        {
            var me = scope.Me;
            q = q.Where(o => o.OwnerId == me);
        }
        return q;
    }

    public async Task<Board> BoardAsync(Guid? ownerId, bool mine, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var closedSince = now - ClosedShown;
        var cutoff = now - Lead.ContactWithin;
        var q = Visible(ownerId, mine).Where(o => o.Status == StageKind.Open || o.ClosedAtUtc >= closedSince);
        var totals = await q.GroupBy(o => o.StageId)
            .Select(g => new
            {
                g.Key,
                Count = g.Count(),
                Amount = g.Sum(o => o.Amount),
                Weighted = g.Sum(o => o.Amount * o.Probability) / 100,
            })
            .ToDictionaryAsync(g => g.Key, ct);
        var owners = db.Users.Select(u => new { u.Id, u.DisplayName });
        var columns = new List<BoardColumn>();
        foreach (var stage in (await stages.AllAsync(ct)).Where(s => s.Active))
        {
            var total = totals.GetValueOrDefault(stage.Id);
            var cards = total is null
                ? []
                : await (
                    from o in q.Where(o => o.StageId == stage.Id).OrderBy(o => o.ExpectedCloseOn).ThenBy(o => o.Id).Take(CardsPerColumn)
                    join u in owners on o.OwnerId equals u.Id into us
                    from u in us.DefaultIfEmpty()
                    select new BoardCard(
                        o.Id,
                        o.Number,
                        o.Title,
                        o.CustomerName,
                        o.Amount,
                        o.ExpectedCloseOn,
                        u == null ? "" : u.DisplayName,
                        Opportunity.IsUntouched(o.Status, o.FirstContactAtUtc, o.AssignedAtUtc, cutoff),
                        o.Version
                    )
                ).ToListAsync(ct);
            columns.Add(new BoardColumn(StageCatalog.ToDto(stage), total?.Count ?? 0, total?.Amount ?? 0, total?.Weighted ?? 0, cards));
        }
        var open = columns.Where(c => c.Stage.Kind == StageKind.Open).ToList();
        return new Board(columns, open.Sum(c => c.Amount), open.Sum(c => c.Weighted));
    }

    // Open deals by when they should close; won and lost ones by when they did, the latest first.
    private static IQueryable<Opportunity> Ordered(IQueryable<Opportunity> q, StageKind kind) =>
        kind == StageKind.Open
            ? q.OrderBy(o => o.ExpectedCloseOn).ThenBy(o => o.Id)
            : q.OrderByDescending(o => o.ClosedAtUtc).ThenBy(o => o.Id);

    public async Task<Forecast> ForecastAsync(int months, ForecastBy by, Guid? ownerId, bool mine, CancellationToken ct)
    {
        if (months is < 1 or > 24)
            throw AppValidationException.For("months", t["Problem.PageRange", 1, 24]);
        if (!Enum.IsDefined(by))
            throw AppValidationException.For("by", t["Common.Error.Choice"]);
        var today = numbers.Today;
        // Three months back beside the months ahead: what was won next to what is weighted to come.
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-PastMonths);
        months += PastMonths;
        var end = first.AddMonths(months);
        var q = Visible(ownerId, mine);
        var open = q.Where(o => o.Status == StageKind.Open && o.ExpectedCloseOn >= first && o.ExpectedCloseOn < end);
        // Ids are grouped as ids and written out here: the databases spell a Guid as text differently.
        var weighted = by switch
        {
            ForecastBy.Owner => Cells(
                await open.GroupBy(o => new
                    {
                        o.ExpectedCloseOn.Year,
                        o.ExpectedCloseOn.Month,
                        Key = o.OwnerId,
                    })
                    .Select(g => new IdCell(g.Key.Year, g.Key.Month, g.Key.Key, g.Sum(o => o.Amount * o.Probability) / 100))
                    .ToListAsync(ct)
            ),
            ForecastBy.Team => Cells(
                await open.GroupBy(o => new
                    {
                        o.ExpectedCloseOn.Year,
                        o.ExpectedCloseOn.Month,
                        Key = o.TeamId,
                    })
                    .Select(g => new IdCell(g.Key.Year, g.Key.Month, g.Key.Key, g.Sum(o => o.Amount * o.Probability) / 100))
                    .ToListAsync(ct)
            ),
            _ => await open.GroupBy(o => new
                {
                    o.ExpectedCloseOn.Year,
                    o.ExpectedCloseOn.Month,
                    Key = o.Province,
                })
                .Select(g => new Cell(g.Key.Year, g.Key.Month, g.Key.Key, g.Sum(o => o.Amount * o.Probability) / 100))
                .ToListAsync(ct),
        };
        var won = await q.Where(o => o.Status == StageKind.Won && o.ExpectedCloseOn >= first && o.ExpectedCloseOn < end)
            .GroupBy(o => new { o.ExpectedCloseOn.Year, o.ExpectedCloseOn.Month })
            .Select(g => new
            {
                g.Key.Year,
                g.Key.Month,
                Amount = g.Sum(o => o.Amount),
            })
            .ToListAsync(ct);
        var monthKeys = Enumerable.Range(0, months).Select(i => first.AddMonths(i)).ToList();
        int Index(int year, int month) => (year - first.Year) * 12 + month - first.Month;
        var labels = await LabelsAsync(by, weighted.Select(w => w.Key).Distinct().ToList(), ct);
        var rows = weighted
            .GroupBy(w => w.Key)
            .Select(g =>
            {
                var values = new long[months];
                foreach (var c in g)
                    values[Index(c.Year, c.Month)] += c.Amount;
                return new ForecastRow(g.Key, labels.GetValueOrDefault(g.Key, t["Sales.Unassigned"]), values, values.Sum());
            })
            .OrderByDescending(r => r.Total)
            .ToList();
        var totals = new long[months];
        foreach (var c in weighted)
            totals[Index(c.Year, c.Month)] += c.Amount;
        var wonTotals = new long[months];
        foreach (var w in won)
            wonTotals[Index(w.Year, w.Month)] += w.Amount;
        return new Forecast([.. monthKeys.Select(m => m.ToString("yyyy-MM", CultureInfo.InvariantCulture))], totals, wonTotals, rows);
    }

    private sealed record Cell(int Year, int Month, string Key, long Amount);

    private sealed record IdCell(int Year, int Month, Guid? Key, long Amount);

    private static List<Cell> Cells(List<IdCell> cells) =>
        [.. cells.Select(c => new Cell(c.Year, c.Month, c.Key?.ToString() ?? "", c.Amount))];

    private async Task<Dictionary<string, string>> LabelsAsync(ForecastBy by, List<string> keys, CancellationToken ct)
    {
        var ids = keys.Select(k => Guid.TryParse(k, out var g) ? g : Guid.Empty).Where(g => g != Guid.Empty).ToList();
        return by switch
        {
            ForecastBy.Owner => await db
                .Users.Where(u => ids.Contains(u.Id))
                .ToDictionaryAsync(u => u.Id.ToString(), u => u.DisplayName, ct),
            ForecastBy.Team => await db.Set<Platform.Company.Team>()
                .Where(x => ids.Contains(x.Id))
                .ToDictionaryAsync(x => x.Id.ToString(), x => x.Name, ct),
            _ => keys.Where(k => k.Length > 0).ToDictionary(k => k, k => k),
        };
    }

    /// <summary>
    /// Seed 004's starting point for a customer's new opportunity: what it bought before, and what customers of its industry
    /// with a similar three-year spend (a third to three times its own) bought most.
    /// </summary>
    public async Task<Suggestions> SuggestAsync(Guid customerId, CancellationToken ct)
    {
        if (!await directory.CanSeeCustomerAsync(customerId, ct))
            throw new AppNotFoundException(t["Common.NotFound"]);
        var orders = db.Set<SalesOrder>().AsNoTracking().Where(o => o.Status != SalesOrderStatus.Cancelled);
        var lines = db.Set<SalesOrderLine>().AsNoTracking();
        var bought = await (
            from l in lines
            join o in orders on l.SalesOrderId equals o.Id
            where o.CustomerId == customerId
            group new { l, o } by new { l.ProductId, l.Description } into g
            orderby g.Count() descending, g.Max(x => x.o.OrderedOn) descending
            select new Suggestion(
                g.Key.ProductId,
                g.Key.Description,
                g.Sum(x => x.l.Quantity) / g.Count(),
                g.Max(x => x.l.UnitPrice),
                g.Count(),
                g.Max(x => x.o.OrderedOn)
            )
        )
            .Take(10)
            .ToListAsync(ct);
        var profile = await directory.Profiles().Where(p => p.Id == customerId).Select(p => new { p.Industry }).SingleAsync(ct);
        if (profile.Industry.Length == 0)
            return new Suggestions(bought, [], "", 0);
        var since = numbers.Today.AddYears(-3);
        var recent = orders.Where(o => o.OrderedOn >= since);
        var spend = await recent.Where(o => o.CustomerId == customerId).SumAsync(o => (long?)o.Amount, ct) ?? 0;
        var peers = directory.Profiles().Where(p => p.Industry == profile.Industry && p.Id != customerId).Select(p => p.Id);
        var similar = recent
            .Where(o => peers.Contains(o.CustomerId))
            .GroupBy(o => o.CustomerId)
            .Select(g => new { g.Key, Spend = g.Sum(o => o.Amount) });
        if (spend > 0)
            similar = similar.Where(g => g.Spend >= spend / 3 && g.Spend <= spend * 3);
        var similarIds = similar.Select(g => g.Key);
        var count = await similarIds.CountAsync(ct);
        var popular = await (
            from l in lines
            join o in recent on l.SalesOrderId equals o.Id
            where similarIds.Contains(o.CustomerId)
            group new { l, o } by new { l.ProductId, l.Description } into g
            orderby g.Select(x => x.o.CustomerId).Distinct().Count() descending
            select new Suggestion(
                g.Key.ProductId,
                g.Key.Description,
                g.Sum(x => x.l.Quantity) / g.Count(),
                g.Max(x => x.l.UnitPrice),
                g.Select(x => x.o.CustomerId).Distinct().Count(),
                g.Max(x => x.o.OrderedOn)
            )
        )
            .Take(10)
            .ToListAsync(ct);
        return new Suggestions(bought, popular, profile.Industry, count);
    }
}
