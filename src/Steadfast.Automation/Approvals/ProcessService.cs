using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Automation.Rules;
using Steadfast.Platform.Api;
using Steadfast.Platform.Automation;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Localization;

namespace Steadfast.Automation.Approvals;

/// <summary>Setting up approval processes: checked field by field, versioned, described in plain words.</summary>
internal sealed class ProcessService(
    AppDbContext db,
    RecordTypes types,
    CustomFieldService customFields,
    RuleValidator validator,
    RuleDescriber describer,
    IStringLocalizer<Strings> t,
    TimeProvider clock
)
{
    public const int MaxSteps = 10;
    public const int MaxLimitHours = 720;

    public async Task<PagedResult<ProcessDto>> ListAsync(string? recordType, PageRequest page, CancellationToken ct)
    {
        var q = db.Set<ApprovalProcess>().AsNoTracking();
        if (recordType is not null)
            q = q.Where(p => p.RecordType == recordType);
        var result = await q.ToPageAsync(x => x.OrderBy(p => p.RecordType).ThenBy(p => p.Order).ThenBy(p => p.Name), x => x, page, ct);
        var list = new List<ProcessDto>();
        foreach (var p in result.Items)
            list.Add(await ToDtoAsync(p, ct));
        return new PagedResult<ProcessDto>(list, result.Total);
    }

    public async Task<ProcessDto> GetAsync(Guid id, CancellationToken ct)
    {
        var p = await db.Set<ApprovalProcess>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        return await ToDtoAsync(p, ct);
    }

    public async Task<ProcessDto> CreateAsync(SaveProcess input, CancellationToken ct)
    {
        var def = await CheckAsync(input, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var p = new ApprovalProcess { Id = Guid.CreateVersion7(), CreatedAtUtc = now };
        Apply(p, input, def, now);
        db.Add(p);
        await db.SaveChangesAsync(ct);
        return await GetAsync(p.Id, ct);
    }

    public async Task<ProcessDto> UpdateAsync(Guid id, SaveProcess input, CancellationToken ct)
    {
        if (input.Version is not { } version)
            throw AppValidationException.For("version", t["Common.Error.VersionRequired"]);
        var p = await db.Set<ApprovalProcess>().SingleOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        db.ExpectVersion(p, version);
        var def = await CheckAsync(input, ct);
        p.Revision++;
        Apply(p, input, def, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        return await GetAsync(p.Id, ct);
    }

    private static void Apply(ApprovalProcess p, SaveProcess input, ProcessDefinition def, DateTime now)
    {
        p.Name = input.Name!.Trim();
        p.RecordType = input.RecordType!;
        p.Order = input.Order ?? 0;
        p.Enabled = input.Enabled ?? false;
        p.Definition = def.ToJson();
        p.UpdatedAtUtc = now;
    }

    private async Task<ProcessDefinition> CheckAsync(SaveProcess input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var name = input.Name?.Trim() ?? "";
        if (name.Length == 0)
            errors.Add("name", t["Common.Error.Required"]);
        else if (name.Length > RuleService.MaxName)
            errors.Add("name", t["Common.Error.MaxLength", RuleService.MaxName]);
        if (input.Order is < 0 or > 1000)
            errors.Add("order", t["Common.Error.Range", 0, 1000]);
        var view = await types.ViewAsync(input.RecordType, customFields, ct);
        if (view is null)
            errors.Add("recordType", QueryValues.Unknown(t, input.RecordType ?? "", types.All.Select(x => x.Name)));
        if (input.Definition is not { } def)
        {
            errors.Add("definition", t["Common.Error.Required"]);
            errors.ThrowIfAny();
            return null!;
        }
        if (view is not null)
        {
            validator.CheckConditions(def.Conditions, view, errors);
            if (def.Steps.Count is 0 or > MaxSteps)
                errors.Add("definition.steps", t["Common.Error.Range", 1, MaxSteps]);
            for (var i = 0; i < def.Steps.Count; i++)
                await CheckStepAsync(def.Steps[i], $"definition.steps[{i}]", view, errors, ct);
        }
        errors.ThrowIfAny();
        return def with { Steps = [.. def.Steps.Select(s => s with { Name = s.Name.Trim() })] };
    }

    private async Task CheckStepAsync(ApprovalStep s, string at, RecordTypeView view, ValidationErrors errors, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(s.Name))
            errors.Add($"{at}.name", t["Common.Error.Required"]);
        else if (s.Name.Length > 100)
            errors.Add($"{at}.name", t["Common.Error.MaxLength", 100]);
        if (!Enum.IsDefined(s.Mode))
            errors.Add($"{at}.mode", t["Common.Error.Choice"]);
        if (s.LimitHours is < 1 or > MaxLimitHours)
            errors.Add($"{at}.limitHours", t["Common.Error.Range", 1, MaxLimitHours]);
        await CheckApproverAsync(s.Approver, $"{at}.approver", view, escalation: false, errors, ct);
        if (s.EscalateTo is { } e)
        {
            if (s.LimitHours is null)
                errors.Add($"{at}.limitHours", t["Approvals.Error.EscalateNeedsLimit"]);
            await CheckApproverAsync(e, $"{at}.escalateTo", view, escalation: true, errors, ct);
        }
    }

    private async Task CheckApproverAsync(
        Approver a,
        string at,
        RecordTypeView view,
        bool escalation,
        ValidationErrors errors,
        CancellationToken ct
    )
    {
        if (a is null || !Enum.IsDefined(a.Kind) || (a.Kind == ApproverKind.ApproversManager && !escalation))
        {
            errors.Add($"{at}.kind", t["Common.Error.Choice"]);
            return;
        }
        switch (a.Kind)
        {
            case ApproverKind.User:
                if (!Guid.TryParse(a.Value, out var u) || !await db.ActiveInRoles([.. Roles.Internal]).AnyAsync(x => x.Id == u, ct))
                    errors.Add($"{at}.value", t["Rules.Error.User"]);
                break;
            case ApproverKind.Role:
                if (a.Value is null || !Roles.Internal.Contains(a.Value))
                    errors.Add($"{at}.value", QueryValues.Unknown(t, a.Value ?? "", Roles.Internal));
                break;
            case ApproverKind.OwnersManager when view.Type.OwnerField is null:
                errors.Add($"{at}.kind", t["Approvals.Error.NoOwner", t[view.Type.LabelKey]]);
                break;
            case ApproverKind.Field:
                if (view.Field(a.Value ?? "") is not { Kind: FieldKind.User })
                    errors.Add($"{at}.value", t["Approvals.Error.NotAUserField", a.Value ?? ""]);
                break;
        }
    }

    public async Task<string> DescribeAsync(string? recordType, ProcessDefinition def, CancellationToken ct)
    {
        var view = await types.ViewAsync(recordType, customFields, ct);
        var names = await db
            .Users.AsNoTracking()
            .Select(u => new { u.Id, u.DisplayName })
            .ToDictionaryAsync(u => u.Id.ToString(), u => u.DisplayName, ct);
        var when = describer.Conditions(def.Conditions, view);
        var type = view is null ? "" : t[view.Type.LabelKey].Value;
        var steps = def.Steps.Select((s, i) => Step(s, i, view, names));
        var head = when.Length > 0 ? t["Approvals.Say.When", type, when].Value : t["Approvals.Say.Always", type].Value;
        return head + " " + string.Join(t["Rules.Say.Then"], steps) + t["Approvals.Say.End"];
    }

    private string Step(ApprovalStep s, int i, RecordTypeView? view, IReadOnlyDictionary<string, string> names)
    {
        var who = Who(s.Approver, view, names);
        var text = t[s.Mode == StepMode.All ? "Approvals.Say.StepAll" : "Approvals.Say.StepAny", i + 1, s.Name, who].Value;
        if (s.LimitHours is { } h)
            text += t["Approvals.Say.Limit", h];
        if (s.EscalateTo is { } e)
            text += t["Approvals.Say.Escalate", Who(e, view, names)];
        return text;
    }

    public string Who(Approver a, RecordTypeView? view, IReadOnlyDictionary<string, string> names) =>
        a.Kind switch
        {
            ApproverKind.User => names.GetValueOrDefault(a.Value ?? "") ?? a.Value ?? "?",
            ApproverKind.Role => t[$"Role.{a.Value}"],
            ApproverKind.Field => t["Approvals.Say.FieldUser", describer.Field(view, a.Value)],
            // Managers in a sentence: "…, else it goes to the approvers' manager."
            _ => t[$"Approvals.Say.{a.Kind}"],
        };

    private async Task<ProcessDto> ToDtoAsync(ApprovalProcess p, CancellationToken ct)
    {
        var def = ProcessDefinition.FromJson(p.Definition);
        var open = await db.Set<Approval>().CountAsync(a => a.ProcessId == p.Id && a.Status == ApprovalStatus.Pending, ct);
        var label = types.Find(p.RecordType) is { } type ? t[type.LabelKey].Value : p.RecordType;
        return new ProcessDto(
            p.Id,
            p.Name,
            p.RecordType,
            label,
            p.Order,
            p.Enabled,
            p.Revision,
            def,
            await DescribeAsync(p.RecordType, def, ct),
            open,
            p.UpdatedAtUtc,
            p.Version
        );
    }
}
