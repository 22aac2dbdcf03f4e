using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Public;
using Steadfast.Platform.Api;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;
using Steadfast.Sales.Opportunities;

namespace Steadfast.Sales.Orders;

/// <summary>Sales orders: by hand, from a won opportunity, from a file, or from the ERP by its key.</summary>
internal sealed class OrderService(
    AppDbContext db,
    CustomerDirectory directory,
    SalesNumbers numbers,
    TimeProvider clock,
    IStringLocalizer<Strings> t
)
{
    /// <summary>Orders of the customers the caller may see: a rep their customers', a dealer its customers'.</summary>
    public IQueryable<SalesOrder> Visible()
    {
        var all = db.Set<SalesOrder>();
        if (directory.SeesEverything)
            return all;
        var visible = directory.VisibleCustomerIds();
        return all.Where(o => visible.Contains(o.CustomerId));
    }

    public async Task<PagedResult<OrderListItem>> ListAsync(OrderQuery query, PageRequest page, CancellationToken ct)
    {
        var q = Visible().AsNoTracking();
        if (query.Status is { } status)
            q = q.Where(o => o.Status == status);
        if (query.CustomerId is { } customer)
            q = q.Where(o => o.CustomerId == customer);
        if (query.OwnerId is { } owner)
            q = q.Where(o => o.OwnerId == owner);
        if (query.From is { } from)
            q = q.Where(o => o.OrderedOn >= from);
        if (query.To is { } to)
            q = q.Where(o => o.OrderedOn <= to);
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var term = query.Q.Trim();
            q = q.Where(o => o.Number == term || o.ExternalId == term || o.CustomerName.StartsWith(term));
        }
        return await q.ToPageAsync(
            s => s.OrderByDescending(o => o.OrderedOn).ThenByDescending(o => o.Id),
            s =>
                from o in s
                join u in db.Users on o.OwnerId equals u.Id into owners
                from u in owners.DefaultIfEmpty()
                select new OrderListItem(
                    o.Id,
                    o.Number,
                    o.ExternalId,
                    o.CustomerId,
                    o.CustomerName,
                    o.OrderedOn,
                    o.DeliveryOn,
                    o.Status,
                    o.Amount,
                    u == null ? "" : u.DisplayName
                ),
            page,
            ct
        );
    }

    public async Task<OrderDetail> GetAsync(Guid id, CancellationToken ct)
    {
        var o = await Visible().AsNoTracking().Include(x => x.Lines).SingleOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var owner = await db.Users.Where(u => u.Id == o.OwnerId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        return new OrderDetail(
            o.Id,
            o.Number,
            o.ExternalId,
            o.CustomerId,
            o.CustomerName,
            o.OrderedOn,
            o.DeliveryOn,
            o.Status,
            o.Amount,
            o.OwnerId,
            owner ?? "",
            o.OpportunityId,
            o.Notes,
            [.. o.Lines.OrderBy(l => l.Position).Select(l => new LineDto(l.ProductId, l.Description, l.Quantity, l.UnitPrice, l.Amount))],
            o.CreatedAtUtc,
            o.Version
        );
    }

    public async Task<OrderDetail> CreateAsync(SaveOrder input, CancellationToken ct, string? externalId = null)
    {
        var order = new SalesOrder
        {
            Id = Guid.CreateVersion7(),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            ExternalId = externalId,
        };
        await ApplyAsync(order, input, isNew: true, ct);
        await db.InTransactionAsync(
            async () =>
            {
                order.Number = await numbers.NextAsync("SO", ct);
                db.Add(order);
                await db.SaveChangesAsync(ct);
                return 0;
            },
            ct
        );
        return await GetAsync(order.Id, ct);
    }

    public async Task<OrderDetail> UpdateAsync(Guid id, SaveOrder input, CancellationToken ct)
    {
        var order = await Visible().Include(o => o.Lines).SingleOrDefaultAsync(o => o.Id == id, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        if (input.Version is null)
            throw AppValidationException.For("version", t["Common.Error.VersionRequired"]);
        db.ExpectVersion(order, input.Version.Value);
        await ApplyAsync(order, input, isNew: false, ct);
        await db.SaveChangesAsync(ct);
        return await GetAsync(id, ct);
    }

    /// <summary>The ERP's sync: create or replace by its key. Last write wins unless a version is sent.</summary>
    public async Task<(OrderDetail Order, bool Created)> UpsertByExternalIdAsync(string externalId, SaveOrder input, CancellationToken ct)
    {
        externalId = externalId.Trim();
        if (externalId.Length is 0 or > 100)
            throw AppValidationException.For("externalId", t["Orders.Error.ExternalId"]);
        var existing = await db.Set<SalesOrder>()
            .Where(o => o.ExternalId == externalId)
            .Select(o => new { o.Id, o.Version })
            .SingleOrDefaultAsync(ct);
        if (existing is null)
            return (await CreateAsync(input, ct, externalId), true);
        return (await UpdateAsync(existing.Id, input with { Version = input.Version ?? existing.Version }, ct), false);
    }

    /// <summary>Inside the win's transaction: the opportunity's lines as the won order.</summary>
    internal async Task<Guid> CreateFromOpportunityAsync(Opportunity o, CancellationToken ct)
    {
        var order = new SalesOrder
        {
            Id = Guid.CreateVersion7(),
            Number = await numbers.NextAsync("SO", ct),
            CustomerId = o.CustomerId,
            CustomerName = o.CustomerName,
            OrderedOn = numbers.Today,
            Status = SalesOrderStatus.Open,
            OwnerId = o.OwnerId,
            OpportunityId = o.Id,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        var position = 0;
        foreach (var l in o.Lines.OrderBy(l => l.Position))
            order.Lines.Add(
                new SalesOrderLine
                {
                    Id = Guid.CreateVersion7(),
                    SalesOrderId = order.Id,
                    Position = position++,
                    ProductId = l.ProductId,
                    Description = l.Description,
                    Quantity = l.Quantity,
                    UnitPrice = l.UnitPrice,
                    Amount = l.Amount,
                }
            );
        if (order.Lines.Count == 0)
            order.Lines.Add(
                new SalesOrderLine
                {
                    Id = Guid.CreateVersion7(),
                    SalesOrderId = order.Id,
                    Description = o.Title,
                    Quantity = 1,
                    UnitPrice = o.Amount,
                    Amount = o.Amount,
                }
            );
        order.Amount = order.Lines.Sum(l => l.Amount);
        db.Add(order);
        return order.Id;
    }

    private async Task ApplyAsync(SalesOrder order, SaveOrder input, bool isNew, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        CustomerFacts? customer = null;
        if (isNew || (input.CustomerId is { } c && c != order.CustomerId))
        {
            if (input.CustomerId is not { } cid || (customer = await directory.VisibleCustomerFactsAsync(cid, ct)) is null)
                errors.Add("customerId", t["Leads.Error.Customer"]);
        }
        var orderedOn = input.OrderedOn ?? (isNew ? null : order.OrderedOn);
        if (orderedOn is null)
            errors.Add("orderedOn", t["Common.Error.Required"]);
        if (input.DeliveryOn is { } d && orderedOn is { } o && d < o)
            errors.Add("deliveryOn", t["Orders.Error.DeliveryBeforeOrder"]);
        if (input.Status is { } s && !Enum.IsDefined(s))
            errors.Add("status", t["Common.Error.Choice"]);
        if (input.Notes is { Length: > 2000 })
            errors.Add("notes", t["Common.Error.MaxLength", 2000]);
        if (input.OwnerId is { } owner && owner != order.OwnerId && !await db.Users.AnyAsync(u => u.Id == owner && u.IsActive, ct))
            errors.Add("ownerId", t["Leads.Error.Owner"]);
        if (isNew && (input.Lines is null || input.Lines.Count == 0))
            errors.Add("lines", t["Orders.Error.Lines"]);
        var products = input.Lines is null ? [] : (await directory.ProductsAsync(ct)).ToDictionary(p => p.Id, p => p.Name);
        var lines = LineItems.Check(input.Lines, products, errors, t);
        errors.ThrowIfAny();
        if (customer is not null)
        {
            order.CustomerId = customer.Id;
            order.CustomerName = customer.Name;
            order.OwnerId ??= await directory.Profiles().Where(p => p.Id == customer.Id).Select(p => p.OwnerId).FirstOrDefaultAsync(ct);
        }
        order.OrderedOn = orderedOn!.Value;
        order.DeliveryOn = input.DeliveryOn ?? order.DeliveryOn;
        order.Status = input.Status ?? order.Status;
        order.OwnerId = input.OwnerId ?? order.OwnerId;
        order.Notes = input.Notes?.Trim() ?? order.Notes;
        if (input.Lines is not null)
        {
            LineItems.Replace(db, order.Lines, lines, () => new SalesOrderLine { SalesOrderId = order.Id });
            order.Amount = lines.Sum(l => l.Amount);
        }
    }
}
