using Microsoft.EntityFrameworkCore;
using Steadfast.Platform.Data;

namespace Steadfast.Sales.Projects;

/// <summary>
/// The board of active projects by their current stage, and the delivery KPIs. Counted and averaged in the database;
/// each column carries at most <see cref="CardsPerColumn"/> cards, the most urgent first.
/// </summary>
internal sealed class ProjectBoard(AppDbContext db, ProjectService projects, SalesNumbers numbers)
{
    public const int CardsPerColumn = 30;

    public async Task<ProjectBoardDto> BoardAsync(Guid? ownerId, bool overdueOnly, CancellationToken ct)
    {
        var today = numbers.Today;
        var active = projects.Visible().AsNoTracking().Where(p => p.Status == ProjectStatus.Active);
        if (ownerId is { } owner)
            active = active.Where(p => p.OwnerId == owner);
        if (overdueOnly)
            active = active.Where(p => p.CurrentStageDueOn < today);
        var counts = await active
            .GroupBy(p => p.CurrentStageName)
            .Select(g => new
            {
                Stage = g.Key,
                Count = g.Count(),
                Overdue = g.Count(p => p.CurrentStageDueOn < today),
            })
            .ToListAsync(ct);
        var order = await StageOrderAsync(ct);
        var columns = new List<ProjectColumn>();
        foreach (var stage in order.Concat(counts.Select(c => c.Stage).Where(s => !order.Contains(s)).Order(StringComparer.Ordinal)))
        {
            var count = counts.FirstOrDefault(c => c.Stage == stage);
            var cards = count is null
                ? []
                : await (
                    from p in active.Where(p => p.CurrentStageName == stage)
                    orderby p.CurrentStageDueOn, p.Number
                    join u in db.Users on p.OwnerId equals u.Id into owners
                    from u in owners.DefaultIfEmpty()
                    select new ProjectCard(
                        p.Id,
                        p.Number,
                        p.Name,
                        p.CustomerName,
                        u == null ? "" : u.DisplayName,
                        p.CurrentStageDueOn,
                        p.CurrentStageDueOn < today,
                        p.CurrentPosition,
                        p.StageCount
                    )
                )
                    .Take(CardsPerColumn)
                    .ToListAsync(ct);
            columns.Add(new ProjectColumn(stage, count?.Count ?? 0, count?.Overdue ?? 0, cards));
        }
        return new ProjectBoardDto(columns, counts.Sum(c => c.Count), counts.Sum(c => c.Overdue));
    }

    /// <summary>Average delivery cycle of the projects completed in the window, time per stage, what is active and late.</summary>
    public async Task<ProjectKpis> KpisAsync(int months, CancellationToken ct)
    {
        var today = numbers.Today;
        var since = today.AddMonths(-months);
        var visible = projects.Visible().AsNoTracking();
        var active = await visible.CountAsync(p => p.Status == ProjectStatus.Active, ct);
        var overdue = await visible.CountAsync(p => p.Status == ProjectStatus.Active && p.CurrentStageDueOn < today, ct);
        var done = visible.Where(p => p.Status == ProjectStatus.Completed && p.CompletedOn >= since);
        var completed = await done.CountAsync(ct);
        var cycle = await done.AverageAsync(p => (double?)p.CycleDays, ct);
        var stageRows = await (
            from s in db.Set<ProjectStage>()
            where s.CompletedOn >= since && visible.Any(p => p.Id == s.ProjectId)
            group s by s.Name into g
            select new
            {
                Stage = g.Key,
                Days = g.Average(s => (double?)s.Days) ?? 0,
                Planned = g.Average(s => (double)s.PlannedDays),
                Count = g.Count(),
            }
        ).ToListAsync(ct);
        var order = await StageOrderAsync(ct);
        var stages = stageRows
            .OrderBy(r => order.IndexOf(r.Stage) is var i and >= 0 ? i : int.MaxValue)
            .ThenBy(r => r.Stage, StringComparer.Ordinal)
            .Select(r => new StageTime(r.Stage, Math.Round(r.Days, 1), Math.Round(r.Planned, 1), r.Count))
            .ToList();
        return new ProjectKpis(active, overdue, completed, cycle is { } c ? Math.Round(c, 1) : null, stages);
    }

    /// <summary>The columns' order: the default template's stages, then the other templates' in theirs.</summary>
    private async Task<List<string>> StageOrderAsync(CancellationToken ct)
    {
        var rows = await db.Set<ProjectTemplateStage>()
            .AsNoTracking()
            .Join(
                db.Set<ProjectTemplate>(),
                s => s.TemplateId,
                t => t.Id,
                (s, t) =>
                    new
                    {
                        Stage = s.Name,
                        s.Position,
                        t.IsDefault,
                        Template = t.Name,
                    }
            )
            .ToListAsync(ct);
        return
        [
            .. rows.OrderByDescending(r => r.IsDefault)
                .ThenBy(r => r.Template, StringComparer.Ordinal)
                .ThenBy(r => r.Position)
                .Select(r => r.Stage)
                .Distinct(StringComparer.Ordinal),
        ];
    }
}
