namespace Steadfast.Sales.Quotes;

/// <summary>An amount in Chinese capital numerals (大写金额), as a quote or contract states it: 壹拾贰万叁仟元整.</summary>
internal static class ChineseAmount
{
    private const string Digits = "零壹贰叁肆伍陆柒捌玖";
    private static readonly string[] Small = ["", "拾", "佰", "仟"];
    private static readonly string[] Big = ["", "万", "亿", "兆"];

    public static string Of(long fen)
    {
        if (fen < 0)
            return "负" + Of(-fen);
        var yuan = fen / 100;
        var jiao = (int)(fen / 10 % 10);
        var cent = (int)(fen % 10);
        var text = yuan == 0 ? "" : Integer(yuan) + "元";
        if (jiao == 0 && cent == 0)
            return (text.Length == 0 ? "零元" : text) + "整";
        if (jiao > 0)
            text += $"{Digits[jiao]}角";
        else if (yuan > 0)
            text += "零";
        if (cent > 0)
            text += $"{Digits[cent]}分";
        return text;
    }

    private static string Integer(long n)
    {
        var groups = new List<int>();
        for (; n > 0; n /= 10000)
            groups.Add((int)(n % 10000));
        var result = "";
        var zero = false;
        for (var g = groups.Count - 1; g >= 0; g--)
        {
            var value = groups[g];
            if (value == 0)
            {
                zero = result.Length > 0;
                continue;
            }
            if (zero || (result.Length > 0 && value < 1000))
                result += "零";
            zero = false;
            result += Group(value) + Big[g];
        }
        return result;
    }

    private static string Group(int n)
    {
        var s = "";
        var zero = false;
        for (var p = 3; p >= 0; p--)
        {
            var d = n / (int)Math.Pow(10, p) % 10;
            if (d == 0)
            {
                zero = s.Length > 0;
                continue;
            }
            if (zero)
                s += "零";
            zero = false;
            s += Digits[d] + Small[p];
        }
        return s;
    }
}
