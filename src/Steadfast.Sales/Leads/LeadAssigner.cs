using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Steadfast.Platform.Data;

namespace Steadfast.Sales.Leads;

/// <summary>
/// Why a lead went where it went: <c>rule</c> (a rule matched and a rep under the cap took it), <c>pool</c> (no rule
/// matched, or every rep of the matching rules was at the cap), <c>hand</c> (a person chose), <c>dealer</c> (a dealer
/// registered it). Kept as data so it reads in the reader's language.
/// </summary>
internal sealed record AssignmentWhy(string Kind, string[] Matched, int Open, int Cap, string[] AtCap, string By = "")
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static AssignmentWhy? Parse(string json)
    {
        if (json.Length == 0)
            return null;
        try
        {
            return JsonSerializer.Deserialize<AssignmentWhy>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>A rep as the assigner weighs them: open leads now, and the sequence of the last lead a rule gave them.</summary>
internal sealed record RepLoad(Guid Id, string Name, bool Active, int Open);

/// <summary>What a lead is matched on.</summary>
internal sealed record LeadFacts(string Province, string Industry, string Category);

/// <summary>
/// Lead assignment (seed 002 §三): rules in order, the first whose criteria hold and that has a rep under the cap wins;
/// among its reps the one whose last lead from the rule is oldest (never first); nobody → the sales managers' pool.
/// </summary>
internal static class LeadAssigner
{
    public static bool Matches(AssignmentRule rule, LeadFacts lead, List<string> matched)
    {
        matched.Clear();
        if (!In(rule.Provinces, lead.Province, "province", matched))
            return false;
        if (!In(rule.Industries, lead.Industry, "industry", matched))
            return false;
        return In(rule.Categories, lead.Category, "category", matched);
    }

    private static bool In(string joined, string value, string what, List<string> matched)
    {
        if (joined.Length == 0)
            return true;
        if (value.Length == 0 || !joined.Contains("|" + value + "|", StringComparison.Ordinal))
            return false;
        matched.Add(what + ":" + value);
        return true;
    }

    /// <summary>
    /// The first enabled rule, in order, whose criteria hold and that names an active rep under the cap, with those reps;
    /// with none, the pool and the reps found at the cap on the way.
    /// </summary>
    /// <param name="reps">Every rep named by any enabled rule, by id.</param>
    public static (AssignmentRule? Rule, List<RepLoad> Eligible, AssignmentWhy Why) Match(
        LeadFacts lead,
        IEnumerable<AssignmentRule> rules,
        IReadOnlyDictionary<Guid, RepLoad> reps,
        int cap
    )
    {
        var matched = new List<string>();
        var atCap = new Dictionary<Guid, string>();
        foreach (var rule in rules.Where(r => r.Enabled).OrderBy(r => r.Order))
        {
            if (!Matches(rule, lead, matched))
                continue;
            var candidates = PipeList
                .Split(rule.Reps)
                .Select(id => Guid.TryParse(id, out var g) && reps.TryGetValue(g, out var r) ? r : null)
                .OfType<RepLoad>()
                .Where(r => r.Active)
                .ToList();
            foreach (var full in candidates.Where(r => r.Open >= cap))
                atCap[full.Id] = full.Name;
            var eligible = candidates.Where(r => r.Open < cap).ToList();
            if (eligible.Count > 0)
                return (rule, eligible, new AssignmentWhy("rule", [.. matched], 0, cap, [.. atCap.Values]));
        }
        return (null, [], new AssignmentWhy("pool", [], 0, cap, [.. atCap.Values]));
    }

    /// <summary>Round robin: a rep the rule never gave a lead first, then the one whose last is oldest; list order breaks ties.</summary>
    public static RepLoad Pick(IReadOnlyList<RepLoad> eligible, IReadOnlyDictionary<Guid, long> lastSeq) =>
        eligible.OrderBy(r => lastSeq.TryGetValue(r.Id, out var s) ? s : long.MinValue).First();

    /// <summary>The loads of the reps the enabled rules name, read in two grouped queries.</summary>
    public static async Task<Dictionary<Guid, RepLoad>> LoadsAsync(
        AppDbContext db,
        IReadOnlyList<AssignmentRule> rules,
        CancellationToken ct
    )
    {
        var ids = rules
            .Where(r => r.Enabled)
            .SelectMany(r => PipeList.Split(r.Reps))
            .Select(s => Guid.TryParse(s, out var g) ? g : Guid.Empty)
            .Where(g => g != Guid.Empty)
            .Distinct()
            .ToList();
        if (ids.Count == 0)
            return [];
        var users = await db
            .Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id))
            .Select(u => new
            {
                u.Id,
                u.DisplayName,
                u.IsActive,
            })
            .ToListAsync(ct);
        var open = await db.Set<Lead>()
            .Where(l => l.Status == LeadStatus.Open && l.OwnerId != null && ids.Contains(l.OwnerId.Value))
            .GroupBy(l => l.OwnerId!.Value)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return users.ToDictionary(u => u.Id, u => new RepLoad(u.Id, u.DisplayName, u.IsActive, open.GetValueOrDefault(u.Id)));
    }

    /// <summary>The sequence of each rep's last lead from this rule: one index seek per rep.</summary>
    public static async Task<Dictionary<Guid, long>> LastSeqAsync(
        AppDbContext db,
        Guid ruleId,
        IEnumerable<Guid> reps,
        CancellationToken ct
    )
    {
        var result = new Dictionary<Guid, long>();
        foreach (var rep in reps)
        {
            var last = await db.Set<Lead>()
                .Where(l => l.AssignmentRuleId == ruleId && l.OwnerId == rep && l.AssignmentSeq != null)
                .MaxAsync(l => l.AssignmentSeq, ct);
            if (last is { } v)
                result[rep] = v;
        }
        return result;
    }
}
