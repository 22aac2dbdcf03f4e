namespace Steadfast.Customers.Customers;

/// <summary>统一社会信用代码 (GB 32100-2015): 18 characters, the last a check character over the first 17.</summary>
public static class CreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Upper-cases, trims, and turns full-width characters into ASCII, as people paste them from PDFs.</summary>
    public static string Normalize(string value) =>
        Text.HalfWidth(value).Trim().Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

    public static bool IsValid(string? code)
    {
        if (code is not { Length: 18 })
            return false;
        foreach (var c in code)
            if (Alphabet.IndexOf(c, StringComparison.Ordinal) < 0)
                return false;
        return CheckCharacter(code.AsSpan(0, 17)) == code[17];
    }

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
            sum += Alphabet.IndexOf(first17[i], StringComparison.Ordinal) * Weights[i];
        var r = 31 - sum % 31;
        return Alphabet[r == 31 ? 0 : r];
    }
}

/// <summary>Small text rules shared by matching and import.</summary>
public static class Text
{
    /// <summary>Full-width ASCII (ＡＢＣ１２３, full-width space) to half-width.</summary>
    public static string HalfWidth(string value)
    {
        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] == '\u3000')
                chars[i] = ' ';
            else if (chars[i] is >= '\uFF01' and <= '\uFF5E')
                chars[i] = (char)(chars[i] - 0xFEE0);
        }
        return new string(chars);
    }

    private static readonly string[] CompanySuffixes =
    [
        "股份有限公司",
        "有限责任公司",
        "有限公司",
        "集团公司",
        "总公司",
        "分公司",
        "公司",
        "co.,ltd.",
        "co.,ltd",
        "co.ltd",
        "ltd.",
        "ltd",
        "inc.",
        "inc",
        "corporation",
        "corp.",
    ];

    /// <summary>
    /// The form two names are compared in for duplicates: half-width, no spaces or punctuation, lower
    /// case, without legal-form suffixes (苏州恒力 有限公司 = 苏州恒力有限责任公司 = 苏州恒力).
    /// </summary>
    public static string MatchKey(string name)
    {
        var s = HalfWidth(name).ToLowerInvariant();
        s = new string(s.Where(c => !char.IsWhiteSpace(c) && c is not ('(' or ')' or '（' or '）' or '-' or '·' or '&')).ToArray());
        foreach (var suffix in CompanySuffixes)
        {
            if (s.Length > suffix.Length && s.EndsWith(suffix, StringComparison.Ordinal))
            {
                s = s[..^suffix.Length];
                break;
            }
        }
        return s;
    }
}
