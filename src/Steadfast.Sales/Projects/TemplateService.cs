using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;

namespace Steadfast.Sales.Projects;

/// <summary>Project templates: the stage lists a company's custom orders go through. Kept by the sales managers.</summary>
internal sealed class TemplateService(AppDbContext db, IStringLocalizer<Strings> t)
{
    public const int MaxStages = 20;
    public const int MaxDeliverables = 10;

    public async Task<List<TemplateDto>> ListAsync(CancellationToken ct) =>
        [
            .. (
                await db.Set<ProjectTemplate>()
                    .AsNoTracking()
                    .Include(x => x.Stages)
                    .OrderByDescending(x => x.IsDefault)
                    .ThenBy(x => x.Name)
                    .ToListAsync(ct)
            ).Select(ToDto),
        ];

    public async Task<TemplateDto> SaveAsync(Guid? id, SaveTemplate input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100)
            errors.Add("name", t["Common.Error.Required"]);
        var stages = input.Stages ?? [];
        if (stages.Count is 0 or > MaxStages)
            errors.Add("stages", t["Projects.Error.StageCount", MaxStages]);
        var clean = new List<TemplateStageDto>();
        for (var i = 0; i < Math.Min(stages.Count, MaxStages); i++)
        {
            var s = stages[i];
            var stageName = s?.Name?.Trim() ?? "";
            if (stageName.Length is 0 or > 60 || clean.Any(c => c.Name == stageName))
                errors.Add($"stages[{i}].name", t["Projects.Error.StageName"]);
            if (s is null || s.Days is < 1 or > 365)
                errors.Add($"stages[{i}].days", t["Projects.Error.Days"]);
            var deliverables = (s?.Deliverables ?? []).Select(d => d?.Trim() ?? "").Where(d => d.Length > 0).Distinct().ToList();
            if (deliverables.Count > MaxDeliverables || deliverables.Any(d => d.Length > 100 || d.Contains('|', StringComparison.Ordinal)))
                errors.Add($"stages[{i}].deliverables", t["Projects.Error.Deliverable", MaxDeliverables]);
            clean.Add(new TemplateStageDto(stageName, s?.Days ?? 0, deliverables));
        }
        errors.ThrowIfAny();
        if (await db.Set<ProjectTemplate>().AnyAsync(x => x.Name == name && x.Id != id, ct))
            throw new AppConflictException(t["Projects.Error.TemplateName", name]);

        ProjectTemplate template;
        if (id is { } existing)
        {
            if (input.Version is not { } v)
                throw AppValidationException.For("version", t["Common.Error.VersionRequired"]);
            template = await db.Set<ProjectTemplate>().Include(x => x.Stages).SingleOrDefaultAsync(x => x.Id == existing, ct)
                ?? throw new AppNotFoundException(t["Common.NotFound"]);
            db.ExpectVersion(template, v);
            db.RemoveRange(template.Stages);
            template.Stages.Clear();
        }
        else
        {
            template = new ProjectTemplate { Id = Guid.CreateVersion7() };
            db.Add(template);
        }
        template.Name = name;
        template.Active = input.Active ?? true;
        template.IsDefault = input.IsDefault ?? template.IsDefault;
        if (template.IsDefault && !template.Active)
            throw AppValidationException.For("active", t["Projects.Error.DefaultInactive"]);
        for (var i = 0; i < clean.Count; i++)
            template.Stages.Add(
                new ProjectTemplateStage
                {
                    TemplateId = template.Id,
                    Position = i,
                    Name = clean[i].Name,
                    Days = clean[i].Days,
                    Deliverables = PipeList.Join(clean[i].Deliverables),
                }
            );
        await db.InTransactionAsync(
            async () =>
            {
                if (template.IsDefault)
                    foreach (var other in await db.Set<ProjectTemplate>().Where(x => x.IsDefault && x.Id != template.Id).ToListAsync(ct))
                        other.IsDefault = false;
                await db.SaveChangesAsync(ct);
                return 0;
            },
            ct
        );
        return ToDto(template);
    }

    private static TemplateDto ToDto(ProjectTemplate x) =>
        new(
            x.Id,
            x.Name,
            x.IsDefault,
            x.Active,
            [.. x.Stages.OrderBy(s => s.Position).Select(s => new TemplateStageDto(s.Name, s.Days, PipeList.Split(s.Deliverables)))],
            x.Version
        );
}

/// <summary>The template every installation starts with: the seed company's five stages and what each must leave behind.</summary>
internal sealed class ProjectDefaults(AppDbContext db) : IShippedData
{
    internal static readonly (string Stage, int Days, string[] Deliverables)[] Stages =
    [
        ("需求确认", 5, ["需求确认书"]),
        ("方案设计", 10, ["设计图纸", "方案评审记录"]),
        ("样件制作", 15, ["样件照片"]),
        ("客户测试", 10, ["客户测试报告"]),
        ("批量生产", 20, ["出厂检验报告"]),
    ];

    public async Task EnsureAsync(CancellationToken ct)
    {
        if (await db.Set<ProjectTemplate>().AnyAsync(ct))
            return;
        var template = new ProjectTemplate
        {
            Id = Guid.CreateVersion7(),
            Name = "标准非标项目",
            IsDefault = true,
        };
        var i = 0;
        foreach (var (stage, days, deliverables) in Stages)
            template.Stages.Add(
                new ProjectTemplateStage
                {
                    TemplateId = template.Id,
                    Position = i++,
                    Name = stage,
                    Days = days,
                    Deliverables = PipeList.Join(deliverables),
                }
            );
        db.Add(template);
        await db.SaveChangesAsync(ct);
    }
}
