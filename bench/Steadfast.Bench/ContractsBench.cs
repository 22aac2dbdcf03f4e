using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Steadfast.Customers.Equipment;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Sales.Contracts;
using Steadfast.Sales.Receivables;

namespace Steadfast.Bench;

/// <summary>
/// Issue #26's scenarios on a seeded demo grown to 300,000 contracts (three years; a third of them yearly service
/// contracts naming one of 33,334 machines) and 1,000,000 instalments, most paid and invoiced, some overdue: the receivables ageing and the
/// profitability by customer for a year through the API, beside one contract by id; then the covering-contract lookup
/// the work order makes at intake, called as intake calls it, beside reading one machine by id.
/// </summary>
internal static class ContractsBench
{
#pragma warning disable CA5394 // benchmark data: a fixed-seed generator is the point
    public static async Task<int> RunAsync(string[] args)
    {
        var (options, api) = await SeededBench.ConnectAsync(args);
        using var http = api;

        var generate = System.Diagnostics.Stopwatch.StartNew();
        List<(Guid Customer, Guid Machine, Guid Product)> covered;
        await using (var db = new AppDbContext(options))
            covered = await GenerateAsync(db);
        Console.WriteLine($"generated in {generate.Elapsed.TotalSeconds:F0} s");
        await Timings.QuietAsync();

        var one = (await http.GetFromJsonAsync<JsonElement>("/api/v1/contracts?pageSize=1"))
            .GetProperty("items")[0]
            .GetProperty("id")
            .GetString();
        async Task Get(string path) => (await http.GetAsync(path)).EnsureSuccessStatusCode();
        var (ageing, byId) = await Timings.SideBySideAsync(
            () => Get("/api/v1/receivables/ageing"),
            () => Get($"/api/v1/contracts/{one}"),
            40
        );
        var year = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).Year - 1;
        var (profit, _) = await Timings.SideBySideAsync(
            () => Get($"/api/v1/profitability?by=Customer&from={year}-01-01&to={year}-12-31"),
            () => Get($"/api/v1/contracts/{one}"),
            40
        );
        SeededBench.Row("receivables ageing by customer, 1,000,000 instalments", ageing, byId, "one contract by id", 300);
        SeededBench.Row($"profitability by customer, {year}", profit, byId, "one contract by id", 500);

        // Intake's own call, on its own context as a request would have, against a machine read by id.
        await using (var db = new AppDbContext(options))
        {
            var coverage = new ContractCoverage(db);
            var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
            var rng = new Random(7);
            // Every other call is on one of the demo's own machines, which no bench contract names: mostly the serial
            // lookup finds nothing and the model lookup runs too, as for any machine without a contract.
            var uncovered = (
                await db.Set<Machine>()
                    .AsNoTracking()
                    .Where(m => !m.SerialNumber.StartsWith("BENCHC"))
                    .Select(m => new
                    {
                        m.CustomerId,
                        m.Id,
                        m.ProductId,
                    })
                    .Take(1000)
                    .ToListAsync()
            ).Select(m => (m.CustomerId, m.Id, m.ProductId)).ToList();
            var (found, calls) = (0, 0);
            var (find, machine) = await Timings.SideBySideAsync(
                async () =>
                {
                    var pool = calls++ % 2 == 0 || uncovered.Count == 0 ? covered : uncovered;
                    var (customer, m, product) = pool[rng.Next(pool.Count)];
                    if (await coverage.FindAsync(customer, m, product, today, CancellationToken.None) is not null)
                        found++;
                },
                async () =>
                {
                    var m = covered[rng.Next(covered.Count)].Machine;
                    await db.Set<Machine>().AsNoTracking().Where(x => x.Id == m).Select(x => x.SerialNumber).FirstOrDefaultAsync();
                },
                400
            );
            SeededBench.Row($"covering contract at intake (found on {found} of {calls} calls)", find, machine, "one machine by id", 2);
        }
        return 0;
    }

    private static async Task<List<(Guid, Guid, Guid)>> GenerateAsync(AppDbContext db)
    {
        var rng = new Random(26);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var customers = await db.Set<Customers.Customers.Customer>()
            .AsNoTracking()
            .Select(c => new
            {
                c.Id,
                c.Name,
                c.Province,
            })
            .ToListAsync();
        var products = await db.Set<Customers.Products.Product>().AsNoTracking().Select(p => p.Id).ToListAsync();
        // A third of the contracts are yearly service contracts, three years of them on each of 33,334 machines: as a
        // real base would have, one in force per machine at a time.
        const int servicedMachines = 33_334;
        var machines = Enumerable
            .Range(0, servicedMachines)
            .Select(i => new Machine
            {
                Id = Guid.CreateVersion7(),
                SerialNumber = $"BENCHC{i:000000}",
                ProductId = products[rng.Next(products.Count)],
                CustomerId = customers[rng.Next(customers.Count)].Id,
                SiteName = "1号车间",
                InstalledOn = today.AddDays(-4 * 365),
                Status = MachineStatus.Running,
                QrToken = Guid.NewGuid().ToString("N"),
                CreatedAtUtc = now,
            })
            .ToList();
        Console.WriteLine($"machines {await BulkWriter.WriteAsync(db, machines)}");
        var renewedOn = machines.Select(_ => rng.Next(365)).ToArray();
        var reps = await db.ActiveInRoles(Roles.Sales, Roles.SalesManager).Select(u => u.Id).ToListAsync();
        var byCustomer = customers.ToDictionary(c => c.Id);
        var covered = new List<(Guid, Guid, Guid)>();

        const int total = 300_000;
        const int batch = 50_000;
        long instalmentCount = 0;
        for (var start = 0; start < total; start += batch)
        {
            var contracts = new List<Contract>(batch);
            var machinesCovered = new List<CoveredMachine>();
            var instalments = new List<Instalment>(batch * 4);
            var invoices = new List<Invoice>(batch * 3);
            for (var i = start; i < start + batch; i++)
            {
                var service = i % 3 == 0;
                var slot = i / 3 % servicedMachines;
                var machine = service ? machines[slot] : null;
                var customer = machine is null ? customers[rng.Next(customers.Count)] : byCustomer[machine.CustomerId];
                var signed = service
                    ? today.AddDays(-(i / 3 / servicedMachines * 365 + renewedOn[slot]))
                    : today.AddDays(-rng.Next(3 * 365));
                var amount = (long)rng.Next(service ? 5_000 : 50_000, service ? 80_000 : 2_000_000) * 100;
                var c = new Contract
                {
                    Id = Guid.CreateVersion7(signed.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc)),
                    Number = $"BHT-{i:0000000}",
                    Title = service ? "年度维保" : "设备采购",
                    Kind = service ? ContractKind.Service : ContractKind.Sales,
                    ServiceKind = service ? Sales.Contracts.ServiceKind.AnnualMaintenance : null,
                    Status = signed.AddYears(1) < today && service ? ContractStatus.Expired : ContractStatus.Active,
                    CustomerId = customer.Id,
                    CustomerName = customer.Name,
                    Region = customer.Province,
                    OwnerId = reps[rng.Next(reps.Count)],
                    StartsOn = signed,
                    EndsOn = signed.AddYears(service ? 1 : 2).AddDays(-1),
                    SignedOn = signed,
                    SignedBy = "客户代表",
                    SignedAtUtc = signed.ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc),
                    Amount = amount,
                    TaxRate = 13,
                    VisitsPerYear = service ? 2 : 0,
                    VisitsIncluded = service ? 2 : 0,
                    LabourPercent = service ? 100 : 0,
                    PartsPercent = service ? 50 : 0,
                    ServiceLevel = service ? "GOLD" : "",
                    CreatedAtUtc = signed.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                };
                if (machine is not null)
                {
                    machinesCovered.Add(
                        new CoveredMachine
                        {
                            ContractId = c.Id,
                            MachineId = machine.Id,
                            SerialNumber = machine.SerialNumber,
                        }
                    );
                    covered.Add((customer.Id, machine.Id, machine.ProductId));
                }
                // Three or four instalments (1,000,000 over 300,000 contracts), the last carrying the fen left over.
                var parts = i % 3 == 1 ? 4 : 3;
                long left = amount;
                for (var p = 0; p < parts; p++)
                {
                    var share = p == parts - 1 ? left : amount / parts;
                    left -= share;
                    var due = signed.AddDays(p * 120);
                    // Past due: most paid on time, one in eight still open (the ageing); future: open, not due.
                    var paid = due <= today && rng.Next(8) != 0 ? share : 0;
                    var inst = new Instalment
                    {
                        Id = Guid.CreateVersion7(),
                        ContractId = c.Id,
                        Position = p + 1,
                        Name = p == 0 ? "签约款" : $"第{p + 1}期",
                        DueFrom = DueFrom.Fixed,
                        FixedOn = due,
                        DueOn = due,
                        Amount = share,
                        Paid = paid,
                        Invoiced = due <= today ? share : 0,
                        Open = share - paid,
                        PaidOn = paid > 0 ? due.AddDays(rng.Next(-5, 40)) : null,
                        CustomerId = c.CustomerId,
                        OwnerId = c.OwnerId,
                        Region = c.Region,
                        ContractNumber = c.Number,
                        CustomerName = c.CustomerName,
                        Owed = true,
                    };
                    instalments.Add(inst);
                    c.Received += paid;
                    if (inst.Invoiced > 0)
                    {
                        c.Invoiced += share;
                        invoices.Add(
                            new Invoice
                            {
                                Id = Guid.CreateVersion7(),
                                Number = $"BINV-{i:0000000}-{p + 1}",
                                InstalmentId = inst.Id,
                                ContractId = c.Id,
                                CustomerId = c.CustomerId,
                                IssuedOn = due.AddDays(-3),
                                Amount = share,
                                CreatedAtUtc = now,
                            }
                        );
                    }
                }
                contracts.Add(c);
            }
            await BulkWriter.WriteAsync(db, contracts);
            await BulkWriter.WriteAsync(db, machinesCovered);
            instalmentCount += await BulkWriter.WriteAsync(db, instalments);
            await BulkWriter.WriteAsync(db, invoices);
            Console.WriteLine($"contracts {start + batch} instalments {instalmentCount}");
        }
        // Both engines plan from fresh statistics after a bulk load. PostgreSQL also gets the vacuum its autovacuum runs
        // after so many inserts: without the visibility map, an index-only scan must visit the table for every row.
        await db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql() ? "VACUUM ANALYZE" : "ANALYZE");
        return covered;
    }
#pragma warning restore CA5394
}
