using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Customers.Customers;
using Steadfast.Platform.Api;
using Steadfast.Platform.Data;
using Steadfast.Platform.Localization;

namespace Steadfast.Customers.Dealers;

internal sealed class DealerService(AppDbContext db, IStringLocalizer<Strings> t)
{
    public Task<List<DealerDto>> ListAsync(CancellationToken ct) =>
        db.Set<Dealer>()
            .AsNoTracking()
            .OrderBy(d => d.Name)
            .Select(d => new DealerDto(
                d.Id,
                d.Name,
                d.Region,
                d.Phone,
                db.Set<Customer>().Count(c => c.DealerId == d.Id && c.MergedIntoId == null),
                d.Version
            ))
            .ToListAsync(ct);

    public async Task<DealerDto> SaveAsync(Guid? id, SaveDealer input, CancellationToken ct)
    {
        var dealer = id is null
            ? new Dealer { Id = Guid.CreateVersion7() }
            : await db.Set<Dealer>().SingleOrDefaultAsync(d => d.Id == id, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var errors = new ValidationErrors();
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200)
            errors.Add("name", t["Customers.Error.Name"]);
        else if (await db.Set<Dealer>().AnyAsync(d => d.Name == name && d.Id != dealer.Id, ct))
            errors.Add("name", t["Dealers.Error.NameTaken"]);
        if (input.Region is { Length: > 100 })
            errors.Add("region", t["Common.Error.MaxLength", 100]);
        if (input.Phone is { Length: > 40 })
            errors.Add("phone", t["Common.Error.MaxLength", 40]);
        if (id is not null && input.Version is null)
            errors.Add("version", t["Common.Error.VersionRequired"]);
        errors.ThrowIfAny();
        if (id is not null)
            db.ExpectVersion(dealer, input.Version!.Value);
        else
            db.Add(dealer);
        dealer.Name = name;
        dealer.Region = input.Region?.Trim() ?? "";
        dealer.Phone = input.Phone?.Trim() ?? "";
        await db.SaveChangesAsync(ct);
        return (await ListAsync(ct)).Single(d => d.Id == dealer.Id);
    }
}
