using Steadfast.Service.WorkOrders;

namespace Steadfast.Service.Dispatch;

/// <summary>An engineer as dispatch weighs them.</summary>
public sealed record Candidate(Guid UserId, string Name, IReadOnlyList<string> Regions, IReadOnlyList<string> Skills, int OpenOrders);

/// <summary>One line of why: a string key, its argument, and the points it gave.</summary>
public sealed record Reason(string Key, string Arg, int Points);

public sealed record Ranked(Guid UserId, string Name, int Score, int OpenOrders, IReadOnlyList<Reason> Reasons);

/// <summary>
/// Ranks engineers for an order: covering the site's region, trained on the product category, and
/// lightly loaded. Load weighs more when production has stopped, since the first free pair of hands
/// matters most then. Pure, so the rules are tested without a database.
/// </summary>
public static class DispatchRanker
{
    public const int RegionPoints = 50;
    public const int SkillPoints = 30;

    public static List<Ranked> Rank(string region, string productCategory, Severity severity, IEnumerable<Candidate> candidates)
    {
        var perOrder = severity == Severity.StoppedProduction ? 15 : 5;
        return
        [
            .. candidates
                .Select(c =>
                {
                    var reasons = new List<Reason>();
                    if (region.Length > 0 && c.Regions.Contains(region, StringComparer.Ordinal))
                        reasons.Add(new("Dispatch.Reason.Region", region, RegionPoints));
                    else
                        reasons.Add(new("Dispatch.Reason.OtherRegion", region, 0));
                    if (productCategory.Length == 0)
                        reasons.Add(new("Dispatch.Reason.NoCategory", "", 0));
                    else if (c.Skills.Contains(productCategory, StringComparer.Ordinal))
                        reasons.Add(new("Dispatch.Reason.Skill", productCategory, SkillPoints));
                    else
                        reasons.Add(new("Dispatch.Reason.NoSkill", productCategory, 0));
                    reasons.Add(
                        new(
                            "Dispatch.Reason.Load",
                            c.OpenOrders.ToString(System.Globalization.CultureInfo.InvariantCulture),
                            -perOrder * c.OpenOrders
                        )
                    );
                    return new Ranked(c.UserId, c.Name, reasons.Sum(r => r.Points), c.OpenOrders, reasons);
                })
                .OrderByDescending(r => r.Score)
                .ThenBy(r => r.OpenOrders)
                .ThenBy(r => r.Name, StringComparer.Ordinal),
        ];
    }
}
