using System.Text;
using Microsoft.EntityFrameworkCore;
using Steadfast.Inventory.Public;
using Steadfast.Platform.Data;
using Steadfast.Platform.Files;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Ui;
using Steadfast.Sales.Ecn;
using Steadfast.Sales.Orders;
using Steadfast.Sales.Projects;

namespace Steadfast.Sales.Demo;

/// <summary>
/// Thirty custom projects on recent orders: some delivered (so the cycle KPI has history), most at one stage or another,
/// a few late; then three ECNs: one published on the model most open orders carry, one published on a part for a serial
/// range, one still a draft.
/// </summary>
internal sealed class ProjectsDemo(
    AppDbContext db,
    AttachmentService attachments,
    Platform.Audit.CurrentActor actor,
    EcnService ecns,
    PartModels partModels,
    Customers.Public.CustomerDirectory directory,
    CompanyClock company,
    TimeProvider clock
) : IDemoSeeder
{
    public int Order => 31;

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

#pragma warning disable CA5394 // demo data, not security
    public async Task<string> SeedAsync(double scale, CancellationToken ct)
    {
        if (await db.Set<Project>().AnyAsync(ct))
            return "projects already present";
        var template = await db.Set<ProjectTemplate>().AsNoTracking().Include(t => t.Stages).FirstOrDefaultAsync(t => t.IsDefault, ct);
        var orders = await db.Set<SalesOrder>()
            .AsNoTracking()
            .Where(o => o.Status != SalesOrderStatus.Cancelled && o.Lines.Any(l => l.ProductId != null))
            .OrderByDescending(o => o.OrderedOn)
            .Take(2000)
            .Select(o => new
            {
                o.Id,
                o.Number,
                o.CustomerId,
                o.CustomerName,
                o.OwnerId,
                o.OrderedOn,
                o.Status,
                Product = o.Lines.Where(l => l.ProductId != null).Select(l => l.Description).First(),
            })
            .ToListAsync(ct);
        if (template is null || orders.Count == 0)
            return "no projects (template or orders missing)";
        var rng = new Random(30);
        var today = DateOnly.FromDateTime(company.ToLocal(clock.GetUtcNow().UtcDateTime));
        var rd = await db.ActiveInRoles(Roles.RdEngineer).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        var stages = template.Stages.OrderBy(s => s.Position).ToList();
        // The demo's portal customers see a project of theirs at /my-projects: their companies go first.
        var portal = await db.Users.Where(u => u.CustomerId != null).Select(u => u.CustomerId!.Value).ToListAsync(ct);
        var picked = orders.OrderByDescending(o => portal.Contains(o.CustomerId)).DistinctBy(o => o.CustomerId).Take(30).ToList();
        // ...at the first active place (the first third are delivered), so theirs is under way.
        var theirs = picked.Where(o => portal.Contains(o.CustomerId)).ToList();
        picked.RemoveAll(o => portal.Contains(o.CustomerId));
        picked.InsertRange(Math.Min(picked.Count, (picked.Count + theirs.Count) / 3), theirs);
        var projects = 0;
        for (var i = 0; i < picked.Count; i++)
        {
            var o = picked[i];
            // The first third delivered; the rest spread over the stages, every fourth of them late.
            var delivered = i < picked.Count / 3;
            var reached = delivered ? stages.Count : (i - picked.Count / 3) % stages.Count;
            var late = !delivered && i % 4 == 0;
            var plannedTotal = stages.Sum(s => s.Days);
            var start = delivered
                ? today.AddDays(-plannedTotal - 20 - rng.Next(200))
                : today.AddDays(Math.Min(-1, -stages.Take(reached).Sum(s => s.Days) + (late ? -8 : 3) - rng.Next(3)));
            var p = new Project
            {
                Id = Guid.CreateVersion7(),
                Number = $"PRJ-{start:yyMMdd}-{i + 1:0000}",
                Name = $"{o.Product} 非标定制",
                CustomerId = o.CustomerId,
                CustomerName = o.CustomerName,
                SalesOrderId = o.Id,
                TemplateName = template.Name,
                OwnerId = o.OwnerId,
                StartedOn = start,
                CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
                StageCount = stages.Count,
            };
            var plannedCursor = start;
            var actualCursor = start;
            foreach (var ts in stages)
            {
                var s = new ProjectStage
                {
                    Id = Guid.CreateVersion7(),
                    ProjectId = p.Id,
                    Position = ts.Position,
                    Name = ts.Name,
                    OwnerId = ts.Position is 1 or 2 && rd is not null ? rd : o.OwnerId,
                    PlannedStartOn = plannedCursor,
                    PlannedEndOn = plannedCursor.AddDays(ts.Days - 1),
                    PlannedDays = ts.Days,
                };
                plannedCursor = s.PlannedEndOn.AddDays(1);
                var done = ts.Position < reached;
                if (ts.Position <= reached && ts.Position < stages.Count)
                    s.StartedOn = actualCursor;
                if (done)
                {
                    var took = Math.Max(1, ts.Days + rng.Next(-2, 6));
                    s.CompletedOn = actualCursor.AddDays(took);
                    s.Days = took;
                    actualCursor = s.CompletedOn.Value;
                }
                var position = 0;
                foreach (var name in PipeList.Split(ts.Deliverables))
                {
                    var d = new ProjectDeliverable
                    {
                        Id = Guid.CreateVersion7(),
                        StageId = s.Id,
                        Position = position++,
                        Name = name,
                    };
                    if (done)
                    {
                        using var file = new MemoryStream(Pdf);
                        var a = await attachments.StageAsync(
                            ProjectService.StageRecordType,
                            s.Id,
                            AttachmentKind.Document,
                            $"{name}.pdf",
                            file,
                            Pdf.Length,
                            ct
                        );
                        (d.AttachmentId, d.FileName, d.UploadedAtUtc) = (a.Id, a.FileName, a.UploadedAt);
                    }
                    s.Deliverables.Add(d);
                }
                p.Stages.Add(s);
            }
            p.PlannedEndOn = p.Stages[^1].PlannedEndOn;
            p.CurrentPosition = reached;
            var current = p.Stages.FirstOrDefault(s => s.Position == reached);
            // A late project's current stage was planned to end a week ago.
            if (current is not null && late)
                current.PlannedEndOn = today.AddDays(-rng.Next(2, 9));
            p.CurrentStageName = current?.Name ?? "";
            p.CurrentStageDueOn = current?.PlannedEndOn;
            if (delivered)
            {
                p.Status = ProjectStatus.Completed;
                p.CompletedOn = actualCursor;
                p.CycleDays = actualCursor.DayNumber - start.DayNumber;
            }
            db.Add(p);
            projects++;
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return $"{projects} projects; {await SeedEcnsAsync(ct)}";
    }

    private async Task<string> SeedEcnsAsync(CancellationToken ct)
    {
        if (await db.Set<Ecn.Ecn>().AnyAsync(ct))
            return "ECNs already present";
        // The model the most open orders carry: its ECN reaches orders, projects and machines.
        var model = await db.Set<SalesOrderLine>()
            .Where(l => l.ProductId != null && db.Set<SalesOrder>().Any(o => o.Id == l.SalesOrderId && o.Status == SalesOrderStatus.Open))
            .GroupBy(l => l.ProductId)
            .OrderByDescending(g => g.Count())
            .Select(g => g.Key)
            .FirstOrDefaultAsync(ct);
        var products = await directory.ProductsAsync(ct);
        if (model is null || products.Count < 2)
            return "no ECNs (no open orders)";
        var today = DateOnly.FromDateTime(company.ToLocal(clock.GetUtcNow().UtcDateTime));
        // Written and published by R&D, answered by the sales manager, as the pages would.
        if (!await ActAsAsync(Roles.RdEngineer, ct))
            return "no ECNs (no R&D user)";
        var first = await ecns.CreateAsync(
            new SaveEcn(
                $"ECN-{today:yyyy}-017",
                "主轴冷却回路改为独立水冷",
                "现有主轴与液压共用冷却回路，夏季高负荷时主轴温升超标。改为独立水冷机组，新增温度传感器与报警。已下单未发货的设备按新方案生产，需与客户确认是否接受交期顺延 5 天。",
                [model.Value],
                [],
                null,
                null,
                null,
                null,
                today.AddDays(14),
                null
            ),
            ct
        );
        await ecns.PublishAsync(first.Id, new PublishEcn(first.Version), ct);
        var confirmations = await db.Set<EcnConfirmation>()
            .AsNoTracking()
            .Where(c => c.EcnId == first.Id)
            .OrderBy(c => c.CustomerName)
            .Take(6)
            .ToListAsync(ct);
        var outcome = 0;
        foreach (var c in confirmations.Where(c => c.AccountManagerId is not null))
        {
            // Each answer is recorded by the customer's own account manager.
            if (!await ActAsAsync(Roles.Sales, ct, c.AccountManagerId))
                await ActAsAsync(Roles.SalesManager, ct, c.AccountManagerId);
            await ecns.AnswerAsync(first.Id, c.Id, new AnswerEcn((EcnOutcome)(outcome++ % 3), [], "电话确认", c.Version), ct);
        }
        await ActAsAsync(Roles.RdEngineer, ct);
        // A part fitted to some models, for machines in a serial range.
        var partNumber = (await partModels.FittedAsync(1, ct)).FirstOrDefault() ?? "";
        if (partNumber.Length > 0)
        {
            var second = await ecns.CreateAsync(
                new SaveEcn(
                    $"ECN-{today:yyyy}-012",
                    $"{partNumber} 密封件材料由丁腈改为氟橡胶",
                    "高温工况下丁腈密封件老化加快。新批次改为氟橡胶，旧件在下次保养时更换。",
                    [],
                    [partNumber],
                    null,
                    null,
                    today.AddYears(-3),
                    today.AddYears(-1),
                    today.AddDays(-10),
                    null
                ),
                ct
            );
            await ecns.PublishAsync(second.Id, new PublishEcn(second.Version), ct);
        }
        await ecns.CreateAsync(
            new SaveEcn(
                $"ECN-{today:yyyy}-021",
                "电气柜门锁改为带钥匙锁",
                "应客户安全审核要求，电气柜门锁改为带钥匙锁。评审中，尚未发布。",
                [products[1].Id],
                [],
                null,
                null,
                null,
                null,
                today.AddDays(30),
                null
            ),
            ct
        );
        actor.Use(new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity()));
        return "3 ECNs";
    }

    private async Task<bool> ActAsAsync(string role, CancellationToken ct, Guid? userId = null)
    {
        var user = await db.ActiveInRoles(role)
            .Where(u => userId == null || u.Id == userId)
            .Select(u => new
            {
                u.Id,
                u.Email,
                u.DisplayName,
            })
            .FirstOrDefaultAsync(ct);
        if (user is null)
            return false;
        actor.Use(
            new System.Security.Claims.ClaimsPrincipal(
                new System.Security.Claims.ClaimsIdentity(
                    [
                        new(System.Security.Claims.ClaimTypes.NameIdentifier, user.Id.ToString()),
                        new(System.Security.Claims.ClaimTypes.Email, user.Email ?? string.Empty),
                        new(System.Security.Claims.ClaimTypes.Role, role),
                        new(AppClaims.DisplayName, user.DisplayName),
                    ],
                    "demo"
                )
            )
        );
        return true;
    }
#pragma warning restore CA5394
}
