using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Customers;
using Steadfast.Platform.ImportExport;
using Steadfast.Platform.Localization;

namespace Steadfast.Customers.Public;

/// <summary>
/// The customers a batch of rows names in one column, loaded with one query so a large file does
/// not cost a round trip per row. A cell matches by external id or credit code first, then by exact name. Other modules'
/// importers (sales orders) name customers the same way.
/// </summary>
public sealed class CustomerKeys
{
    private sealed record Candidate(Guid Id, string Name, string? ExternalId, string? CreditCode);

    private readonly List<Candidate> _candidates;

    private CustomerKeys(List<Candidate> candidates) => _candidates = candidates;

    public IEnumerable<Guid> Ids => _candidates.Select(c => c.Id);

    public static async Task<CustomerKeys> LoadAsync(
        CustomerScope scope,
        IReadOnlyList<ImportRow> rows,
        string column,
        CancellationToken ct
    )
    {
        var keys = rows.Select(r => CellParser.Text(r.Cells.GetValueOrDefault(column))).OfType<string>().Distinct().ToList();
        var credits = keys.Select(CreditCode.Normalize).ToList();
        var found = await scope
            .Customers()
            .Where(c =>
                keys.Contains(c.Name)
                || (c.ExternalId != null && keys.Contains(c.ExternalId))
                || (c.CreditCode != null && credits.Contains(c.CreditCode))
            )
            .Select(c => new Candidate(c.Id, c.Name, c.ExternalId, c.CreditCode))
            .ToListAsync(ct);
        return new CustomerKeys(found);
    }

    /// <summary>The customer the row's cell names, or null with the cell's problem recorded (none found, or several).</summary>
    public Guid? Resolve(ImportCells cells, string column, IStringLocalizer<Strings> t)
    {
        if (cells.Text(column) is not { } key)
            return null;
        var credit = CreditCode.Normalize(key);
        var matches = _candidates.Where(c => c.ExternalId == key || c.CreditCode == credit).ToList();
        if (matches.Count == 0)
            matches = [.. _candidates.Where(c => c.Name == key)];
        if (matches.Count == 1)
            return matches[0].Id;
        cells.Problems[column] = [matches.Count == 0 ? t["Equipment.Error.Customer"] : t["Import.Error.Ambiguous"]];
        return null;
    }
}
