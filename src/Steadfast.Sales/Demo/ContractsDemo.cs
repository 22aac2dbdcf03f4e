using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Steadfast.Customers.Public;
using Steadfast.Platform.Data;
using Steadfast.Platform.Ui;
using Steadfast.Sales.Contracts;
using Steadfast.Sales.Orders;
using Steadfast.Sales.Receivables;

namespace Steadfast.Sales.Demo;

/// <summary>
/// Contracts and money: a sales contract for every demo sales order (30 / 60 / 10 plans, most paid, some late, some overdue
/// now), and about 600 annual service contracts covering a third of the machines (some due for renewal within 60 days,
/// the older terms mostly renewed, so the renewal rate has a history).
/// </summary>
internal sealed class ContractsDemo(AppDbContext db, CustomerDirectory directory, CompanyClock company, TimeProvider clock) : IDemoSeeder
{
    public int Order => 32;

#pragma warning disable CA5394 // demo data, not security
    public async Task<string> SeedAsync(double scale, CancellationToken ct)
    {
        if (await db.Set<Contract>().AnyAsync(ct))
            return "contracts already present";
        var rng = new Random(26);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(company.ToLocal(now));
        var orders = await db.Set<SalesOrder>()
            .AsNoTracking()
            .Include(o => o.Lines)
            .Where(o => o.Status != SalesOrderStatus.Cancelled)
            .OrderBy(o => o.OrderedOn)
            .ToListAsync(ct);
        var regions = await directory
            .Profiles()
            .Select(p => new
            {
                p.Id,
                p.Province,
                p.OwnerId,
            })
            .ToDictionaryAsync(p => p.Id, ct);
        var contracts = new List<Contract>();
        var receipts = new List<Receipt>();
        var invoices = new List<Invoice>();
        var serials = new Dictionary<int, int>();
        string Number(DateOnly on) => $"HT-{on.Year}-{serials[on.Year] = serials.GetValueOrDefault(on.Year) + 1:00000}";

        foreach (var o in orders)
        {
            var c = NewContract(
                ContractKind.Sales,
                o.CustomerId,
                o.CustomerName,
                regions.GetValueOrDefault(o.CustomerId)?.Province ?? "",
                o.OwnerId
            );
            c.Number = Number(o.OrderedOn);
            c.Title = o.Lines.FirstOrDefault()?.Description ?? o.Number;
            c.SalesOrderId = o.Id;
            c.OpportunityId = o.OpportunityId;
            (c.StartsOn, c.EndsOn, c.SignedOn) = (o.OrderedOn, o.OrderedOn.AddYears(2).AddDays(-1), o.OrderedOn);
            c.Amount = o.Amount;
            c.DeliveredOn = o.Status == SalesOrderStatus.Delivered && o.DeliveryOn <= today ? o.DeliveryOn : null;
            c.AcceptedOn = c.DeliveredOn?.AddDays(14) is { } a && a <= today ? a : null;
            c.Status = c.EndsOn < today ? ContractStatus.Expired : ContractStatus.Active;
            foreach (var l in o.Lines)
                c.Lines.Add(
                    new ContractLine
                    {
                        ContractId = c.Id,
                        Position = l.Position,
                        ProductId = l.ProductId,
                        Description = l.Description,
                        Quantity = l.Quantity,
                        UnitPrice = l.UnitPrice,
                        Amount = l.Amount,
                    }
                );
            var first = c.Amount * 30 / 100;
            var second = c.Amount * 60 / 100;
            Plan(
                c,
                ("预付款", DueFrom.Signing, 0, first),
                ("发货款", DueFrom.Delivery, 10, second),
                ("质保金", DueFrom.Acceptance, 365, c.Amount - first - second)
            );
            Pay(c, today, rng, receipts, invoices);
            contracts.Add(c);
        }

        // Service contracts: a third of the machines, one annual contract per customer and model, on terms ending
        // through the coming year; most earlier terms were renewed.
        var machines = (await directory.AllMachinesForDemoAsync(ct)).Select(m => m.Machine).ToList();
        var covered = machines
            .Where((_, i) => i % 3 == 0)
            .GroupBy(m => (m.CustomerId, m.ProductId))
            .Take(Math.Max(20, (int)(600 * scale)))
            .ToList();
        var levels = new[] { "", "", "GOLD" };
        foreach (var group in covered)
        {
            var first = group.First();
            var region = regions.GetValueOrDefault(first.CustomerId);
            var ends = today.AddDays(-20 + rng.Next(365));
            var starts = ends.AddYears(-1).AddDays(1);
            var amount = (long)(8_000 + rng.Next(40) * 1_000) * 100 * group.Count();
            Contract? previous = null;
            if (rng.Next(10) < 7 && starts > today.AddYears(-3))
            {
                previous = Service(
                    group,
                    region?.Province ?? "",
                    region?.OwnerId,
                    starts.AddYears(-1),
                    starts.AddDays(-1),
                    amount * 100 / 103,
                    Number(starts.AddYears(-1))
                );
                previous.Status = ContractStatus.Renewed;
                Pay(previous, today, rng, receipts, invoices);
                contracts.Add(previous);
            }
            var c = Service(group, region?.Province ?? "", region?.OwnerId, starts, ends, amount, Number(starts));
            c.RenewalOfId = previous?.Id;
            c.ServiceLevel = levels[rng.Next(levels.Length)];
            c.VisitsPerYear = 2 + rng.Next(3);
            c.VisitsIncluded = ContractService.IncludedVisits(c.VisitsPerYear, c.StartsOn, c.EndsOn);
            c.VisitsUsed = Math.Min(c.VisitsIncluded, (today.DayNumber - starts.DayNumber) * c.VisitsPerYear / 365);
            c.PartsPercent = rng.Next(3) * 50;
            c.TravelCovered = rng.Next(2) == 0;
            c.RemoteSupport = rng.Next(2) == 0;
            c.Status = ends < today ? ContractStatus.Expired : ContractStatus.Active;
            Pay(c, today, rng, receipts, invoices);
            contracts.Add(c);
        }

        // One unit of work per thousand contracts: the audit rows come with them.
        // Thousands of new rows: their changes are detected once, by the save, not on every add.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        foreach (var chunk in contracts.Chunk(1000))
        {
            db.AddRange(chunk);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        db.AddRange(receipts);
        db.AddRange(invoices);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        // Numbers the app gives next follow the demo's own, year by year.
        foreach (var (year, last) in serials)
            await db.RaiseToAsync($"contract:{year}", last, ct);
        var overdue = contracts.SelectMany(c => c.Instalments).Count(i => i.Owed && i.Open > 0 && i.DueOn < today);
        var sales = contracts.Count(c => c.Kind == ContractKind.Sales);
        return $"{sales} sales and {contracts.Count - sales} service contracts, {receipts.Count} receipts, {invoices.Count} invoices, "
            + $"{overdue} instalments overdue";

        Contract Service(
            IGrouping<(Guid CustomerId, Guid ProductId), MachineFacts> group,
            string province,
            Guid? owner,
            DateOnly starts,
            DateOnly ends,
            long amount,
            string number
        )
        {
            var m = group.First();
            var c = NewContract(ContractKind.Service, m.CustomerId, m.CustomerName, province, owner);
            c.ServiceKind = rng.Next(5) == 0 ? ServiceKind.ExtendedWarranty : ServiceKind.AnnualMaintenance;
            c.Number = number;
            c.Title = $"{m.ProductName} 年度维保";
            (c.StartsOn, c.EndsOn, c.SignedOn, c.Amount) = (starts, ends, starts.AddDays(-rng.Next(10)), amount);
            c.LabourPercent = 100;
            c.VisitsPerYear = 2;
            c.VisitsIncluded = 2;
            c.VisitsUsed = 2;
            foreach (var x in group)
                c.Machines.Add(
                    new CoveredMachine
                    {
                        ContractId = c.Id,
                        MachineId = x.Id,
                        SerialNumber = x.SerialNumber,
                    }
                );
            c.Lines.Add(
                new ContractLine
                {
                    ContractId = c.Id,
                    Description = c.Title,
                    Quantity = group.Count(),
                    UnitPrice = amount / group.Count(),
                    Amount = amount,
                }
            );
            Plan(c, ("年费", DueFrom.Signing, 15, amount));
            return c;
        }

        Contract NewContract(ContractKind kind, Guid customerId, string customerName, string province, Guid? owner) =>
            new()
            {
                Id = Guid.CreateVersion7(),
                Kind = kind,
                CustomerId = customerId,
                CustomerName = customerName,
                Region = province,
                OwnerId = owner,
                TaxRate = kind == ContractKind.Service ? 6 : 13,
                SignedBy = "客户代表",
                SignedAtUtc = now,
                CreatedAtUtc = now,
            };
    }

    private static void Plan(Contract c, params (string Name, DueFrom From, int Offset, long Amount)[] plan)
    {
        var position = 0;
        foreach (var (name, from, offset, amount) in plan)
        {
            var i = new Instalment
            {
                Id = Guid.CreateVersion7(),
                ContractId = c.Id,
                Position = position++,
                Name = name,
                DueFrom = from,
                OffsetDays = offset,
                Amount = amount,
                Open = amount,
                Owed = true,
                DueOn = PaymentPlan.DueOn(from, offset, null, c.SignedOn, c.DeliveredOn, c.AcceptedOn),
            };
            ContractService.Copy(c, i);
            c.Instalments.Add(i);
        }
    }

    /// <summary>Most instalments due are paid, a quarter of them late; about one in eight is still open past its date.</summary>
    private static void Pay(Contract c, DateOnly today, Random rng, List<Receipt> receipts, List<Invoice> invoices)
    {
        foreach (var i in c.Instalments.Where(i => i.DueOn is { } d && d <= today && i.Amount > 0))
        {
            // Recent ones may still be open or half paid; older ones were settled, some late.
            var recent = i.DueOn > today.AddDays(-120);
            var roll = rng.Next(8);
            if (roll == 0 && recent)
                continue;
            var paidOn = i.DueOn!.Value.AddDays(roll <= 2 ? 5 + rng.Next(60) : -rng.Next(5));
            if (paidOn > today)
                paidOn = today;
            var share = roll == 1 && recent ? i.Amount / 2 : i.Amount;
            var r = new Receipt
            {
                Id = Guid.CreateVersion7(),
                Number =
                    "RC-"
                    + paidOn.ToString("yyMMdd", CultureInfo.InvariantCulture)
                    + "-"
                    + (receipts.Count + 1).ToString("00000", CultureInfo.InvariantCulture),
                CustomerId = c.CustomerId,
                ReceivedOn = paidOn,
                Amount = share,
                Reference = $"BANK{100000 + receipts.Count}",
                CreatedAtUtc = paidOn.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc),
            };
            r.Allocations.Add(
                new ReceiptAllocation
                {
                    ReceiptId = r.Id,
                    InstalmentId = i.Id,
                    ContractId = c.Id,
                    Amount = share,
                }
            );
            receipts.Add(r);
            i.Paid = share;
            i.Open = i.Amount - share;
            i.PaidOn = i.Open == 0 ? paidOn : null;
            c.Received += share;
            // Invoiced when due; the last year's invoices are on record (profitability reads them).
            c.Invoiced += i.Amount;
            i.Invoiced = i.Amount;
            if (i.DueOn > today.AddYears(-1))
                invoices.Add(
                    new Invoice
                    {
                        Id = Guid.CreateVersion7(),
                        Number = $"FP{i.DueOn:yyyyMMdd}{invoices.Count + 1:00000}",
                        InstalmentId = i.Id,
                        ContractId = c.Id,
                        CustomerId = c.CustomerId,
                        IssuedOn = i.DueOn!.Value,
                        Amount = i.Amount,
                        CreatedAtUtc = r.CreatedAtUtc,
                    }
                );
        }
    }
}
