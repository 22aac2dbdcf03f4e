using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Steadfast.Platform.Api;
using Steadfast.Platform.Data;

namespace Steadfast.Sales.Contracts;

public sealed record RenewalItem(
    Guid Id,
    string Number,
    string Title,
    Guid CustomerId,
    string CustomerName,
    DateOnly EndsOn,
    int DaysLeft,
    long? Amount,
    string OwnerName,
    Guid? RenewalId,
    string? RenewalNumber,
    ContractStatus? RenewalStatus
);

public sealed record RenewContract(decimal? UpliftPercent);

/// <summary>Renewals per month: service contracts ending in the month, and how many of them were renewed.</summary>
public sealed record RenewalMonth(string Month, int Due, int Renewed, decimal Rate);

/// <summary>The renewal rate over a period (renewed ÷ due to renew), and month by month for the chart.</summary>
public sealed record RenewalRate(DateOnly From, DateOnly To, int Due, int Renewed, decimal Rate, IReadOnlyList<RenewalMonth> Months);

internal sealed partial class ContractService
{
    /// <summary>How far ahead the renewal list looks (<c>Contracts:RenewalWindowDays</c>, 60 unless set: seed 004's two months).</summary>
    public int RenewalWindowDays => config.GetValue("Contracts:RenewalWindowDays", 60);

    /// <summary>
    /// Service contracts ending within the window (or already ended, not renewed), the caller's own unless they see more:
    /// the owner's renewal list. Each shows its renewal once one is drafted.
    /// </summary>
    public async Task<PagedResult<RenewalItem>> RenewalsAsync(int? withinDays, bool mine, PageRequest page, CancellationToken ct)
    {
        var days = withinDays ?? RenewalWindowDays;
        if (days is < 1 or > 366)
            throw AppValidationException.For("withinDays", t["Common.Error.Range", 1, 366]);
        var today = Today;
        var until = today.AddDays(days);
        var since = today.AddDays(-30);
        var q = Visible()
            .AsNoTracking()
            .Where(c =>
                c.Kind == ContractKind.Service
                && (c.Status == ContractStatus.Active || c.Status == ContractStatus.Signed || c.Status == ContractStatus.Expired)
                && c.EndsOn <= until
                && c.EndsOn >= since
            );
        if (mine && actor.UserId is { } me)
            q = q.Where(c => c.OwnerId == me);
        var hidden = PricesHidden;
        return await q.ToPageAsync(
            s => s.OrderBy(c => c.EndsOn).ThenBy(c => c.Id),
            s =>
                from c in s
                join u in db.Users on c.OwnerId equals u.Id into owners
                from u in owners.DefaultIfEmpty()
                let next = db.Set<Contract>().Where(n => n.RenewalOfId == c.Id).OrderByDescending(n => n.CreatedAtUtc).FirstOrDefault()
                select new RenewalItem(
                    c.Id,
                    c.Number,
                    c.Title,
                    c.CustomerId,
                    c.CustomerName,
                    c.EndsOn,
                    c.EndsOn.DayNumber - today.DayNumber,
                    hidden ? null : c.Amount,
                    u == null ? "" : u.DisplayName,
                    next == null ? null : next.Id,
                    next == null ? null : next.Number,
                    next == null ? null : next.Status
                ),
            page,
            ct
        );
    }

    /// <summary>
    /// The next term as a draft for approval: the same machines, entitlements and plan shape, starting the day after the end,
    /// priced with the uplift (<c>Contracts:RenewalUpliftPercent</c>, 3 unless given). Once signed, the old one is renewed.
    /// </summary>
    public async Task<ContractDetail> RenewAsync(Guid id, RenewContract input, CancellationToken ct)
    {
        var c = await WholeAsync(id, tracked: false, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        if (c.Kind != ContractKind.Service || c.Status is not (ContractStatus.Active or ContractStatus.Signed or ContractStatus.Expired))
            throw new AppConflictException(t["Contracts.Error.RenewWhen", t[$"Contracts.Status.{c.Status}"]]);
        if (await db.Set<Contract>().AnyAsync(x => x.RenewalOfId == c.Id && x.Status != ContractStatus.Terminated, ct))
            throw new AppConflictException(t["Contracts.Error.Renewed"]);
        var uplift = input.UpliftPercent ?? config.GetValue("Contracts:RenewalUpliftPercent", 3m);
        if (uplift is < -50 or > 100)
            throw AppValidationException.For("upliftPercent", t["Common.Error.Range", -50, 100]);
        var factor = 1 + uplift / 100;
        var starts = c.EndsOn.AddDays(1);
        var ends = starts.AddDays(c.EndsOn.DayNumber - c.StartsOn.DayNumber);
        var next = CopyAsDraft(c, starts, ends, 0);
        next.RenewalOfId = c.Id;
        next.Title = c.Title;
        foreach (var l in next.Lines)
        {
            l.UnitPrice = (long)Math.Round(l.UnitPrice * factor, MidpointRounding.AwayFromZero);
            l.Amount = (long)Math.Round(l.Quantity * l.UnitPrice, MidpointRounding.AwayFromZero);
        }
        next.Amount =
            next.Lines.Count > 0 ? next.Lines.Sum(l => l.Amount) : (long)Math.Round(c.Amount * factor, MidpointRounding.AwayFromZero);
        // The plan keeps its shape: each instalment its share of the new amount, the last taking the rounding.
        var position = 0;
        long planned = 0;
        var old = c.Instalments.OrderBy(i => i.Position).ToList();
        foreach (var i in old)
        {
            var amount =
                position == old.Count - 1
                    ? next.Amount - planned
                    : (long)Math.Round((decimal)i.Amount * next.Amount / Math.Max(1, c.Amount));
            planned += amount;
            next.Instalments.Add(
                new Receivables.Instalment
                {
                    ContractId = next.Id,
                    Position = position++,
                    Name = i.Name,
                    DueFrom = i.DueFrom,
                    OffsetDays = i.OffsetDays,
                    FixedOn = i.FixedOn?.AddDays(starts.DayNumber - c.StartsOn.DayNumber),
                    Amount = amount,
                    Open = amount,
                }
            );
        }
        await SaveNewAsync(next, null, ct);
        return await GetAsync(next.Id, ct);
    }

    /// <summary>Inside the signing: the contract this one renews is marked renewed.</summary>
    private async Task MarkRenewedAsync(Guid oldId, CancellationToken ct)
    {
        var old = await db.Set<Contract>().SingleOrDefaultAsync(x => x.Id == oldId, ct);
        if (old is not null && old.Status is ContractStatus.Active or ContractStatus.Signed or ContractStatus.Expired)
            old.Status = ContractStatus.Renewed;
    }

    /// <summary>Renewed ÷ due to renew over service contracts ending in the period, in the database, month by month.</summary>
    public async Task<RenewalRate> RenewalRateAsync(DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var end = to ?? Today;
        var start = from ?? new DateOnly(end.Year, end.Month, 1).AddMonths(-11);
        if (end < start || end.DayNumber - start.DayNumber > 3 * 366)
            throw AppValidationException.For("to", t["Contracts.Error.Period"]);
        var rows = await Visible()
            .AsNoTracking()
            .Where(c =>
                c.Kind == ContractKind.Service
                && c.EndsOn >= start
                && c.EndsOn <= end
                && c.Status != ContractStatus.Draft
                && c.Status != ContractStatus.InApproval
                && c.Status != ContractStatus.Approved
            )
            .GroupBy(c => new { c.EndsOn.Year, c.EndsOn.Month })
            .Select(g => new
            {
                g.Key.Year,
                g.Key.Month,
                Due = g.Count(),
                Renewed = g.Count(c => c.Status == ContractStatus.Renewed),
            })
            .ToListAsync(ct);
        var months = new List<RenewalMonth>();
        for (var m = new DateOnly(start.Year, start.Month, 1); m <= end; m = m.AddMonths(1))
        {
            var r = rows.FirstOrDefault(x => x.Year == m.Year && x.Month == m.Month);
            months.Add(
                new RenewalMonth(
                    m.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                    r?.Due ?? 0,
                    r?.Renewed ?? 0,
                    Rate(r?.Renewed ?? 0, r?.Due ?? 0)
                )
            );
        }
        var due = months.Sum(m => m.Due);
        var renewed = months.Sum(m => m.Renewed);
        return new RenewalRate(start, end, due, renewed, Rate(renewed, due), months);
    }

    private static decimal Rate(int renewed, int due) => due == 0 ? 0 : Math.Round(100m * renewed / due, 1);
}
