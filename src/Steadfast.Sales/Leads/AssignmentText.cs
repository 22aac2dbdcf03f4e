using Microsoft.Extensions.Localization;

namespace Steadfast.Sales.Leads;

/// <summary>A lead's assignment reason in the reader's language.</summary>
internal static class AssignmentText
{
    public static string Describe(AssignmentDto? why, IStringLocalizer t)
    {
        if (why is null)
            return "";
        string Matched() =>
            string.Join("、", why.Matched.Select(m => m.Split(':', 2)).Select(p => $"{t[Label(p[0])]} {(p.Length > 1 ? p[1] : "")}"));
        return why.Kind switch
        {
            "rule" => t["Leads.Why.rule", why.Rule, Matched(), why.Open, why.Cap],
            "pool" when why.By.Length > 0 => t["Leads.Why.returned", why.By],
            "pool" when why.AtCap.Count > 0 => t["Leads.Why.poolCap", why.Cap, string.Join("、", why.AtCap)],
            "pool" => t["Leads.Why.pool"],
            "dealer" => t["Leads.Why.dealer", why.By],
            _ => t["Leads.Why.hand", why.By],
        };
    }

    private static string Label(string what) =>
        what switch
        {
            "province" => "Leads.Province",
            "industry" => "Leads.Industry",
            _ => "Leads.Category",
        };
}
