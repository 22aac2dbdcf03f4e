using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Public;
using Steadfast.Inventory.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;

namespace Steadfast.Service.Maintenance;

/// <summary>Maintenance templates per product model: listed with the model's hints, proposed from them, saved whole.</summary>
internal sealed class TemplateService(AppDbContext db, CustomerDirectory customers, PartModels parts, IStringLocalizer<Strings> t)
{
    public const int MaxTasks = 30;

    public async Task<List<TemplateSummary>> ListAsync(CancellationToken ct)
    {
        var models = await customers.ModelHintsAsync(ct);
        var templates = await db.Set<MaintenanceTemplate>()
            .AsNoTracking()
            .Select(x => new { x.ProductId, Tasks = db.Set<TemplateTask>().Count(k => k.TemplateId == x.Id) })
            .ToDictionaryAsync(x => x.ProductId, x => x.Tasks, ct);
        var plans = await db.Set<MachinePlan>()
            .GroupBy(p => p.ProductId)
            .Select(g => new { g.Key, N = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.N, ct);
        return
        [
            .. models.Select(m => new TemplateSummary(
                m.Id,
                m.Code,
                m.Name,
                m.Category,
                m.EveryDays,
                m.EveryHours,
                templates.ContainsKey(m.Id),
                templates.GetValueOrDefault(m.Id),
                plans.GetValueOrDefault(m.Id)
            )),
        ];
    }

    /// <summary>The model's template, or (none saved yet) one proposed from its hints, not saved.</summary>
    public async Task<TemplateDto> GetAsync(Guid productId, CancellationToken ct)
    {
        var model = (await customers.ModelHintsAsync(ct)).FirstOrDefault(m => m.Id == productId)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var template = await db.Set<MaintenanceTemplate>().AsNoTracking().SingleOrDefaultAsync(x => x.ProductId == productId, ct);
        var plans = await db.Set<MachinePlan>().CountAsync(p => p.ProductId == productId, ct);
        if (template is null)
            return new TemplateDto(null, model.Id, model.Code, model.Name, "", Proposed(model, t), plans, 0);
        var tasks = await db.Set<TemplateTask>()
            .AsNoTracking()
            .Where(k => k.TemplateId == template.Id)
            .OrderBy(k => k.Position)
            .ToListAsync(ct);
        var labels = await parts.LabelsAsync([.. tasks.SelectMany(k => k.Parts).Select(p => p.PartId).Distinct()], ct);
        return new TemplateDto(
            template.Id,
            model.Id,
            model.Code,
            model.Name,
            template.Notes,
            [.. tasks.Select(k => Dto(k.Id, k, labels))],
            plans,
            template.Version
        );
    }

    /// <summary>Saves the whole template: its tasks replace the old ones (machines' plans keep theirs until re-applied).</summary>
    public async Task<TemplateDto> SaveAsync(Guid productId, SaveTemplate input, CancellationToken ct)
    {
        if (!(await customers.ModelHintsAsync(ct)).Any(m => m.Id == productId))
            throw new AppNotFoundException(t["Common.NotFound"]);
        var template = await db.Set<MaintenanceTemplate>().SingleOrDefaultAsync(x => x.ProductId == productId, ct);
        if (template is not null)
        {
            if (input.Version is not { } v)
                throw AppValidationException.For("version", t["Common.Error.VersionRequired"]);
            db.ExpectVersion(template, v);
        }
        var errors = new ValidationErrors();
        var notes = input.Notes?.Trim() ?? "";
        if (notes.Length > 2000)
            errors.Add("notes", t["Common.Error.MaxLength", 2000]);
        var inputs = input.Tasks ?? [];
        if (inputs.Count == 0)
            errors.Add("tasks", t["Maintenance.Error.NoTasks"]);
        if (inputs.Count > MaxTasks)
            errors.Add("tasks", t["Maintenance.Error.TooMany", MaxTasks]);
        var known = (await parts.LabelsAsync(TaskRules.PartIds(inputs), ct)).Keys.ToHashSet();
        var tasks = new List<TemplateTask>();
        for (var i = 0; i < inputs.Count && i < MaxTasks; i++)
        {
            var task = new TemplateTask { Id = Guid.CreateVersion7(), Position = i };
            if (inputs[i] is null)
                errors.Add($"tasks[{i}]", t["Common.Error.Required"]);
            else
                TaskRules.Apply(inputs[i], task, $"tasks[{i}].", known, errors, t);
            tasks.Add(task);
        }
        errors.ThrowIfAny();
        await db.InTransactionAsync(
            async () =>
            {
                if (template is null)
                {
                    template = new MaintenanceTemplate { Id = Guid.CreateVersion7(), ProductId = productId };
                    db.Add(template);
                }
                else
                    db.RemoveRange(await db.Set<TemplateTask>().Where(k => k.TemplateId == template.Id).ToListAsync(ct));
                template.Notes = notes;
                foreach (var k in tasks)
                {
                    k.TemplateId = template.Id;
                    db.Add(k);
                }
                // The tasks are the template's content: a save that changes only them still moves its version.
                if (db.Entry(template).State == EntityState.Unchanged)
                    db.Entry(template).State = EntityState.Modified;
                await db.SaveChangesAsync(ct);
                return true;
            },
            ct
        );
        return await GetAsync(productId, ct);
    }

    /// <summary>What the model's hints suggest: one routine task at its calendar and hours intervals, with a starter checklist.</summary>
    internal static List<TemplateTaskDto> Proposed(ModelHints model, IStringLocalizer<Strings> t) =>
        model.EveryDays is null && model.EveryHours is null
            ? []
            :
            [
                new TemplateTaskDto(
                    Guid.Empty,
                    t["Maintenance.Routine"],
                    model.EveryDays,
                    null,
                    model.EveryHours,
                    120,
                    [
                        new CheckItem("c1", t["Maintenance.Check.Visual"], CheckKind.PassFail),
                        new CheckItem("c2", t["Maintenance.Check.Noise"], CheckKind.PassFail),
                        new CheckItem("c3", t["Maintenance.Check.Temperature"], CheckKind.Measure, "℃", null, 80),
                    ],
                    []
                ),
            ];

    internal static TemplateTaskDto Dto(Guid id, TaskSpec k, IReadOnlyDictionary<Guid, string> labels) =>
        new(
            id,
            k.Name,
            k.EveryDays,
            k.EveryMonths,
            k.EveryHours,
            k.LabourMinutes,
            k.Checklist,
            [.. k.Parts.Select(p => new TaskPartDto(p.PartId, labels.GetValueOrDefault(p.PartId, ""), p.Quantity))]
        );
}
