using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Localization;

namespace Steadfast.Sales.Leads;

public sealed record AssignmentRuleDto(
    Guid Id,
    string Name,
    int Order,
    bool Enabled,
    IReadOnlyList<string> Provinces,
    IReadOnlyList<string> Industries,
    IReadOnlyList<string> Categories,
    IReadOnlyList<UserOption> Reps,
    long Version
);

public sealed record SaveAssignmentRule(
    string? Name,
    int? Order,
    bool? Enabled,
    List<string>? Provinces,
    List<string>? Industries,
    List<string>? Categories,
    List<Guid>? Reps,
    long? Version
);

public sealed record SalesSettingsDto(int OpenLeadCap, long Version);

public sealed record SaveSalesSettings(int? OpenLeadCap, long? Version);

/// <summary>The lead assignment rules and the cap, kept by sales managers.</summary>
internal sealed class AssignmentRuleService(AppDbContext db, IStringLocalizer<Strings> t)
{
    public async Task<List<AssignmentRuleDto>> ListAsync(CancellationToken ct)
    {
        var rules = await db.Set<AssignmentRule>().AsNoTracking().OrderBy(r => r.Order).ThenBy(r => r.Name).ToListAsync(ct);
        var ids = rules.SelectMany(r => PipeList.Split(r.Reps)).Select(Guid.Parse).Distinct().ToList();
        var names = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return [.. rules.Select(r => ToDto(r, names))];
    }

    private static AssignmentRuleDto ToDto(AssignmentRule r, IReadOnlyDictionary<Guid, string> names) =>
        new(
            r.Id,
            r.Name,
            r.Order,
            r.Enabled,
            PipeList.Split(r.Provinces),
            PipeList.Split(r.Industries),
            PipeList.Split(r.Categories),
            [.. PipeList.Split(r.Reps).Select(Guid.Parse).Select(id => new UserOption(id, names.GetValueOrDefault(id, "?")))],
            r.Version
        );

    public async Task<AssignmentRuleDto> SaveAsync(Guid? id, SaveAssignmentRule input, CancellationToken ct)
    {
        var rule = id is null
            ? new AssignmentRule { Id = Guid.CreateVersion7() }
            : await db.Set<AssignmentRule>().SingleOrDefaultAsync(r => r.Id == id, ct)
                ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var errors = new ValidationErrors();
        var name = input.Name?.Trim() ?? rule.Name;
        if (name.Length is 0 or > 100)
            errors.Add("name", t["Assignment.Error.Name"]);
        else if (await db.Set<AssignmentRule>().AnyAsync(r => r.Name == name && r.Id != rule.Id, ct))
            errors.Add("name", t["Assignment.Error.NameTaken"]);
        foreach (
            var (field, list) in new[]
            {
                ("provinces", input.Provinces),
                ("industries", input.Industries),
                ("categories", input.Categories),
            }
        )
            if (
                list is not null
                && (
                    list.Count > 50
                    || list.Any(v => v is null || v.Trim().Length is 0 or > 100 || v.Contains('|', StringComparison.Ordinal))
                )
            )
                errors.Add(field, t["Assignment.Error.List"]);
        var reps = input.Reps ?? [.. PipeList.Split(rule.Reps).Select(Guid.Parse)];
        if (reps.Count == 0)
            errors.Add("reps", t["Assignment.Error.Reps"]);
        else
        {
            var sales = await db.ActiveInRoles(Roles.Sales, Roles.SalesManager).Where(u => reps.Contains(u.Id)).CountAsync(ct);
            if (sales != reps.Distinct().Count())
                errors.Add("reps", t["Assignment.Error.NotSales"]);
        }
        if (input.Order is < 0 or > 10_000)
            errors.Add("order", t["Problem.PageRange", 0, 10_000]);
        if (id is not null && input.Version is null)
            errors.Add("version", t["Common.Error.VersionRequired"]);
        errors.ThrowIfAny();
        if (id is null)
        {
            rule.Order = input.Order ?? (await db.Set<AssignmentRule>().MaxAsync(r => (int?)r.Order, ct) ?? 0) + 10;
            db.Add(rule);
        }
        else
        {
            db.ExpectVersion(rule, input.Version!.Value);
            rule.Order = input.Order ?? rule.Order;
        }
        rule.Name = name;
        rule.Enabled = input.Enabled ?? rule.Enabled;
        if (input.Provinces is not null)
            rule.Provinces = PipeList.Join(input.Provinces);
        if (input.Industries is not null)
            rule.Industries = PipeList.Join(input.Industries);
        if (input.Categories is not null)
            rule.Categories = PipeList.Join(input.Categories);
        rule.Reps = PipeList.Join(reps.Select(r => r.ToString()));
        await db.SaveChangesAsync(ct);
        return (await ListAsync(ct)).Single(r => r.Id == rule.Id);
    }

    public async Task DeleteAsync(Guid id, CancellationToken ct)
    {
        var rule = await db.Set<AssignmentRule>().SingleOrDefaultAsync(r => r.Id == id, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        db.Remove(rule);
        await db.SaveChangesAsync(ct);
    }

    public async Task<SalesSettingsDto> SettingsAsync(CancellationToken ct)
    {
        var s = await db.Set<SalesSettings>().AsNoTracking().SingleOrDefaultAsync(ct) ?? new SalesSettings();
        return new SalesSettingsDto(s.OpenLeadCap, s.Version);
    }

    public async Task<SalesSettingsDto> SaveSettingsAsync(SaveSalesSettings input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (input.OpenLeadCap is not ({ } cap and >= 1 and <= 10_000))
            errors.Add("openLeadCap", t["Problem.PageRange", 1, 10_000]);
        if (input.Version is null)
            errors.Add("version", t["Common.Error.VersionRequired"]);
        errors.ThrowIfAny();
        var s = await db.Set<SalesSettings>().SingleOrDefaultAsync(ct);
        if (s is null)
            db.Add(s = new SalesSettings());
        else
            db.ExpectVersion(s, input.Version!.Value);
        s.OpenLeadCap = input.OpenLeadCap!.Value;
        await db.SaveChangesAsync(ct);
        return new SalesSettingsDto(s.OpenLeadCap, s.Version);
    }
}
