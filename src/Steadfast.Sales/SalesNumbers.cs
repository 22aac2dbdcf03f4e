using System.Globalization;
using Steadfast.Platform.Data;
using Steadfast.Platform.Ui;

namespace Steadfast.Sales;

/// <summary>Readable numbers per company-local day: L-261207-0003 (lead), OP- (opportunity), SO- (sales order).</summary>
internal sealed class SalesNumbers(AppDbContext db, CompanyClock company, TimeProvider clock)
{
    public async Task<string> NextAsync(string prefix, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(company.ToLocal(clock.GetUtcNow().UtcDateTime));
        var n = await db.NextAsync($"{prefix.ToLowerInvariant()}:{today.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}", ct);
        return $"{prefix}-{today.ToString("yyMMdd", CultureInfo.InvariantCulture)}-{n:0000}";
    }

    public DateOnly Today => DateOnly.FromDateTime(company.ToLocal(clock.GetUtcNow().UtcDateTime));
}
