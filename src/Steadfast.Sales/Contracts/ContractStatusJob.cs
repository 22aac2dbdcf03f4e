using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Steadfast.Platform.Data;
using Steadfast.Platform.Jobs;
using Steadfast.Platform.Ui;

namespace Steadfast.Sales.Contracts;

/// <summary>
/// Each night, contracts follow the calendar: a signed one becomes active on its start day, an active one expires after its
/// end day (a renewed or terminated one keeps its status). Coverage does not wait for this (it reads the dates); the lists do.
/// </summary>
internal sealed class ContractStatusJob : IDailyJob
{
    private const int Batch = 500;
    public string Kind => "contracts.status";
    public TimeOnly At => new(0, 30);

    public async Task HandleAsync(DueItem item, IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var company = services.GetRequiredService<CompanyClock>();
        var today = DateOnly.FromDateTime(company.ToLocal(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime));
        // In batches, each its own save: a year of contracts starting at once is not one transaction.
        while (true)
        {
            var due = await db.Set<Contract>()
                .Where(c =>
                    (c.Status == ContractStatus.Signed && c.StartsOn <= today)
                    || ((c.Status == ContractStatus.Active || c.Status == ContractStatus.Signed) && c.EndsOn < today)
                )
                .Take(Batch)
                .ToListAsync(ct);
            if (due.Count == 0)
                return;
            foreach (var c in due)
                c.Status = c.EndsOn < today ? ContractStatus.Expired : ContractStatus.Active;
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}
