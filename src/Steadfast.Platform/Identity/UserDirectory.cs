using Microsoft.EntityFrameworkCore;
using Steadfast.Platform.Data;

namespace Steadfast.Platform.Identity;

public sealed record UserOption(Guid Id, string Name);

/// <summary>Active users to pick from in forms (owner, manager, a user-type custom field).</summary>
public sealed class UserDirectory(AppDbContext db)
{
    public Task<List<UserOption>> ActiveAsync(CancellationToken ct) =>
        db
            .Users.AsNoTracking()
            .Where(u => u.IsActive)
            .OrderBy(u => u.DisplayName)
            .Select(u => new UserOption(u.Id, u.DisplayName))
            .ToListAsync(ct);
}

public static class UsersInRoles
{
    /// <summary>
    /// Active users holding any of the roles, as a query the database answers: who "the engineers" or "the service manager" are today.
    /// </summary>
    public static IQueryable<AppUser> ActiveInRoles(this AppDbContext db, params string[] roles) =>
        db.Users.Where(u =>
            u.IsActive && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && roles.Contains(r.Name!)))
        );
}
