using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Automation;
using Steadfast.Platform.Company;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Localization;
using Steadfast.Platform.Notifications;
using Steadfast.Platform.Ui;

namespace Steadfast.Automation.Rules;

/// <summary>Setting up rules: checked, saved as a new revision, switched on and off, simulated; and their run logs.</summary>
internal sealed class RuleService(
    AppDbContext db,
    CurrentActor actor,
    RecordTypes types,
    CustomFieldService customFields,
    RuleValidator validator,
    RuleDescriber describer,
    RuleSimulator simulator,
    RuleIndex index,
    CompanyClock company,
    IStringLocalizer<Strings> t,
    TimeProvider clock
)
{
    public const int MaxName = 200;
    public const int MaxDescription = 2000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<List<RecordTypeDto>> RecordTypesAsync(CancellationToken ct)
    {
        var list = new List<RecordTypeDto>();
        foreach (var type in types.All.OrderBy(x => x.Name, StringComparer.Ordinal))
        {
            var view = (await types.ViewAsync(type.Name, customFields, ct))!;
            list.Add(
                new RecordTypeDto(
                    type.Name,
                    t[type.LabelKey],
                    type.OwnerField is not null,
                    [
                        .. view
                            .Fields.Where(f => !f.Hidden)
                            .Select(f => new FieldDto(
                                f.Name,
                                describer.Field(view, f.Name),
                                f.Kind,
                                [.. f.Choices.Select(c => new ChoiceDto(c, f.ChoiceLabelPrefix is { } p ? t[p + c] : c))],
                                f.Settable,
                                f.Timed,
                                !f.Related
                            )),
                    ]
                )
            );
        }
        return list;
    }

    public async Task<RuleTargetsDto> TargetsAsync(CancellationToken ct)
    {
        var users = await db.ActiveInRoles([.. Roles.Internal])
            .OrderBy(u => u.DisplayName)
            .Select(u => new ChoiceDto(u.Id.ToString(), u.DisplayName))
            .ToListAsync(ct);
        var teams = await db.Set<Team>().OrderBy(x => x.Name).Select(x => new ChoiceDto(x.Id.ToString(), x.Name)).ToListAsync(ct);
        var hooks = await db.Set<WebhookEndpoint>()
            .Where(w => w.IsActive)
            .OrderBy(w => w.Name)
            .Select(w => new EndpointChoice(w.Id, w.Name, w.Format != WebhookFormat.Json))
            .ToListAsync(ct);
        return new RuleTargetsDto([.. users.DistinctBy(u => u.Value)], teams, hooks);
    }

    public async Task<PagedResult<RuleDto>> ListAsync(string? recordType, bool? enabled, PageRequest page, CancellationToken ct)
    {
        var q = db.Set<Rule>().AsNoTracking();
        if (recordType is not null)
            q = q.Where(r => r.RecordType == recordType);
        if (enabled is { } e)
            q = q.Where(r => r.Enabled == e);
        var result = await q.ToPageAsync(x => x.OrderByDescending(r => r.Enabled).ThenBy(r => r.Name).ThenBy(r => r.Id), x => x, page, ct);
        return new PagedResult<RuleDto>(await ToDtosAsync(result.Items, ct), result.Total);
    }

    public async Task<RuleDto> GetAsync(Guid id, CancellationToken ct)
    {
        var rule = await db.Set<Rule>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        return (await ToDtosAsync([rule], ct))[0];
    }

    public async Task<RuleDto> CreateAsync(SaveRule input, CancellationToken ct)
    {
        var (def, view) = await CheckAsync(input, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var rule = new Rule
        {
            Id = Guid.CreateVersion7(),
            CreatedAtUtc = now,
            Template = input.Template?.Trim() is { Length: > 0 } tpl ? tpl[..Math.Min(tpl.Length, 50)] : null,
        };
        Apply(rule, input, def, view, now);
        db.Add(rule);
        await SaveAsync(rule, def, now, ct);
        return await GetAsync(rule.Id, ct);
    }

    public async Task<RuleDto> UpdateAsync(Guid id, SaveRule input, CancellationToken ct)
    {
        if (input.Version is not { } version)
            throw AppValidationException.For("version", t["Common.Error.VersionRequired"]);
        var rule = await db.Set<Rule>().SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        db.ExpectVersion(rule, version);
        var (def, view) = await CheckAsync(input, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        rule.Revision++;
        Apply(rule, input, def, view, now);
        await SaveAsync(rule, def, now, ct);
        return await GetAsync(rule.Id, ct);
    }

    private void Apply(Rule rule, SaveRule input, RuleDefinition def, RecordTypeView? view, DateTime now)
    {
        var enabled = input.Enabled ?? false;
        if (enabled && !rule.Enabled)
            rule.EnabledAtUtc = now;
        rule.Name = input.Name!.Trim();
        rule.Description = input.Description?.Trim() ?? "";
        rule.RecordType = view?.Type.Name ?? "";
        rule.TriggerKind = def.Trigger.Kind;
        rule.Definition = def.ToJson();
        rule.Enabled = enabled;
        rule.OwnerId = input.OwnerId ?? rule.OwnerId;
        if (rule.OwnerId == Guid.Empty)
            rule.OwnerId = actor.UserId ?? Guid.Empty;
        rule.UpdatedAtUtc = now;
    }

    private async Task SaveAsync(Rule rule, RuleDefinition def, DateTime now, CancellationToken ct)
    {
        db.Add(
            new RuleRevision
            {
                Id = Guid.CreateVersion7(),
                RuleId = rule.Id,
                Revision = rule.Revision,
                Name = rule.Name,
                Definition = rule.Definition,
                Enabled = rule.Enabled,
                SavedById = actor.UserId,
                SavedByName = actor.Name,
                SavedAtUtc = now,
            }
        );
        await db.InTransactionAsync(
            async () =>
            {
                await RuleClock.RescheduleAsync(db, rule, def, company, now, ct);
                await db.SaveChangesAsync(ct);
                return true;
            },
            ct
        );
        // This node listens at once; the others within the index's refresh.
        await index.ReloadAsync(ct);
    }

    private async Task<(RuleDefinition Def, RecordTypeView? View)> CheckAsync(SaveRule input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0)
            errors.Add("name", t["Common.Error.Required"]);
        else if (name.Length > MaxName)
            errors.Add("name", t["Common.Error.MaxLength", MaxName]);
        if ((input.Description?.Length ?? 0) > MaxDescription)
            errors.Add("description", t["Common.Error.MaxLength", MaxDescription]);
        if (input.OwnerId is { } owner && !await db.ActiveInRoles([.. Roles.Internal]).AnyAsync(u => u.Id == owner, ct))
            errors.Add("ownerId", t["Rules.Error.User"]);
        var (def, view) = await CheckDefinitionAsync(input.RecordType, input.Definition, errors, ct);
        errors.ThrowIfAny();
        return (def!, view);
    }

    private async Task<(RuleDefinition? Def, RecordTypeView? View)> CheckDefinitionAsync(
        string? recordType,
        RuleDefinition? def,
        ValidationErrors errors,
        CancellationToken ct
    )
    {
        if (def is null)
        {
            errors.Add("definition", t["Common.Error.Required"]);
            return (null, null);
        }
        var schedule = def.Trigger.Kind == TriggerKind.Schedule;
        var view = await types.ViewAsync(recordType, customFields, ct);
        if (view is null && !(schedule && string.IsNullOrEmpty(recordType)))
            errors.Add("recordType", QueryValues.Unknown(t, recordType ?? "", types.All.Select(x => x.Name)));
        await validator.CheckAsync(def, schedule ? null : view, errors, ct);
        return (def, schedule ? null : view);
    }

    public async Task<SimulationResult> SimulateAsync(SimulateRule input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var days = input.Days ?? 30;
        if (days is < 1 or > RuleSimulator.MaxDays)
            errors.Add("days", t["Common.Error.Range", 1, RuleSimulator.MaxDays]);
        var (def, view) = await CheckDefinitionAsync(input.RecordType, input.Definition, errors, ct);
        errors.ThrowIfAny();
        var saved = input.RuleId is { } id ? await db.Set<Rule>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) : null;
        var rule = new ActiveRule(
            saved?.Id ?? Guid.Empty,
            saved?.Name ?? "",
            saved?.Revision ?? 0,
            view?.Type.Name ?? "",
            def!,
            saved?.OwnerId ?? Guid.Empty
        );
        return await simulator.RunAsync(rule, view, days, ct);
    }

    public async Task<PagedResult<RuleRunDto>> RunsAsync(Guid id, RunOutcome? outcome, PageRequest page, CancellationToken ct)
    {
        var rule = await db.Set<Rule>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var view = await types.ViewAsync(rule.RecordType, customFields, ct);
        var q = db.Set<RuleRun>().AsNoTracking().Where(r => r.RuleId == id);
        if (outcome is { } o)
            q = q.Where(r => r.Outcome == o);
        var result = await q.ToPageAsync(x => x.OrderByDescending(r => r.AtUtc).ThenByDescending(r => r.Id), x => x, page, ct);
        return new PagedResult<RuleRunDto>(
            [
                .. result.Items.Select(r => new RuleRunDto(
                    r.Id,
                    r.Revision,
                    r.AtUtc,
                    r.Outcome,
                    r.RecordType,
                    r.RecordId,
                    r.RecordTitle,
                    r.RecordId is { } rid ? view?.Type.Link(rid) : null,
                    [.. (JsonSerializer.Deserialize<List<SeenValue>>(r.Values, Json) ?? []).Select(v => describer.Seen(view, v))],
                    [
                        .. (JsonSerializer.Deserialize<List<ActionDone>>(r.Actions, Json) ?? []).Select(a => new ActionDoneDto(
                            a.Kind,
                            a.Detail
                        )),
                    ],
                    r.Error,
                    r.Attempts,
                    r.Depth
                )),
            ],
            result.Total
        );
    }

    public async Task<List<RuleRevisionDto>> RevisionsAsync(Guid id, CancellationToken ct)
    {
        var rule = await db.Set<Rule>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var view = await types.ViewAsync(rule.RecordType, customFields, ct);
        var names = await NamesAsync(ct);
        var rows = await db.Set<RuleRevision>()
            .AsNoTracking()
            .Where(r => r.RuleId == id)
            .OrderByDescending(r => r.Revision)
            .ToListAsync(ct);
        return
        [
            .. rows.Select(r => new RuleRevisionDto(
                r.Revision,
                r.Name,
                r.Enabled,
                describer.Describe(RuleDefinition.FromJson(r.Definition), view, names),
                r.SavedByName,
                r.SavedAtUtc
            )),
        ];
    }

    public async Task<List<RuleTemplateDto>> TemplatesAsync(CancellationToken ct)
    {
        var names = await NamesAsync(ct);
        var robot = await db.Set<WebhookEndpoint>()
            .Where(w => w.IsActive && w.Format != WebhookFormat.Json)
            .OrderBy(w => w.Name)
            .Select(w => (Guid?)w.Id)
            .FirstOrDefaultAsync(ct);
        var list = new List<RuleTemplateDto>();
        foreach (var tpl in RuleTemplates.All)
        {
            var def = tpl.Build(robot);
            var view = await types.ViewAsync(tpl.RecordType, customFields, ct);
            if (view is null)
                continue;
            list.Add(
                new RuleTemplateDto(
                    tpl.Key,
                    t[$"Rules.Template.{tpl.Key}"],
                    t[$"Rules.Template.{tpl.Key}.Help"],
                    tpl.RecordType,
                    def,
                    describer.Describe(def, view, names)
                )
            );
        }
        return list;
    }

    /// <summary>The plain-words account of a definition as the editor has it now.</summary>
    public async Task<string> DescribeAsync(string? recordType, RuleDefinition def, CancellationToken ct) =>
        describer.Describe(
            def,
            def.Trigger.Kind == TriggerKind.Schedule ? null : await types.ViewAsync(recordType, customFields, ct),
            await NamesAsync(ct)
        );

    private async Task<RuleDescriber.Names> NamesAsync(CancellationToken ct)
    {
        var byId = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var u in await db.Users.AsNoTracking().Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct))
            byId[u.Id.ToString()] = u.DisplayName;
        foreach (var x in await db.Set<Team>().AsNoTracking().Select(x => new { x.Id, x.Name }).ToListAsync(ct))
            byId[x.Id.ToString()] = x.Name;
        foreach (var w in await db.Set<WebhookEndpoint>().AsNoTracking().Select(w => new { w.Id, w.Name }).ToListAsync(ct))
            byId[w.Id.ToString()] = w.Name;
        return new RuleDescriber.Names(byId);
    }

    private async Task<List<RuleDto>> ToDtosAsync(IReadOnlyList<Rule> rules, CancellationToken ct)
    {
        var ids = rules.Select(r => r.Id).ToList();
        var stats = await db.Set<RuleRun>()
            .AsNoTracking()
            .Where(r => ids.Contains(r.RuleId))
            .GroupBy(r => r.RuleId)
            .Select(g => new
            {
                g.Key,
                Runs = g.Count(),
                Failures = g.Count(r => r.Outcome != RunOutcome.Done),
                Last = g.Max(r => (DateTime?)r.AtUtc),
            })
            .ToDictionaryAsync(x => x.Key, ct);
        var names = await NamesAsync(ct);
        var list = new List<RuleDto>();
        foreach (var r in rules)
        {
            var def = RuleDefinition.FromJson(r.Definition);
            var view = await types.ViewAsync(r.RecordType, customFields, ct);
            var s = stats.GetValueOrDefault(r.Id);
            list.Add(
                new RuleDto(
                    r.Id,
                    r.Name,
                    r.Description,
                    r.RecordType,
                    r.Enabled,
                    r.OwnerId,
                    names.Of(r.OwnerId.ToString()),
                    r.Template,
                    r.Revision,
                    def,
                    describer.Describe(def, view, names),
                    r.UpdatedAtUtc,
                    r.Version,
                    new RuleStats(s?.Runs ?? 0, s?.Failures ?? 0, s?.Last)
                )
            );
        }
        return list;
    }
}
