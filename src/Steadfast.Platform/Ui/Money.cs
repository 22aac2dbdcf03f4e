using System.Globalization;

namespace Steadfast.Platform.Ui;

/// <summary>Money is stored in fen (long); this is the one place that shows it as yuan.</summary>
public static class Money
{
    public static string Yuan(long fen, bool cents = true) => Yuan((double)fen, cents);

    public static string Yuan(double fen, bool cents = true) =>
        (fen / 100).ToString(cents ? "¥#,##0.00" : "¥#,##0", CultureInfo.InvariantCulture);

    /// <summary>Yuan without the sign, exact, for messages whose text puts the ¥ itself.</summary>
    public static string Amount(long fen) => (fen / 100m).ToString("N2", CultureInfo.InvariantCulture);
}
