using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;

namespace Steadfast.Sales;

/// <summary>A stored priced line of an opportunity, an order or a contract.</summary>
internal interface IPricedRow
{
    int Position { get; set; }
    Guid? ProductId { get; set; }
    string Description { get; set; }
    decimal Quantity { get; set; }
    long UnitPrice { get; set; }
    long Amount { get; set; }
}

/// <summary>A priced line as entered (opportunity, order), checked and with its amount in fen.</summary>
internal sealed record PricedLine(Guid? ProductId, string Description, decimal Quantity, long UnitPrice, long Amount);

internal static class LineItems
{
    /// <summary>
    /// The record's lines become the checked ones, in order. New rows get no id: a row with a key EF did not generate
    /// would be taken for an existing row to update.
    /// </summary>
    public static void Replace<T>(Microsoft.EntityFrameworkCore.DbContext db, List<T> rows, IEnumerable<PricedLine> lines, Func<T> row)
        where T : class, IPricedRow
    {
        db.RemoveRange(rows);
        rows.Clear();
        var position = 0;
        foreach (var l in lines)
        {
            var r = row();
            (r.Position, r.ProductId, r.Description, r.Quantity, r.UnitPrice, r.Amount) = (
                position++,
                l.ProductId,
                l.Description,
                l.Quantity,
                l.UnitPrice,
                l.Amount
            );
            rows.Add(r);
        }
    }

    public const int MaxLines = 200;

    /// <summary>Checks each line (errors keyed <c>lines[i].field</c>); the amount is quantity × unit price, rounded to the fen.</summary>
    public static List<PricedLine> Check(
        IReadOnlyList<Opportunities.SaveLine>? lines,
        IReadOnlyDictionary<Guid, string> products,
        ValidationErrors errors,
        IStringLocalizer t
    )
    {
        var result = new List<PricedLine>();
        if (lines is null)
            return result;
        if (lines.Count > MaxLines)
        {
            errors.Add("lines", t["Common.Error.MaxLength", MaxLines]);
            return result;
        }
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line is null)
            {
                errors.Add($"lines[{i}]", t["Common.Error.Required"]);
                continue;
            }
            var name = line.Description?.Trim() ?? "";
            if (line.ProductId is { } p && !products.ContainsKey(p))
                errors.Add($"lines[{i}].productId", t["Sales.Error.Product"]);
            if (name.Length == 0 && line.ProductId is { } pid && products.TryGetValue(pid, out var productName))
                name = productName;
            if (name.Length is 0 or > 300)
                errors.Add($"lines[{i}].description", t["Sales.Error.Description"]);
            if (line.Quantity is not { } qty || qty <= 0 || qty > 1_000_000)
                errors.Add($"lines[{i}].quantity", t["Sales.Error.Quantity"]);
            if (line.UnitPrice is not { } price || price < 0 || price > 100_000_000_000)
                errors.Add($"lines[{i}].unitPrice", t["Sales.Error.Amount"]);
            if (line.Quantity is { } q && line.UnitPrice is { } u && q > 0 && u >= 0)
                result.Add(new PricedLine(line.ProductId, name, q, u, (long)Math.Round(q * u, MidpointRounding.AwayFromZero)));
        }
        return result;
    }
}
