using Microsoft.EntityFrameworkCore;
using Steadfast.Platform.Data;

namespace Steadfast.Platform.Identity;

public sealed record UserOption(Guid Id, string Name);

/// <summary>Active users to pick from in forms (owner, manager, a user-type custom field).</summary>
public sealed class UserDirectory(AppDbContext db)
{
    public Task<List<UserOption>> ActiveAsync(CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.IsActive).OrderBy(u => u.DisplayName).Select(u => new UserOption(u.Id, u.DisplayName)).ToListAsync(ct);
}
