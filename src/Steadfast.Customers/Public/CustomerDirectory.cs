using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Steadfast.Customers.Customers;
using Steadfast.Customers.Equipment;
using Steadfast.Customers.Products;
using Steadfast.Platform.Data;

namespace Steadfast.Customers.Public;

/// <summary>What other modules may know of a machine.</summary>
public sealed record MachineFacts(
    Guid Id,
    Guid CustomerId,
    string CustomerName,
    string SerialNumber,
    string ProductName,
    string ProductCategory,
    DateOnly? WarrantyEndsOn,
    string Province = "",
    int Tier = 0,
    string SiteAddress = "",
    double? Latitude = null,
    double? Longitude = null,
    Guid ProductId = default
);

/// <summary>A product model as other modules list it (e.g. which models a spare part fits).</summary>
/// <summary>A machine as a list of affected machines needs it.</summary>
public sealed record MachineRef(Guid Id, Guid CustomerId, string SerialNumber, Guid ProductId);

public sealed record ProductOption(Guid Id, string Code, string Name, string Category);

/// <summary>A model's maintenance hints, where its maintenance template starts from.</summary>
public sealed record ModelHints(Guid Id, string Code, string Name, string Category, int? EveryDays, int? EveryHours, bool Active);

/// <summary>A machine as its maintenance plan needs it.</summary>
public sealed record PlanMachine(Guid Id, Guid ProductId, Guid CustomerId, DateOnly? InstalledOn, double? LastHours);

/// <summary>Whom a visit is arranged with.</summary>
public sealed record SiteContact(string Name, string Phone, string Email);

/// <summary>One running-hours reading.</summary>
public sealed record MachineReading(Guid MachineId, DateTime AtUtc, double Hours, bool Replacement);

/// <summary>
/// Told, inside the save that makes the change, when a machine is registered or installed and when a reading is recorded: the
/// service module's maintenance plans follow machines without the customers module knowing of them.
/// </summary>
public interface IMachineWatcher
{
    Task MachineSavedAsync(PlanMachine machine, bool isNew, CancellationToken ct);

    Task ReadingAddedAsync(Guid machineId, MachineReading reading, CancellationToken ct);
}

/// <summary>What the service module needs of a customer: where it is (for dispatch) and its tier (for SLA).</summary>
public sealed record CustomerFacts(Guid Id, string Name, string Province, int Tier, string Address);

public sealed record CustomerOption(Guid Id, string Name);

/// <summary>A customer's profile for another module's query to join or group by (sales by industry and region).</summary>
public sealed class CustomerProfile
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string Industry { get; init; } = "";
    public string Province { get; init; } = "";
    public Guid? OwnerId { get; init; }
    public Guid? DealerId { get; init; }
}

/// <summary>A customer's name for another module's query to join (init properties, so EF can filter on them).</summary>
public sealed class CustomerName
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
}

/// <summary>Customers and machines as other modules see them: through the caller's access scope, as plain facts.</summary>
public sealed class CustomerDirectory(AppDbContext db, CustomerScope scope)
{
    public Task<bool> CanSeeCustomerAsync(Guid customerId, CancellationToken ct) => scope.Customers().AnyAsync(c => c.Id == customerId, ct);

    /// <summary>Ids of the machines whose serial number starts with the text, from the serial's index.</summary>
    public IQueryable<Guid> MachinesWithSerialStarting(string prefix) => TextIndex.StartingWith(db, "Equipment", "SerialNumber", prefix);

    /// <summary>Ids of the customers the caller may see, to filter other modules' records in SQL.</summary>
    public IQueryable<Guid> VisibleCustomerIds() => scope.Customers().Select(c => c.Id);

    public bool SeesEverything => scope.SeesEverything;

    public Task<string?> CustomerNameAsync(Guid customerId, CancellationToken ct) =>
        scope.Customers().Where(c => c.Id == customerId).Select(c => c.Name).FirstOrDefaultAsync(ct);

    /// <summary>Every customer's name, unscoped: for joining into a query already filtered to what the caller may see.</summary>
    public IQueryable<CustomerName> CustomerNames() => db.Set<Customer>().Select(c => new CustomerName { Id = c.Id, Name = c.Name });

    /// <summary>Every active customer's profile, unscoped, for joining into a query already filtered to what the caller may see.</summary>
    public IQueryable<CustomerProfile> Profiles() =>
        db.Set<Customer>()
            .Where(c => c.MergedIntoId == null)
            .Select(c => new CustomerProfile
            {
                Id = c.Id,
                Name = c.Name,
                Industry = c.Industry,
                Province = c.Province,
                OwnerId = c.OwnerId,
                DealerId = c.DealerId,
            });

    public async Task<Dictionary<Guid, string>> CustomerNamesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Set<Customer>()
            .Where(c => list.Contains(c.Id))
            .Select(c => new { c.Id, c.Name })
            .ToDictionaryAsync(c => c.Id, c => c.Name, ct);
    }

    /// <summary>Customers the caller may see whose name, credit code, phone or machine serial matches, for pickers.</summary>
    public Task<List<CustomerOption>> SearchAsync(string? text, int take, CancellationToken ct)
    {
        var q = scope.Customers().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(text))
        {
            var term = Text.HalfWidth(text).Trim();
            var upper = term.ToUpperInvariant();
            // A caller reads the serial off the machine's plate: that finds the owner too.
#pragma warning disable CA1862 // translated to SQL; serials are stored upper-case
            q = q.Where(c =>
                c.Name.Contains(term)
                || c.Phone.Contains(term)
                || (c.CreditCode != null && c.CreditCode.StartsWith(upper))
                || (upper.Length >= 4 && db.Set<Machine>().Any(m => m.CustomerId == c.Id && m.SerialNumber.StartsWith(upper)))
            );
#pragma warning restore CA1862
        }
        return q.OrderBy(c => c.Name).Take(take).Select(c => new CustomerOption(c.Id, c.Name)).ToListAsync(ct);
    }

    /// <summary>
    /// Running machines of the given models, optionally within a serial range and an installation-date range (the machine
    /// record's nearest thing to a build date). No scope: an engineering change reaches every customer, whoever publishes it.
    /// </summary>
    public IQueryable<MachineRef> MachinesOfModels(
        IReadOnlyCollection<Guid> productIds,
        string? serialFrom,
        string? serialTo,
        DateOnly? installedFrom,
        DateOnly? installedTo
    ) =>
        OfModels(productIds, serialFrom, serialTo, installedFrom, installedTo)
            .Select(m => new MachineRef(m.Id, m.CustomerId, m.SerialNumber, m.ProductId));

    /// <summary>The same machines' ids, to compose into another query (their open work orders).</summary>
    public IQueryable<Guid> MachineIdsOfModels(
        IReadOnlyCollection<Guid> productIds,
        string? serialFrom,
        string? serialTo,
        DateOnly? installedFrom,
        DateOnly? installedTo
    ) => OfModels(productIds, serialFrom, serialTo, installedFrom, installedTo).Select(m => m.Id);

    private IQueryable<Machine> OfModels(
        IReadOnlyCollection<Guid> productIds,
        string? serialFrom,
        string? serialTo,
        DateOnly? installedFrom,
        DateOnly? installedTo
    )
    {
        var q = db.Set<Machine>().Where(m => productIds.Contains(m.ProductId) && m.Status != MachineStatus.Scrapped);
#pragma warning disable CA1309 // translated to SQL: the column's own comparison; serials are stored upper-case
        if (!string.IsNullOrEmpty(serialFrom))
            q = q.Where(m => string.Compare(m.SerialNumber, serialFrom) >= 0);
        if (!string.IsNullOrEmpty(serialTo))
            q = q.Where(m => string.Compare(m.SerialNumber, serialTo) <= 0);
#pragma warning restore CA1309
        if (installedFrom is { } from)
            q = q.Where(m => m.InstalledOn >= from);
        if (installedTo is { } to)
            q = q.Where(m => m.InstalledOn <= to);
        return q;
    }

    /// <summary>The machines of a customer the caller may see.</summary>
    public Task<List<MachineFacts>> MachinesOfAsync(Guid customerId, CancellationToken ct) =>
        Facts(scope.Machines().Where(m => m.CustomerId == customerId)).Select(f => f!).ToListAsync(ct);

    /// <summary>A machine the caller may see, or null.</summary>
    public Task<MachineFacts?> MachineAsync(Guid id, CancellationToken ct) =>
        scope.SeesEverything ? MachineById.For(db)(db, id, ct) : Facts(scope.Machines().Where(m => m.Id == id)).FirstOrDefaultAsync(ct);

    /// <summary>The machine behind a QR token, for the public repair form; no scope: the token is the key.</summary>
    public Task<MachineFacts?> MachineByTokenAsync(string token, CancellationToken ct) =>
        token.Length is < 16 or > 40
            ? Task.FromResult<MachineFacts?>(null)
            : Facts(db.Set<Machine>().Where(m => m.QrToken == token && m.Status != MachineStatus.Scrapped)).FirstOrDefaultAsync(ct);

    /// <summary>A machine by id without any scope: only for flows a secret token has already authorised (order tracking).</summary>
    public Task<MachineFacts?> MachineForTokenHolderAsync(Guid id, CancellationToken ct) => MachineById.For(db)(db, id, ct);

    /// <summary>Every running machine with its customer's contacts, for the demo seeder of other modules.</summary>
    public async Task<List<(MachineFacts Machine, (string Name, string Phone)[] Contacts)>> AllMachinesForDemoAsync(CancellationToken ct)
    {
        var machines = await Facts(db.Set<Machine>().Where(m => m.Status != MachineStatus.Scrapped)).Select(f => f!).ToListAsync(ct);
        var contacts = (
            await db.Set<Contacts.Contact>()
                .AsNoTracking()
                .Select(c => new
                {
                    c.CustomerId,
                    c.Name,
                    c.Mobile,
                })
                .ToListAsync(ct)
        ).ToLookup(c => c.CustomerId, c => (c.Name, c.Mobile));
        return [.. machines.Select(m => (m, contacts[m.CustomerId].ToArray()))];
    }

    private IQueryable<MachineFacts?> Facts(IQueryable<Machine> machines) => WithFacts(db, machines.AsNoTracking()).Select(MachineFactsOf);

    private static IQueryable<MachineRow> WithFacts(AppDbContext db, IQueryable<Machine> machines) =>
        from m in machines
        join p in db.Set<Product>() on m.ProductId equals p.Id
        join c in db.Set<Customer>() on m.CustomerId equals c.Id
        select new MachineRow
        {
            M = m,
            P = p,
            C = c,
        };

    private sealed class MachineRow
    {
        public required Machine M { get; init; }
        public required Product P { get; init; }
        public required Customer C { get; init; }
    }

    private static readonly Expression<Func<MachineRow, MachineFacts?>> MachineFactsOf = r => new MachineFacts(
        r.M.Id,
        r.C.Id,
        r.C.Name,
        r.M.SerialNumber,
        r.P.Name,
        r.P.Category,
        r.M.WarrantyEndsOn,
        r.C.Province,
        (int)r.C.Tier,
        r.M.SiteAddress == "" ? r.C.Address : r.M.SiteAddress,
        r.M.Latitude,
        r.M.Longitude,
        r.M.ProductId
    );

    // Compiled, as is ActiveCustomer: every work-order create reads both, and translating the LINQ each time
    // cost more CPU than running the SQL.
    private static readonly CompiledQuery<Func<AppDbContext, Guid, CancellationToken, Task<MachineFacts?>>> MachineById = new(() =>
        EF.CompileAsyncQuery(
            (AppDbContext db, Guid id, CancellationToken ct) =>
                db.Set<Machine>()
                    .AsNoTracking()
                    .Where(m => m.Id == id)
                    .Join(db.Set<Product>(), m => m.ProductId, p => p.Id, (m, p) => new { m, p })
                    .Join(
                        db.Set<Customer>(),
                        x => x.m.CustomerId,
                        c => c.Id,
                        (x, c) =>
                            new MachineRow
                            {
                                M = x.m,
                                P = x.p,
                                C = c,
                            }
                    )
                    .Select(MachineFactsOf)
                    .FirstOrDefault()
        )
    );

    /// <summary>Product models, active first; the catalogue is small (hundreds), so all of it.</summary>
    public Task<List<ProductOption>> ProductsAsync(CancellationToken ct) =>
        db.Set<Product>()
            .AsNoTracking()
            .OrderByDescending(p => p.IsActive)
            .ThenBy(p => p.Code)
            .Select(p => new ProductOption(p.Id, p.Code, p.Name, p.Category))
            .ToListAsync(ct);

    /// <summary>Each model's maintenance hints (every N days, every N running hours), for the maintenance templates.</summary>
    public Task<List<ModelHints>> ModelHintsAsync(CancellationToken ct) =>
        db.Set<Product>()
            .AsNoTracking()
            .OrderBy(p => p.Code)
            .Select(p => new ModelHints(p.Id, p.Code, p.Name, p.Category, p.MaintenanceDays, p.MaintenanceHours, p.IsActive))
            .ToListAsync(ct);

    /// <summary>
    /// Running machines for maintenance plans, a batch at a time in id order, optionally of one model or only those given. No scope:
    /// plans are the service department's bookkeeping; who may see a machine is checked where a plan is shown.
    /// </summary>
    public Task<List<PlanMachine>> PlanMachinesAsync(
        Guid? productId,
        IReadOnlyCollection<Guid>? ids,
        Guid after,
        int take,
        CancellationToken ct
    )
    {
        var q = db.Set<Machine>()
            .AsNoTracking()
            .Where(m => m.Status != MachineStatus.Scrapped && m.InstalledOn != null && m.Id.CompareTo(after) > 0);
        if (productId is { } p)
            q = q.Where(m => m.ProductId == p);
        if (ids is not null)
            q = q.Where(m => ids.Contains(m.Id));
        return q.OrderBy(m => m.Id)
            .Take(take)
            .Select(m => new PlanMachine(m.Id, m.ProductId, m.CustomerId, m.InstalledOn, m.LastReadingHours))
            .ToListAsync(ct);
    }

    /// <summary>The newest running-hours readings of machines (at most <paramref name="perMachine"/> each), oldest first.</summary>
    public async Task<ILookup<Guid, MachineReading>> ReadingsAsync(
        IReadOnlyCollection<Guid> machineIds,
        int perMachine,
        CancellationToken ct
    )
    {
        var rows = await db.Set<MeterReading>()
            .AsNoTracking()
            .Where(r => machineIds.Contains(r.MachineId))
            .Where(r => db.Set<MeterReading>().Count(o => o.MachineId == r.MachineId && o.ReadAtUtc > r.ReadAtUtc) < perMachine)
            .Select(r => new MachineReading(r.MachineId, r.ReadAtUtc, r.Hours, r.IsMeterReplacement))
            .ToListAsync(ct);
        return rows.OrderBy(r => r.AtUtc).ToLookup(r => r.MachineId);
    }

    /// <summary>Where machines stand, for grouping their visits: the customer, the site, the serial and model.</summary>
    public Task<List<MachineFacts>> MachineFactsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        Facts(db.Set<Machine>().Where(m => ids.Contains(m.Id))).Select(f => f!).ToListAsync(ct);

    /// <summary>Whom to call about customers' visits: each one's primary (else first active) contact, or the switchboard.</summary>
    public async Task<Dictionary<Guid, SiteContact>> ContactsAsync(IReadOnlyCollection<Guid> customerIds, CancellationToken ct)
    {
        var contacts = await db.Set<Contacts.Contact>()
            .AsNoTracking()
            .Where(c => customerIds.Contains(c.CustomerId) && c.IsActive)
            .OrderByDescending(c => c.IsPrimary)
            .ThenBy(c => c.CreatedAtUtc)
            .Select(c => new
            {
                c.CustomerId,
                c.Name,
                Phone = c.Mobile != "" ? c.Mobile : c.Phone,
                c.Email,
            })
            .ToListAsync(ct);
        var phones = await db.Set<Customer>()
            .AsNoTracking()
            .Where(c => customerIds.Contains(c.Id))
            .Select(c => new
            {
                c.Id,
                c.Name,
                c.Phone,
            })
            .ToListAsync(ct);
        return phones.ToDictionary(
            c => c.Id,
            c =>
                contacts.FirstOrDefault(x => x.CustomerId == c.Id) is { } x
                    ? new SiteContact(x.Name, x.Phone.Length > 0 ? x.Phone : c.Phone, x.Email)
                    : new SiteContact(c.Name, c.Phone, "")
        );
    }

    /// <summary>Of the given machines, those the caller may see.</summary>
    public IQueryable<Guid> VisibleMachineIds() => scope.Machines().Select(m => m.Id);

    /// <summary>A customer by id without scope, for internal bookkeeping of records the caller already reached.</summary>
    public Task<CustomerFacts?> CustomerFactsAsync(Guid id, CancellationToken ct) =>
        Facts(db.Set<Customer>().Where(c => c.Id == id)).FirstOrDefaultAsync(ct);

    /// <summary>A customer the caller may see, or null: the check and the facts in one query (an intake's first read).</summary>
    public Task<CustomerFacts?> VisibleCustomerFactsAsync(Guid id, CancellationToken ct) =>
        scope.SeesEverything ? ActiveCustomer.For(db)(db, id, ct) : Facts(scope.Customers().Where(c => c.Id == id)).FirstOrDefaultAsync(ct);

    private static IQueryable<CustomerFacts?> Facts(IQueryable<Customer> customers) => customers.AsNoTracking().Select(CustomerFactsOf);

    private static readonly Expression<Func<Customer, CustomerFacts?>> CustomerFactsOf = c => new CustomerFacts(
        c.Id,
        c.Name,
        c.Province,
        (int)c.Tier,
        c.Address
    );

    // Not merged away: what the scope's Customers() is for those who see every customer.
    private static readonly CompiledQuery<Func<AppDbContext, Guid, CancellationToken, Task<CustomerFacts?>>> ActiveCustomer = new(() =>
        EF.CompileAsyncQuery(
            (AppDbContext db, Guid id, CancellationToken ct) =>
                db.Set<Customer>().AsNoTracking().Where(c => c.MergedIntoId == null && c.Id == id).Select(CustomerFactsOf).FirstOrDefault()
        )
    );

    public Task<bool> DealerExistsAsync(Guid id, CancellationToken ct) => db.Set<Dealers.Dealer>().AnyAsync(d => d.Id == id, ct);

    /// <summary>Distinct provinces with customers, for region pickers.</summary>
    public Task<List<string>> ProvincesAsync(CancellationToken ct) =>
        db.Set<Customer>().Where(c => c.Province != "").Select(c => c.Province).Distinct().OrderBy(p => p).ToListAsync(ct);

    /// <summary>Distinct product categories, for skills and dashboard filters.</summary>
    public Task<List<string>> ProductCategoriesAsync(CancellationToken ct) =>
        db.Set<Product>().Where(p => p.Category != "").Select(p => p.Category).Distinct().OrderBy(p => p).ToListAsync(ct);
}

/// <summary>
/// A tab another module adds to the customer 360 page (the service module's work orders and costs).
/// Customers cannot reference those modules; they register a component here and the page renders it
/// with a <c>CustomerId</c> parameter.
/// </summary>
public sealed record CustomerTab(string TitleKey, string Icon, Type Component, int Order);

/// <summary>A tab another module adds to the machine page (the service module's work orders); rendered with a <c>MachineId</c>.</summary>
public sealed record MachineTab(string TitleKey, string Icon, Type Component, int Order);

/// <summary>
/// Entries another module adds to a machine's timeline (work orders, visits, surveys, parts). Kinds names the groups the
/// source answers for (the <c>kind</c> filter's values); an entry's Kind is its group, or its group, a dot and a detail
/// (<c>workOrder.closed</c>), and names the string key <c>Timeline.{Kind}</c> the module provides.
/// </summary>
public interface IMachineTimelineSource
{
    IReadOnlyCollection<string> Kinds { get; }

    /// <summary>The newest <paramref name="take"/> entries of the asked kinds, newest first.</summary>
    Task<IReadOnlyList<TimelineEntry>> EntriesAsync(Guid machineId, IReadOnlySet<string> kinds, int take, CancellationToken ct);
}

/// <summary>Entries another module adds to the customer 360 timeline (work orders, complaints, surveys, call-backs).</summary>
public interface ICustomerTimelineSource
{
    IReadOnlyCollection<string> Kinds { get; }

    /// <summary>The newest <paramref name="take"/> entries of the asked kinds, newest first.</summary>
    Task<IReadOnlyList<TimelineEntry>> EntriesAsync(Guid customerId, IReadOnlySet<string> kinds, int take, CancellationToken ct);
}
