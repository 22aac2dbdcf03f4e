using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Activities;
using Steadfast.Customers.Contacts;
using Steadfast.Customers.Dealers;
using Steadfast.Customers.Equipment;
using Steadfast.Customers.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;

namespace Steadfast.Customers.Customers;

/// <summary>Customers as people use them: find, register, correct, merge, and see everything about one.</summary>
internal sealed class CustomerService(
    AppDbContext db,
    CustomerScope scope,
    CustomFieldService fields,
    TimeProvider clock,
    IStringLocalizer<Strings> t,
    IEnumerable<ICustomerTimelineSource> timelineSources,
    Reminders.ReminderService reminders
)
{
    public const string RecordType = "customer";

    public static readonly string[] SortKeys = ["name", "createdAt", "tier", "lastContact"];

    public async Task<PagedResult<CustomerListItem>> ListAsync(
        CustomerQuery query,
        IReadOnlyList<CustomFieldFilter> filters,
        PageRequest page,
        CancellationToken ct
    )
    {
        await CheckAsync(query, filters, ct);
        return await Filter(query, filters).ToPageAsync(q => Sort(q, query.Sort), Project, page, ct);
    }

    /// <summary>A filter on a custom field that does not exist, or a sort key the list does not have, is a 400.</summary>
    public async Task CheckAsync(CustomerQuery query, IReadOnlyList<CustomFieldFilter> filters, CancellationToken ct)
    {
        await fields.CheckListQueryAsync(RecordType, filters, query.Sort, SortKeys, ct);
        if (query.FollowUpDue == true)
            _reminderSettings = await reminders.SettingsAsync(ct);
    }

    /// <summary>Every matching row, for export: same filters, no paging.</summary>
    public IAsyncEnumerable<CustomerListItem> AllAsync(CustomerQuery query, IReadOnlyList<CustomFieldFilter> filters) =>
        Project(Sort(Filter(query, filters), query.Sort)).AsAsyncEnumerable();

    private IQueryable<Customer> Filter(CustomerQuery query, IReadOnlyList<CustomFieldFilter> filters)
    {
        var q = scope.Customers().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var term = Text.HalfWidth(query.Q).Trim();
            // The matches are one set computed once (IN), not a lookup per customer (EXISTS), which grew with the customer count.
            var matching = CustomerTextSearch.Matching(db, term);
            q = q.Where(c => matching.Contains(c.Id));
        }
        if (query.Tier is { } tier)
            q = q.Where(c => c.Tier == tier);
        if (query.Status is { } status)
            q = q.Where(c => c.Status == status);
        if (!string.IsNullOrWhiteSpace(query.Province))
            q = q.Where(c => c.Province == query.Province);
        if (!string.IsNullOrWhiteSpace(query.City))
            q = q.Where(c => c.City == query.City);
        if (query.OwnerId is { } owner)
            q = q.Where(c => c.OwnerId == owner);
        if (query.DealerId is { } dealer)
            q = q.Where(c => c.DealerId == dealer);
        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            var tag = "|" + query.Tag.Trim() + "|";
            q = q.Where(c => c.Tags.Contains(tag));
        }
        if (query.NotContactedDays is { } days)
        {
            var since = clock.GetUtcNow().UtcDateTime.AddDays(-days);
            var recent = db.Set<Activity>().Where(a => a.AtUtc >= since && !a.IsPrivate && a.Type != ActivityType.Note);
            q = q.Where(c => !recent.Any(a => a.CustomerId == c.Id));
        }
        if (query.Mine == true)
        {
            var me = scope.UserId;
            q = q.Where(c => c.OwnerId == me);
        }
        if (query.FollowUpDue == true)
            q = Reminders.ReminderService.Due(db, q, _reminderSettings ?? new(), reminders.Today(), clock.GetUtcNow().UtcDateTime);
        return q.WhereCustomFields(db, filters);
    }

    // Read before a list is built (the filter is composed synchronously).
    private Reminders.ReminderSettings? _reminderSettings;

    private IQueryable<Customer> Sort(IQueryable<Customer> q, string? sort)
    {
        var desc = sort?.StartsWith('-') == true;
        var key = sort?.TrimStart('-') ?? "name";
        var contacts = db.Set<Activity>().Where(a => !a.IsPrivate);
        return key switch
        {
            "createdAt" => desc
                ? q.OrderByDescending(c => c.CreatedAtUtc).ThenBy(c => c.Id)
                : q.OrderBy(c => c.CreatedAtUtc).ThenBy(c => c.Id),
            "tier" => desc ? q.OrderByDescending(c => c.Tier).ThenBy(c => c.Name) : q.OrderBy(c => c.Tier).ThenBy(c => c.Name),
            "lastContact" => desc
                ? q.OrderByDescending(c => contacts.Where(a => a.CustomerId == c.Id).Max(a => (DateTime?)a.AtUtc)).ThenBy(c => c.Id)
                : q.OrderBy(c => contacts.Where(a => a.CustomerId == c.Id).Max(a => (DateTime?)a.AtUtc)).ThenBy(c => c.Id),
            _ when key.StartsWith("cf.", StringComparison.Ordinal) => q.OrderByCustomField(db, key[3..], desc).ThenBy(c => c.Id),
            _ => desc ? q.OrderByDescending(c => c.Name).ThenBy(c => c.Id) : q.OrderBy(c => c.Name).ThenBy(c => c.Id),
        };
    }

    private IQueryable<CustomerListItem> Project(IQueryable<Customer> q)
    {
        var activities = db.Set<Activity>().Where(a => !a.IsPrivate);
        return q.Select(c => new CustomerListItem(
            c.Id,
            c.Name,
            c.CreditCode,
            c.Industry,
            c.Province,
            c.City,
            c.Tier,
            c.Status,
            c.OwnerId,
            db.Users.Where(u => u.Id == c.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
            c.DealerId,
            db.Set<Dealer>().Where(d => d.Id == c.DealerId).Select(d => d.Name).FirstOrDefault(),
            Customer.SplitTags(c.Tags),
            activities.Where(a => a.CustomerId == c.Id).Max(a => (DateTime?)a.AtUtc),
            db.Set<Machine>().Count(m => m.CustomerId == c.Id),
            c.CustomFields,
            c.Version
        ));
    }

    /// <summary>One customer; a merged-away id resolves to the customer it was merged into.</summary>
    public async Task<CustomerDetail> GetAsync(Guid id, CancellationToken ct)
    {
        var requested = id;
        for (var hops = 0; hops < 5; hops++)
        {
            var mergedInto = await db.Set<Customer>().Where(c => c.Id == id).Select(c => c.MergedIntoId).FirstOrDefaultAsync(ct);
            if (mergedInto is null)
                break;
            id = mergedInto.Value;
        }
        var activities = db.Set<Activity>().Where(a => !a.IsPrivate);
        var row = await scope
            .Customers()
            .AsNoTracking()
            .Where(c => c.Id == id)
            .Select(c => new
            {
                c,
                Owner = db.Users.Where(u => u.Id == c.OwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                Dealer = db.Set<Dealer>().Where(d => d.Id == c.DealerId).Select(d => d.Name).FirstOrDefault(),
                Last = activities.Where(a => a.CustomerId == c.Id).Max(a => (DateTime?)a.AtUtc),
            })
            .SingleOrDefaultAsync(ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var c = row.c;
        return new CustomerDetail(
            c.Id,
            c.Name,
            c.CreditCode,
            c.Industry,
            c.Province,
            c.City,
            c.Address,
            c.Phone,
            c.Tier,
            c.Status,
            c.OwnerId,
            row.Owner,
            c.DealerId,
            row.Dealer,
            Customer.SplitTags(c.Tags),
            c.ExternalId,
            c.CreatedAtUtc,
            row.Last,
            c.CustomFields,
            c.Version,
            requested == id ? null : requested
        );
    }

    /// <summary>A dealer registers customers to itself; a sales rep who names no owner owns what they register.</summary>
    internal SaveCustomer Defaults(SaveCustomer input) =>
        input with
        {
            DealerId = scope.OwnDealerId ?? input.DealerId,
            OwnerId = input.OwnerId ?? (scope.SeesEverything || scope.IsOutsideParty ? null : scope.UserId),
        };

    public async Task<CustomerDetail> CreateAsync(SaveCustomer input, CancellationToken ct)
    {
        var customer = new Customer { Id = Guid.CreateVersion7(), CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
        await ApplyAsync(customer, Defaults(input), isNew: true, ct);
        db.Add(customer);
        await db.SaveChangesAsync(ct);
        return await GetAsync(customer.Id, ct);
    }

    public async Task<CustomerDetail> UpdateAsync(Guid id, SaveCustomer input, CancellationToken ct)
    {
        var customer = await scope.Customers().SingleOrDefaultAsync(c => c.Id == id, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        if (input.Version is null)
            throw AppValidationException.For("version", t["Common.Error.VersionRequired"]);
        db.ExpectVersion(customer, input.Version.Value);
        if (scope.OwnDealerId is { } dealer)
            input = input with { DealerId = dealer };
        await ApplyAsync(customer, input, isNew: false, ct);
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>ERP sync: create or update by the ERP's key. Last write wins unless a version is sent.</summary>
    public async Task<(CustomerDetail Customer, bool Created)> UpsertByExternalIdAsync(
        string externalId,
        SaveCustomer input,
        CancellationToken ct
    )
    {
        if (string.IsNullOrWhiteSpace(externalId) || externalId.Length > 100)
            throw AppValidationException.For("externalId", t["Customers.Error.ExternalId"]);
        var existing = await db.Set<Customer>()
            .Where(c => c.ExternalId == externalId && c.MergedIntoId == null)
            .Select(c => new { c.Id, c.Version })
            .SingleOrDefaultAsync(ct);
        if (existing is null)
            return (await CreateAsync(input with { ExternalId = externalId }, ct), true);
        return (
            await UpdateAsync(existing.Id, input with { ExternalId = externalId, Version = input.Version ?? existing.Version }, ct),
            false
        );
    }

    /// <param name="lookupsDone">
    /// The caller (an import) has already resolved owner and dealer and checked credit code and external
    /// id against the database and the rest of its file, a batch at a time; the per-record queries are skipped.
    /// </param>
    internal async Task ApplyAsync(Customer customer, SaveCustomer input, bool isNew, CancellationToken ct, bool lookupsDone = false)
    {
        var errors = new ValidationErrors();
        var name = input.Name?.Trim() ?? (isNew ? "" : customer.Name);
        if (name.Length is 0 or > 200)
            errors.Add("name", t["Customers.Error.Name"]);
        string? credit = input.CreditCode is null ? (isNew ? null : customer.CreditCode) : CreditCode.Normalize(input.CreditCode);
        if (credit is { Length: 0 })
            credit = null;
        if (credit is not null && !CreditCode.IsValid(credit))
            errors.Add("creditCode", t["Customers.Error.CreditCode"]);
        else if (
            !lookupsDone
            && credit is not null
            && credit != customer.CreditCode
            && await db.Set<Customer>().AnyAsync(c => c.CreditCode == credit && c.Id != customer.Id, ct)
        )
            errors.Add("creditCode", t["Customers.Error.CreditCodeTaken"]);
        CheckLength(input.Industry, 100, "industry", errors);
        CheckLength(input.Province, 50, "province", errors);
        CheckLength(input.City, 50, "city", errors);
        CheckLength(input.Address, 300, "address", errors);
        CheckLength(input.Phone, 40, "phone", errors);
        if (input.Tier is { } tier && !Enum.IsDefined(tier))
            errors.Add("tier", t["Common.Error.Choice"]);
        if (input.Status is { } status && !Enum.IsDefined(status))
            errors.Add("status", t["Common.Error.Choice"]);
        if (!lookupsDone && input.OwnerId is { } owner && !await db.Users.AnyAsync(u => u.Id == owner && u.IsActive, ct))
            errors.Add("ownerId", t["Customers.Error.Owner"]);
        if (!lookupsDone && input.DealerId is { } dealer && !await db.Set<Dealer>().AnyAsync(d => d.Id == dealer, ct))
            errors.Add("dealerId", t["Customers.Error.Dealer"]);
        if (
            input.Tags is { } tags
            && (tags.Count > 20 || tags.Any(x => x is null || x.Trim().Length is 0 or > 30 || x.Contains('|', StringComparison.Ordinal)))
        )
            errors.Add("tags", t["Customers.Error.Tags"]);
        var external = input.ExternalId?.Trim() ?? customer.ExternalId;
        if (external is { Length: > 100 })
            errors.Add("externalId", t["Customers.Error.ExternalId"]);
        else if (
            !lookupsDone
            && external is not null
            && external != customer.ExternalId
            && await db.Set<Customer>().AnyAsync(c => c.ExternalId == external && c.Id != customer.Id, ct)
        )
            errors.Add("externalId", t["Customers.Error.ExternalIdTaken"]);
        var values = await fields.ValidateAsync(RecordType, input.CustomFields, isNew ? null : customer.CustomFields, errors, ct);
        errors.ThrowIfAny();

        customer.Name = name;
        customer.MatchKey = Text.MatchKey(name);
        customer.CreditCode = credit;
        customer.Industry = input.Industry?.Trim() ?? customer.Industry;
        customer.Province = input.Province?.Trim() ?? customer.Province;
        customer.City = input.City?.Trim() ?? customer.City;
        customer.Address = input.Address?.Trim() ?? customer.Address;
        customer.Phone = input.Phone?.Trim() ?? customer.Phone;
        customer.Tier = input.Tier ?? customer.Tier;
        customer.Status = input.Status ?? customer.Status;
        customer.OwnerId = input.OwnerId ?? customer.OwnerId;
        customer.DealerId = input.DealerId ?? customer.DealerId;
        if (input.Tags is not null)
            customer.Tags = Customer.JoinTags(input.Tags);
        customer.ExternalId = external;
        customer.CustomFields = values;
    }

    private void CheckLength(string? value, int max, string field, ValidationErrors errors)
    {
        if (value is { } v && v.Trim().Length > max)
            errors.Add(field, t["Common.Error.MaxLength", max]);
    }

    /// <summary>Groups of visible customers whose names are the same once legal-form suffixes, width and spacing are ignored.</summary>
    public async Task<List<DuplicateGroup>> DuplicatesAsync(CancellationToken ct)
    {
        var visible = scope.Customers();
        var keys = await visible
            .GroupBy(c => c.MatchKey)
            .Where(g => g.Count() > 1)
            .OrderBy(g => g.Key)
            .Select(g => g.Key)
            .Take(200)
            .ToListAsync(ct);
        if (keys.Count == 0)
            return [];
        var rows = await Project(visible.AsNoTracking().Where(c => keys.Contains(c.MatchKey)).OrderBy(c => c.CreatedAtUtc)).ToListAsync(ct);
        var keyOf = await visible
            .Where(c => keys.Contains(c.MatchKey))
            .Select(c => new { c.Id, c.MatchKey })
            .ToDictionaryAsync(x => x.Id, x => x.MatchKey, ct);
        return [.. rows.GroupBy(r => keyOf[r.Id]).Select(g => new DuplicateGroup(g.Key, [.. g]))];
    }

    /// <summary>
    /// Moves the loser's contacts, follow-ups and machines to the survivor, fills the survivor's empty
    /// fields from the loser, and leaves the loser pointing at the survivor so old links still work.
    /// </summary>
    public async Task<CustomerDetail> MergeAsync(MergeRequest input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (input.SurvivorId is null)
            errors.Add("survivorId", t["Customers.Error.MergePick"]);
        if (input.LoserId is null)
            errors.Add("loserId", t["Customers.Error.MergePick"]);
        if (input.SurvivorId == input.LoserId && input.SurvivorId is not null)
            errors.Add("loserId", t["Customers.Error.MergeSelf"]);
        errors.ThrowIfAny();
        var survivor = await scope.Customers().SingleOrDefaultAsync(c => c.Id == input.SurvivorId, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var loser = await scope.Customers().SingleOrDefaultAsync(c => c.Id == input.LoserId, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);

        return await db.InTransactionAsync(
            async () =>
            {
                foreach (var contact in await db.Set<Contact>().Where(c => c.CustomerId == loser.Id).ToListAsync(ct))
                {
                    contact.CustomerId = survivor.Id;
                    contact.IsPrimary = false;
                }
                foreach (var activity in await db.Set<Activity>().Where(a => a.CustomerId == loser.Id).ToListAsync(ct))
                    activity.CustomerId = survivor.Id;
                foreach (var machine in await db.Set<Machine>().Where(m => m.CustomerId == loser.Id).ToListAsync(ct))
                    machine.CustomerId = survivor.Id;

                // The credit code is unique: it leaves the loser before the survivor may take it.
                var credit = survivor.CreditCode ?? loser.CreditCode;
                loser.CreditCode = null;
                var external = survivor.ExternalId ?? loser.ExternalId;
                loser.ExternalId = null;
                loser.MergedIntoId = survivor.Id;
                loser.Status = CustomerStatus.Lost;
                await db.SaveChangesAsync(ct);

                survivor.CreditCode = credit;
                survivor.ExternalId = external;
                if (survivor.Industry.Length == 0)
                    survivor.Industry = loser.Industry;
                if (survivor.Province.Length == 0)
                    survivor.Province = loser.Province;
                if (survivor.City.Length == 0)
                    survivor.City = loser.City;
                if (survivor.Address.Length == 0)
                    survivor.Address = loser.Address;
                if (survivor.Phone.Length == 0)
                    survivor.Phone = loser.Phone;
                survivor.OwnerId ??= loser.OwnerId;
                survivor.DealerId ??= loser.DealerId;
                survivor.Tier = (CustomerTier)Math.Max((int)survivor.Tier, (int)loser.Tier);
                survivor.Tags = Customer.JoinTags(Customer.SplitTags(survivor.Tags).Concat(Customer.SplitTags(loser.Tags)));
                survivor.CustomFields = new CustomFieldValues(
                    loser.CustomFields.Values.Concat(survivor.CustomFields.Values).GroupBy(kv => kv.Key).Select(g => g.Last())
                );
                await db.SaveChangesAsync(ct);
                return await GetAsync(survivor.Id, ct);
            },
            ct
        );
    }

    /// <summary>Customers nobody has called, visited or met for <paramref name="days"/> days, per owner.</summary>
    public Task<PagedResult<CustomerListItem>> NotContactedAsync(int days, Guid? ownerId, PageRequest page, CancellationToken ct) =>
        ListAsync(new CustomerQuery(null, null, CustomerStatus.Active, null, null, ownerId, null, null, days, "lastContact"), [], page, ct);

    /// <summary>Per owner, how many customers were last contacted how long ago: the follow-up heat map.</summary>
    public async Task<List<OwnerHeat>> HeatmapAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (d30, d60, d90, d180) = (now.AddDays(-30), now.AddDays(-60), now.AddDays(-90), now.AddDays(-180));
        var activities = db.Set<Activity>().Where(a => !a.IsPrivate && a.Type != ActivityType.Note);
        var rows = await scope
            .Customers()
            .Where(c => c.Status != CustomerStatus.Lost)
            .Select(c => new { c.OwnerId, Last = activities.Where(a => a.CustomerId == c.Id).Max(a => (DateTime?)a.AtUtc) })
            .GroupBy(x => x.OwnerId)
            .Select(g => new
            {
                OwnerId = g.Key,
                Within30 = g.Count(x => x.Last >= d30),
                Within60 = g.Count(x => x.Last < d30 && x.Last >= d60),
                Within90 = g.Count(x => x.Last < d60 && x.Last >= d90),
                Within180 = g.Count(x => x.Last < d90 && x.Last >= d180),
                Over180 = g.Count(x => x.Last < d180),
                Never = g.Count(x => x.Last == null),
            })
            .ToListAsync(ct);
        // Past the tier's contact frequency, per owner: the same rule as the owners' follow-ups-due lists.
        var overdue = await Reminders
            .ReminderService.Due(db, scope.Customers(), await reminders.SettingsAsync(ct), reminders.Today(), now)
            .GroupBy(c => c.OwnerId)
            .Select(g => new { OwnerId = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var owners = rows.Where(r => r.OwnerId != null).Select(r => r.OwnerId!.Value).ToList();
        var names = await db.Users.Where(u => owners.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return
        [
            .. rows.Select(r => new OwnerHeat(
                    r.OwnerId,
                    r.OwnerId is { } o ? names.GetValueOrDefault(o) : null,
                    r.Within30,
                    r.Within60,
                    r.Within90,
                    r.Within180,
                    r.Over180,
                    r.Never
                )
                {
                    Overdue = overdue.FirstOrDefault(o => o.OwnerId == r.OwnerId)?.Count ?? 0,
                })
                .OrderBy(r => r.OwnerName ?? "\uffff", StringComparer.Ordinal),
        ];
    }

    /// <summary>
    /// Everything that happened to the customer, newest first, one page at a time: follow-ups and the notes the reader
    /// may see, contacts, machines, and what other modules add (work orders, complaints, surveys, call-backs).
    /// </summary>
    public async Task<TimelinePage> TimelineAsync(Guid id, IEnumerable<string?> kind, PageRequest page, CancellationToken ct)
    {
        var customer = await GetAsync(id, ct);
        var created = new TimelineEntry(customer.CreatedAt, "created", customer.Name, null, customer.Id);
        TimelinePart[] own =
        [
            new(["activity", "note"], (kinds, take, c) => ActivityEntriesAsync(customer.Id, kinds, take, c)),
            new(["contact"], (_, take, c) => ContactEntriesAsync(customer.Id, take, c)),
            new(["machine"], (_, take, c) => MachineEntriesAsync(customer.Id, take, c)),
            new(["created"], (_, _, _) => Task.FromResult<IReadOnlyList<TimelineEntry>>([created])),
        ];
        return await TimelineMerge.PageAsync(
            [.. own, .. timelineSources.Select(s => TimelineMerge.From(s, customer.Id))],
            kind,
            page,
            t,
            ct
        );
    }

    private async Task<IReadOnlyList<TimelineEntry>> ActivityEntriesAsync(
        Guid customerId,
        IReadOnlySet<string> kinds,
        int take,
        CancellationToken ct
    )
    {
        var (me, notes, activities) = (scope.UserId, kinds.Contains("note"), kinds.Contains("activity"));
        return await db.Set<Activity>()
            .AsNoTracking()
            .Where(a => a.CustomerId == customerId && (!a.IsPrivate || a.AuthorId == me))
            .Where(a => notes || !a.IsPrivate)
            .Where(a => activities || a.IsPrivate)
            .OrderByDescending(a => a.AtUtc)
            .Take(take)
            .Select(a => new TimelineEntry(
                a.AtUtc,
                a.IsPrivate ? "note" : "activity." + a.Type.ToString(),
                a.Summary,
                db.Users.Where(u => u.Id == a.AuthorId).Select(u => u.DisplayName).FirstOrDefault(),
                a.Id,
                null
            ))
            .ToListAsync(ct);
    }

    private async Task<IReadOnlyList<TimelineEntry>> ContactEntriesAsync(Guid customerId, int take, CancellationToken ct) =>
        await db.Set<Contact>()
            .AsNoTracking()
            .Where(x => x.CustomerId == customerId)
            .OrderByDescending(x => x.CreatedAtUtc)
            .Take(take)
            .Select(x => new TimelineEntry(x.CreatedAtUtc, "contact", x.Name, x.Title, x.Id, null))
            .ToListAsync(ct);

    private async Task<IReadOnlyList<TimelineEntry>> MachineEntriesAsync(Guid customerId, int take, CancellationToken ct)
    {
        var machines = await db.Set<Machine>()
            .AsNoTracking()
            .Where(m => m.CustomerId == customerId)
            .OrderByDescending(m => m.CreatedAtUtc)
            .Take(take)
            .Select(m => new
            {
                m.Id,
                m.SerialNumber,
                m.InstalledOn,
                m.CreatedAtUtc,
                Model = db.Set<Products.Product>().Where(p => p.Id == m.ProductId).Select(p => p.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return
        [
            .. machines.Select(m => new TimelineEntry(
                m.InstalledOn?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) ?? m.CreatedAtUtc,
                "machine",
                $"{m.Model} · {m.SerialNumber}",
                null,
                m.Id,
                $"/equipment/{m.Id}"
            )),
        ];
    }

    public static string FormatDate(DateTime? utc) => utc?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
