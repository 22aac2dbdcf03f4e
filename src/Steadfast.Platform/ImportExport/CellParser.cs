using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Steadfast.Platform.ImportExport;

/// <summary>
/// Reads the values people actually type into spreadsheets: 2024/3/5, 2024-03-05, 2024年3月5日,
/// Excel serial dates, 1,234.5, full-width digits (１２３), ¥ and 元.
/// </summary>
public static partial class CellParser
{
    public static string? Text(object? cell)
    {
        var s = cell switch
        {
            null => null,
            DateTime d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            double d => d.ToString(CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => cell.ToString(),
        };
        s = s?.Trim();
        return string.IsNullOrEmpty(s) ? null : s;
    }

    public static string HalfWidth(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
            sb.Append(
                c switch
                {
                    '\u3000' => ' ',
                    >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                    _ => c,
                }
            );
        return sb.ToString();
    }

    public static bool TryNumber(object? cell, out decimal value)
    {
        value = 0;
        switch (cell)
        {
            case double d when !double.IsNaN(d) && !double.IsInfinity(d) && Math.Abs(d) < 7.9e27:
                value = (decimal)d;
                return true;
            case decimal m:
                value = m;
                return true;
            case int i:
                value = i;
                return true;
            case long l:
                value = l;
                return true;
        }
        var s = Text(cell);
        if (s is null)
            return false;
        s = HalfWidth(s)
            .Replace(",", "", StringComparison.Ordinal)
            .Replace("，", "", StringComparison.Ordinal)
            .Replace("¥", "", StringComparison.Ordinal)
            .Replace("￥", "", StringComparison.Ordinal)
            .Replace("元", "", StringComparison.Ordinal)
            .Trim();
        return decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryDate(object? cell, out DateOnly value)
    {
        value = default;
        switch (cell)
        {
            case DateTime d:
                value = DateOnly.FromDateTime(d);
                return true;
            case DateOnly d:
                value = d;
                return true;
            case double serial:
                return TrySerial(serial, out value);
        }
        var s = Text(cell);
        if (s is null)
            return false;
        s = HalfWidth(s);
        if (
            double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && !s.Contains('-', StringComparison.Ordinal)
        )
            return s.Length == 8 && DateOnly.TryParseExact(s, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value)
                || TrySerial(number, out value);
        var m = DateParts().Match(s);
        if (!m.Success)
            return false;
        var (y, mo, d2) = (
            int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
            int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
            int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)
        );
        if (y is < 1900 or > 2200 || mo is < 1 or > 12 || d2 < 1 || d2 > DateTime.DaysInMonth(y, mo))
            return false;
        value = new DateOnly(y, mo, d2);
        return true;
    }

    // Excel counts days from 1899-12-30 (its 1900 leap-year bug included).
    private static bool TrySerial(double serial, out DateOnly value)
    {
        value = default;
        if (serial is < 1 or > 120000 || serial != Math.Floor(serial))
            return false;
        value = DateOnly.FromDateTime(new DateTime(1899, 12, 30, 0, 0, 0, DateTimeKind.Unspecified).AddDays(serial));
        return true;
    }

    public static bool TryBool(object? cell, out bool value)
    {
        value = false;
        if (cell is bool b)
        {
            value = b;
            return true;
        }
        switch (Text(cell)?.ToLowerInvariant())
        {
            case "true" or "yes" or "y" or "1" or "是" or "对" or "√":
                value = true;
                return true;
            case "false" or "no" or "n" or "0" or "否" or "不" or "×":
                value = false;
                return true;
            default:
                return false;
        }
    }

    [GeneratedRegex(@"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$")]
    private static partial Regex DateParts();
}
