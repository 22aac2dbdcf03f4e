using System.Globalization;
using System.Text;
using Steadfast.Customers.Public;
using Steadfast.Platform.Data;

namespace Steadfast.Service.WorkOrders;

/// <summary>
/// Searching work orders by what is wrong: number, fault, diagnosis, contact name and phone through a trigram index
/// (FTS5 on SQLite, pg_trgm on PostgreSQL, created by the WorkOrderTextSearch migrations), and the machine's serial
/// by prefix. A trigram index cannot look up a two-character word, and Chinese fault words are mostly two characters
/// (漏油, 异响, 过热): each order also keeps its fault and diagnosis as space-separated two-character grams, and a
/// two-character term is looked up as " 漏油 " in them, which has trigrams.
/// </summary>
internal static class WorkOrderSearch
{
    public static readonly TextIndex Index = new(
        "WorkOrders",
        "WorkOrderText",
        "Number",
        "FaultDescription",
        "Diagnosis",
        "ContactName",
        "ContactPhone",
        "SearchGrams"
    );

    private static readonly string[] Texts = ["Number", "FaultDescription", "Diagnosis", "ContactName", "ContactPhone"];

    /// <summary>Ids of the visible orders matching the term; null when the term is too short for an index.</summary>
    public static IQueryable<Guid>? Matching(AppDbContext db, string term)
    {
        var length = new StringInfo(term).LengthInTextElements;
        // Each length looks where it can match: the texts themselves, or the grams alone.
        if (length >= 3)
            return Index.ContainingIn(db, "Id", term, Texts);
        if (length == 2 && term.All(IsGramChar))
            return Index.ContainingIn(db, "Id", " " + term.ToLowerInvariant() + " ", ["SearchGrams"]);
        return null;
    }

    /// <summary>The distinct two-character grams of the runs of letters and digits in the texts, as " ab bc … ".</summary>
    public static string Grams(params string[] texts)
    {
        var grams = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            var run = new List<char>();
            foreach (var ch in (text ?? "") + " ")
            {
                if (IsGramChar(ch) && !char.IsSurrogate(ch))
                {
                    run.Add(char.ToLowerInvariant(ch));
                    continue;
                }
                for (var i = 0; i + 1 < run.Count; i++)
                    grams.Add(new string([run[i], run[i + 1]]));
                run.Clear();
            }
        }
        if (grams.Count == 0)
            return "";
        var sb = new StringBuilder(" ");
        foreach (var g in grams)
        {
            if (sb.Length + g.Length + 1 > 8000)
                break;
            sb.Append(g).Append(' ');
        }
        return sb.ToString();
    }

    private static bool IsGramChar(char c) => char.IsLetterOrDigit(c);
}
