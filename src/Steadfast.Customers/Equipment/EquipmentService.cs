using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Customers;
using Steadfast.Customers.Products;
using Steadfast.Customers.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.Audit;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;
using Steadfast.Platform.Ui;

namespace Steadfast.Customers.Equipment;

/// <summary>The equipment registry (一机一档): machines, their readings, their timeline, their QR identity.</summary>
internal sealed class EquipmentService(
    AppDbContext db,
    CustomerScope scope,
    CustomFieldService fields,
    CurrentActor actor,
    TimeProvider clock,
    CompanyClock company,
    IStringLocalizer<Strings> t,
    IEnumerable<Public.IMachineTimelineSource> timelineSources,
    Steadfast.Platform.Files.AttachmentService attachments,
    IEnumerable<IMachineWatcher> watchers
)
{
    public const string RecordType = "equipment";

    public static readonly string[] SortKeys = ["serialNumber", "installedOn", "warrantyEndsOn"];

    public async Task<PagedResult<MachineDto>> ListAsync(
        MachineQuery query,
        IReadOnlyList<CustomFieldFilter> filters,
        PageRequest page,
        CancellationToken ct
    )
    {
        await CheckAsync(query, filters, ct);
        return await Filter(query, filters).ToPageAsync(q => Sort(q, query.Sort), Project, page, ct);
    }

    /// <summary>A filter on a custom field that does not exist, or a sort key the list does not have, is a 400.</summary>
    public Task CheckAsync(MachineQuery query, IReadOnlyList<CustomFieldFilter> filters, CancellationToken ct) =>
        fields.CheckListQueryAsync(RecordType, filters, query.Sort, SortKeys, ct);

    public IAsyncEnumerable<MachineDto> AllAsync(MachineQuery query, IReadOnlyList<CustomFieldFilter> filters) =>
        Project(Sort(Filter(query, filters), query.Sort)).AsAsyncEnumerable();

    private IQueryable<Machine> Filter(MachineQuery query, IReadOnlyList<CustomFieldFilter> filters)
    {
        var q = scope.Machines().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var term = Text.HalfWidth(query.Q).Trim();
            q = q.Where(m =>
                m.SerialNumber.Contains(term)
                || m.SiteName.Contains(term)
                || db.Set<Customer>().Any(c => c.Id == m.CustomerId && c.Name.Contains(term))
            );
        }
        if (query.CustomerId is { } customer)
            q = q.Where(m => m.CustomerId == customer);
        if (query.ProductId is { } product)
            q = q.Where(m => m.ProductId == product);
        if (query.Status is { } status)
            q = q.Where(m => m.Status == status);
        if (query.InWarranty is { } inWarranty)
        {
            var today = Today();
            q = inWarranty ? q.Where(m => m.WarrantyEndsOn >= today) : q.Where(m => m.WarrantyEndsOn == null || m.WarrantyEndsOn < today);
        }
        return q.WhereCustomFields(db, filters);
    }

    private IQueryable<Machine> Sort(IQueryable<Machine> q, string? sort)
    {
        var desc = sort?.StartsWith('-') == true;
        return sort?.TrimStart('-') switch
        {
            "installedOn" => desc
                ? q.OrderByDescending(m => m.InstalledOn).ThenBy(m => m.Id)
                : q.OrderBy(m => m.InstalledOn).ThenBy(m => m.Id),
            "warrantyEndsOn" => desc
                ? q.OrderByDescending(m => m.WarrantyEndsOn).ThenBy(m => m.Id)
                : q.OrderBy(m => m.WarrantyEndsOn).ThenBy(m => m.Id),
            { } key when key.StartsWith("cf.", StringComparison.Ordinal) => q.OrderByCustomField(db, key[3..], desc).ThenBy(m => m.Id),
            _ => desc ? q.OrderByDescending(m => m.SerialNumber).ThenBy(m => m.Id) : q.OrderBy(m => m.SerialNumber).ThenBy(m => m.Id),
        };
    }

    private DateOnly Today() => DateOnly.FromDateTime(company.ToLocal(clock.GetUtcNow().UtcDateTime));

    private IQueryable<MachineDto> Project(IQueryable<Machine> q)
    {
        var today = Today();
        return from m in q
            join p in db.Set<Product>() on m.ProductId equals p.Id
            join c in db.Set<Customer>() on m.CustomerId equals c.Id
            select new MachineDto(
                m.Id,
                m.SerialNumber,
                p.Id,
                p.Code,
                p.Name,
                p.Category,
                c.Id,
                c.Name,
                m.SiteName,
                m.SiteAddress,
                m.Latitude,
                m.Longitude,
                m.InstalledOn,
                m.CommissionedOn,
                m.WarrantyEndsOn,
                m.WarrantyEndsOn != null && m.WarrantyEndsOn >= today,
                m.Status,
                m.Configuration,
                m.ParentId,
                db.Set<Machine>().Where(x => x.Id == m.ParentId).Select(x => x.SerialNumber).FirstOrDefault(),
                m.LastReadingHours,
                m.ExternalId,
                m.CustomFields,
                m.Version
            );
    }

    public async Task<MachineDto> GetAsync(Guid id, CancellationToken ct) =>
        await Project(scope.Machines().AsNoTracking().Where(m => m.Id == id)).SingleOrDefaultAsync(ct)
        ?? throw new AppNotFoundException(t["Common.NotFound"]);

    public async Task<MachineDto> CreateAsync(SaveMachine input, CancellationToken ct)
    {
        var machine = new Machine
        {
            Id = Guid.CreateVersion7(),
            QrToken = NewToken(),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        await ApplyAsync(machine, input, isNew: true, ct);
        db.Add(machine);
        await TellAsync(machine, isNew: true, ct);
        await db.SaveChangesAsync(ct);
        return await GetAsync(machine.Id, ct);
    }

    public async Task<MachineDto> UpdateAsync(Guid id, SaveMachine input, CancellationToken ct)
    {
        var machine = await scope.Machines().SingleOrDefaultAsync(m => m.Id == id, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        if (input.Version is null)
            throw AppValidationException.For("version", t["Common.Error.VersionRequired"]);
        db.ExpectVersion(machine, input.Version.Value);
        await ApplyAsync(machine, input, isNew: false, ct);
        await TellAsync(machine, isNew: false, ct);
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    public async Task<(MachineDto Machine, bool Created)> UpsertByExternalIdAsync(
        string externalId,
        SaveMachine input,
        CancellationToken ct
    )
    {
        if (string.IsNullOrWhiteSpace(externalId) || externalId.Length > 100)
            throw AppValidationException.For("externalId", t["Customers.Error.ExternalId"]);
        var existing = await db.Set<Machine>()
            .Where(m => m.ExternalId == externalId)
            .Select(m => new { m.Id, m.Version })
            .SingleOrDefaultAsync(ct);
        if (existing is null)
            return (await CreateAsync(input with { ExternalId = externalId }, ct), true);
        return (
            await UpdateAsync(existing.Id, input with { ExternalId = externalId, Version = input.Version ?? existing.Version }, ct),
            false
        );
    }

    internal async Task ApplyAsync(Machine m, SaveMachine input, bool isNew, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var serial = input.SerialNumber is null ? m.SerialNumber : Text.HalfWidth(input.SerialNumber).Trim().ToUpperInvariant();
        if (serial.Length is 0 or > 100)
            errors.Add("serialNumber", t["Equipment.Error.Serial"]);
        var productId = input.ProductId ?? m.ProductId;
        var product = await db.Set<Product>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == productId, ct);
        if (product is null)
            errors.Add("productId", t["Equipment.Error.Product"]);
        else if (
            serial.Length > 0
            && await db.Set<Machine>().AnyAsync(x => x.ProductId == productId && x.SerialNumber == serial && x.Id != m.Id, ct)
        )
            errors.Add("serialNumber", t["Equipment.Error.SerialTaken", product.Code]);
        var customerId = input.CustomerId ?? m.CustomerId;
        if (!await scope.Customers().AnyAsync(c => c.Id == customerId, ct))
            errors.Add("customerId", t["Equipment.Error.Customer"]);
        if (input.Latitude is < -90 or > 90)
            errors.Add("latitude", t["Common.Error.Range", -90, 90]);
        if (input.Longitude is < -180 or > 180)
            errors.Add("longitude", t["Common.Error.Range", -180, 180]);
        if ((input.Latitude is null) != (input.Longitude is null) && isNew)
            errors.Add("longitude", t["Equipment.Error.Coordinates"]);
        var installed = input.InstalledOn ?? m.InstalledOn;
        var commissioned = input.CommissionedOn ?? m.CommissionedOn;
        if (installed is { } i && i > Today().AddDays(1))
            errors.Add("installedOn", t["Equipment.Error.FutureDate"]);
        if (installed is { } i2 && commissioned is { } c2 && c2 < i2)
            errors.Add("commissionedOn", t["Equipment.Error.CommissionBeforeInstall"]);
        if (input.Status is { } st && !Enum.IsDefined(st))
            errors.Add("status", t["Common.Error.Choice"]);
        if (input.SiteName is { Length: > 200 })
            errors.Add("siteName", t["Common.Error.MaxLength", 200]);
        if (input.SiteAddress is { Length: > 300 })
            errors.Add("siteAddress", t["Common.Error.MaxLength", 300]);
        if (input.Configuration is { Length: > 4000 })
            errors.Add("configuration", t["Common.Error.MaxLength", 4000]);
        if (input.ParentId is { } parent)
        {
            if (parent == m.Id || !await scope.Machines().AnyAsync(x => x.Id == parent, ct))
                errors.Add("parentId", t["Equipment.Error.Parent"]);
            else if (!isNew && await IsDescendantAsync(parent, m.Id, ct))
                errors.Add("parentId", t["Equipment.Error.ParentLoop"]);
        }
        var external = input.ExternalId?.Trim() ?? m.ExternalId;
        if (external is { Length: > 100 })
            errors.Add("externalId", t["Customers.Error.ExternalId"]);
        else if (
            external is not null
            && external != m.ExternalId
            && await db.Set<Machine>().AnyAsync(x => x.ExternalId == external && x.Id != m.Id, ct)
        )
            errors.Add("externalId", t["Customers.Error.ExternalIdTaken"]);
        var values = await fields.ValidateAsync(RecordType, input.CustomFields, isNew ? null : m.CustomFields, errors, ct);
        errors.ThrowIfAny();

        m.SerialNumber = serial;
        m.ProductId = productId;
        m.CustomerId = customerId;
        m.SiteName = input.SiteName?.Trim() ?? m.SiteName;
        m.SiteAddress = input.SiteAddress?.Trim() ?? m.SiteAddress;
        if (input.Latitude is not null || input.Longitude is not null)
            (m.Latitude, m.Longitude) = (input.Latitude, input.Longitude);
        m.InstalledOn = installed;
        m.CommissionedOn = commissioned;
        // Warranty runs from installation for the model's months unless a date is given (e.g. an extended warranty).
        m.WarrantyEndsOn = input.WarrantyEndsOn
            ?? (
                installed is { } from && (isNew || input.InstalledOn is not null)
                    ? from.AddMonths(product!.WarrantyMonths)
                    : m.WarrantyEndsOn
            );
        m.Status = input.Status ?? m.Status;
        m.Configuration = input.Configuration?.Trim() ?? m.Configuration;
        m.ParentId = input.ParentId ?? m.ParentId;
        m.ExternalId = external;
        m.CustomFields = values;
    }

    private async Task TellAsync(Machine m, bool isNew, CancellationToken ct)
    {
        foreach (var w in watchers)
            await w.MachineSavedAsync(new PlanMachine(m.Id, m.ProductId, m.CustomerId, m.InstalledOn, m.LastReadingHours), isNew, ct);
    }

    private async Task<bool> IsDescendantAsync(Guid candidate, Guid root, CancellationToken ct)
    {
        for (Guid? at = candidate; at is not null; )
        {
            if (at == root)
                return true;
            at = await db.Set<Machine>().Where(x => x.Id == at).Select(x => x.ParentId).FirstOrDefaultAsync(ct);
        }
        return false;
    }

    public async Task<List<ReadingDto>> ReadingsAsync(Guid id, CancellationToken ct)
    {
        if (!await scope.Machines().AnyAsync(m => m.Id == id, ct))
            throw new AppNotFoundException(t["Common.NotFound"]);
        return await db.Set<MeterReading>()
            .AsNoTracking()
            .Where(r => r.MachineId == id)
            .OrderByDescending(r => r.ReadAtUtc)
            .Take(500)
            .Select(r => new ReadingDto(
                r.Id,
                r.Hours,
                r.ReadAtUtc,
                r.IsMeterReplacement,
                db.Users.Where(u => u.Id == r.RecordedById).Select(u => u.DisplayName).FirstOrDefault()
            ))
            .ToListAsync(ct);
    }

    /// <summary>A running-hours reading. Lower than the last one is refused unless the meter was replaced.</summary>
    public async Task<ReadingDto> AddReadingAsync(Guid id, AddReading input, CancellationToken ct)
    {
        var machine = await scope.Machines().SingleOrDefaultAsync(m => m.Id == id, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var errors = new ValidationErrors();
        var now = clock.GetUtcNow().UtcDateTime;
        var at = input.ReadAt?.ToUniversalTime() ?? now;
        if (input.Hours is not { } hours || hours < 0 || hours > 1_000_000 || double.IsNaN(hours))
            errors.Add("hours", t["Equipment.Error.Hours"]);
        if (at > now.AddMinutes(5))
            errors.Add("readAt", t["Activities.Error.Future"]);
        errors.ThrowIfAny();
        var last = await db.Set<MeterReading>()
            .Where(r => r.MachineId == id && r.ReadAtUtc <= at)
            .OrderByDescending(r => r.ReadAtUtc)
            .FirstOrDefaultAsync(ct);
        var replacement = input.IsMeterReplacement ?? false;
        if (last is not null && input.Hours < last.Hours && !replacement)
            throw AppValidationException.For("hours", t["Equipment.Error.LowerReading", last.Hours]);
        var reading = new MeterReading
        {
            Id = Guid.CreateVersion7(),
            MachineId = id,
            Hours = input.Hours!.Value,
            ReadAtUtc = at,
            IsMeterReplacement = replacement,
            RecordedById = actor.UserId,
        };
        db.Add(reading);
        if (!await db.Set<MeterReading>().AnyAsync(r => r.MachineId == id && r.ReadAtUtc > at, ct))
            machine.LastReadingHours = reading.Hours;
        foreach (var w in watchers)
            await w.ReadingAddedAsync(id, new MachineReading(id, reading.ReadAtUtc, reading.Hours, replacement), ct);
        await db.SaveChangesAsync(ct);
        return new ReadingDto(reading.Id, reading.Hours, reading.ReadAtUtc, reading.IsMeterReplacement, actor.Name);
    }

    /// <summary>
    /// The machine's record (设备病历), newest first, one page at a time: registration, installation, readings,
    /// attachments, and what other modules add (work orders, visits, surveys, call-backs, parts fitted and returned).
    /// </summary>
    public async Task<TimelinePage> TimelineAsync(Guid id, IEnumerable<string?> kind, PageRequest page, CancellationToken ct)
    {
        var m = await GetAsync(id, ct);
        var created = await db.Set<Machine>().Where(x => x.Id == id).Select(x => x.CreatedAtUtc).SingleAsync(ct);
        List<TimelineEntry> lifecycle = [new(created, "lifecycle.registered", m.SerialNumber, m.CustomerName, m.Id)];
        if (m.InstalledOn is { } i)
            lifecycle.Add(new(i.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), "lifecycle.installed", m.SiteName, m.SiteAddress, m.Id));
        if (m.CommissionedOn is { } c)
            lifecycle.Add(new(c.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), "lifecycle.commissioned", m.SiteName, null, m.Id));
        TimelinePart[] own =
        [
            new(["lifecycle"], (_, _, _) => Task.FromResult<IReadOnlyList<TimelineEntry>>(lifecycle)),
            new(["reading"], async (_, take, c) =>
                [
                    .. (await ReadingsAsync(id, c))
                        .Take(take)
                        .Select(r => new TimelineEntry(
                            r.ReadAt,
                            r.IsMeterReplacement ? "reading.meterReplaced" : "reading",
                            r.Hours.ToString("#,##0.#", System.Globalization.CultureInfo.CurrentCulture),
                            r.RecordedBy,
                            r.Id
                        )),
                ]
            ),
            new(["attachment"], async (_, take, c) =>
                [
                    .. (await attachments.ListAsync(RecordType, id, c))
                        .Take(take)
                        .Select(a => new TimelineEntry(a.UploadedAt, "attachment", a.FileName, t[$"Attachments.Kind.{a.Kind}"], a.Id)),
                ]
            ),
        ];
        return await TimelineMerge.PageAsync([.. own, .. timelineSources.Select(s => TimelineMerge.From(s, id))], kind, page, t, ct);
    }

    /// <summary>For the QR page: the machine behind a token, or null. Reveals nothing for an unknown token.</summary>
    public async Task<PublicMachine?> FindByTokenAsync(string token, CancellationToken ct)
    {
        if (token.Length is < 16 or > 40)
            return null;
        var phone = await db.Company.Select(p => p.ServicePhone).FirstOrDefaultAsync(ct) ?? "";
        return await (
            from m in db.Set<Machine>().AsNoTracking()
            join p in db.Set<Product>() on m.ProductId equals p.Id
            join c in db.Set<Customer>() on m.CustomerId equals c.Id
            where m.QrToken == token && m.Status != MachineStatus.Scrapped
            select new PublicMachine(m.SerialNumber, p.Name, p.Code, c.Name, m.SiteName, phone)
        ).SingleOrDefaultAsync(ct);
    }

    /// <summary>Labels to print: the machines' QR tokens with what goes on the sticker.</summary>
    public async Task<List<(MachineDto Machine, string Token)>> LabelsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var visible = scope.Machines().Where(m => ids.Contains(m.Id));
        var tokens = await visible.ToDictionaryAsync(m => m.Id, m => m.QrToken, ct);
        var machines = await Project(visible.AsNoTracking().OrderBy(m => m.SerialNumber)).ToListAsync(ct);
        return [.. machines.Select(m => (m, tokens[m.Id]))];
    }

    public static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
