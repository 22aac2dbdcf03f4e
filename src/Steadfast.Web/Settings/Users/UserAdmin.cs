using System.Net.Mail;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Platform.CustomFields;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Localization;
using Steadfast.Web.Auth;

namespace Steadfast.Web.Settings;

public sealed record UserDto(
    Guid Id,
    string Email,
    string DisplayName,
    IReadOnlyList<string> Roles,
    Guid? TeamId,
    string? TeamName,
    Guid? CustomerId,
    Guid? DealerId,
    bool IsActive,
    DateTime? LockedOutUntil,
    string? Culture,
    DateTime CreatedAt,
    CustomFieldValues CustomFields,
    long Version
);

public sealed record CreateUser(
    string? Email,
    string? DisplayName,
    string? Password,
    List<string>? Roles,
    Guid? TeamId,
    Guid? CustomerId,
    Guid? DealerId,
    Dictionary<string, JsonElement>? CustomFields
);

public sealed record UpdateUser(
    string? DisplayName,
    List<string>? Roles,
    Guid? TeamId,
    Guid? CustomerId,
    Guid? DealerId,
    bool? IsActive,
    string? Culture,
    Dictionary<string, JsonElement>? CustomFields,
    long? Version
);

public sealed record UserQuery(string? Q, string? Role, bool? Active, Guid? TeamId, string? Sort);

/// <summary>Users and their roles, as an admin manages them.</summary>
public sealed class UserAdmin(
    AppDbContext db,
    UserManager<AppUser> users,
    CustomFieldService fields,
    TokenService tokens,
    Platform.Audit.CurrentActor actor,
    TimeProvider clock,
    IStringLocalizer<Strings> t
)
{
    public const string RecordType = "user";

    public static readonly string[] SortKeys = ["displayName", "email", "createdAt"];

    public async Task EnsureRolesAsync()
    {
        var existing = await db.Roles.Select(r => r.Name).ToListAsync();
        foreach (var role in Roles.All.Except(existing!, StringComparer.Ordinal))
            db.Roles.Add(new AppRole(role!) { Id = Guid.CreateVersion7() });
        await db.SaveChangesAsync();
    }

    public Task<bool> AnyUsersAsync(CancellationToken ct) => db.Users.AnyAsync(ct);

    public async Task<PagedResult<UserDto>> ListAsync(
        UserQuery query,
        IReadOnlyList<CustomFieldFilter> filters,
        PageRequest page,
        CancellationToken ct
    )
    {
        if (!string.IsNullOrWhiteSpace(query.Role) && !Roles.IsKnown(query.Role))
            throw AppValidationException.For("role", QueryValues.Unknown(t, query.Role, Roles.All));
        await fields.CheckListQueryAsync(RecordType, filters, query.Sort, SortKeys, ct);
        var q = db.Users.AsNoTracking().AsQueryable();
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var term = query.Q.Trim().ToUpperInvariant();
            var raw = query.Q.Trim();
            q = q.Where(u => u.NormalizedEmail!.Contains(term) || u.DisplayName.Contains(raw));
        }
        if (!string.IsNullOrWhiteSpace(query.Role))
        {
            var roleId = await db.Roles.Where(r => r.Name == query.Role).Select(r => r.Id).FirstOrDefaultAsync(ct);
            q = q.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId));
        }
        if (query.Active is { } active)
            q = q.Where(u => u.IsActive == active);
        if (query.TeamId is { } team)
            q = q.Where(u => u.TeamId == team);
        q = q.WhereCustomFields(db, filters);

        var sort = query.Sort ?? "displayName";
        var desc = sort.StartsWith('-');
        var key = sort.TrimStart('-');
        q = key switch
        {
            "email" => desc ? q.OrderByDescending(u => u.Email) : q.OrderBy(u => u.Email),
            "createdAt" => desc ? q.OrderByDescending(u => u.CreatedAtUtc) : q.OrderBy(u => u.CreatedAtUtc),
            _ when key.StartsWith("cf.", StringComparison.Ordinal) => q.OrderByCustomField(db, key[3..], desc).ThenBy(u => u.Id),
            _ => desc ? q.OrderByDescending(u => u.DisplayName).ThenBy(u => u.Id) : q.OrderBy(u => u.DisplayName).ThenBy(u => u.Id),
        };

        var total = await q.CountAsync(ct);
        var rows = await Project(q.Skip(page.Skip).Take(page.PageSize)).ToListAsync(ct);
        return new PagedResult<UserDto>(rows.Select(ToDto).ToList(), total);
    }

    public async Task<UserDto> GetAsync(Guid id, CancellationToken ct) =>
        ToDto(
            await Project(db.Users.AsNoTracking().Where(u => u.Id == id)).SingleOrDefaultAsync(ct)
                ?? throw new AppNotFoundException(t["Common.NotFound"])
        );

    public async Task<UserDto> CreateAsync(CreateUser input, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var email = input.Email?.Trim() ?? "";
        if (!MailAddress.TryCreate(email, out _) || email.Length > 256)
            errors.Add("email", t["Users.Error.Email"]);
        else if (await users.FindByEmailAsync(email) is not null)
            errors.Add("email", t["Users.Error.EmailTaken"]);
        CheckName(input.DisplayName, errors);
        var roles = await CheckRolesAsync(input.Roles, input.CustomerId, input.DealerId, input.TeamId, errors, ct);
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            Email = email,
            UserName = email,
            DisplayName = input.DisplayName?.Trim() ?? "",
            TeamId = input.TeamId,
            CustomerId = input.CustomerId,
            DealerId = input.DealerId,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            EmailConfirmed = true,
        };
        if (string.IsNullOrEmpty(input.Password))
            errors.Add("password", t["Users.Error.PasswordRequired"]);
        else
            await CheckPasswordAsync(user, input.Password, errors);
        user.CustomFields = await fields.ValidateAsync(RecordType, input.CustomFields, null, errors, ct);
        errors.ThrowIfAny();

        foreach (var role in roles)
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = role.Id });
        ThrowOnFailure(await users.CreateAsync(user, input.Password!), "email");
        return await GetAsync(user.Id, ct);
    }

    public async Task<UserDto> UpdateAsync(Guid id, UpdateUser input, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var errors = new ValidationErrors();
        if (input.Version is null)
            errors.Add("version", t["Common.Error.VersionRequired"]);
        if (input.DisplayName is not null)
            CheckName(input.DisplayName, errors);
        if (input.Culture is not null && !StringTables.Cultures.Contains(input.Culture, StringComparer.Ordinal))
            errors.Add("culture", t["Users.Error.Culture"]);
        var currentRoles = await db.UserRoles.Where(ur => ur.UserId == id).ToListAsync(ct);
        var roleNames = input.Roles
            ?? [.. await db.Roles.Where(r => currentRoles.Select(c => c.RoleId).Contains(r.Id)).Select(r => r.Name!).ToListAsync(ct)];
        var roles = await CheckRolesAsync(
            roleNames,
            input.CustomerId ?? user.CustomerId,
            input.DealerId ?? user.DealerId,
            input.TeamId ?? user.TeamId,
            errors,
            ct
        );
        var customFields = await fields.ValidateAsync(RecordType, input.CustomFields, user.CustomFields, errors, ct);
        if (input.IsActive == false && id == actor.UserId)
            errors.Add("isActive", t["Users.Error.SelfDeactivate"]);
        errors.ThrowIfAny();

        db.ExpectVersion(user, input.Version!.Value);
        var deactivated = user.IsActive && input.IsActive == false;
        user.DisplayName = input.DisplayName?.Trim() ?? user.DisplayName;
        user.TeamId = input.TeamId ?? user.TeamId;
        user.CustomerId = input.CustomerId ?? user.CustomerId;
        user.DealerId = input.DealerId ?? user.DealerId;
        user.IsActive = input.IsActive ?? user.IsActive;
        user.Culture = input.Culture ?? user.Culture;
        user.CustomFields = customFields;
        var wanted = roles.Select(r => r.Id).ToHashSet();
        db.UserRoles.RemoveRange(currentRoles.Where(c => !wanted.Contains(c.RoleId)));
        foreach (var roleId in wanted.Where(w => currentRoles.All(c => c.RoleId != w)))
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = id, RoleId = roleId });
        // A new stamp ends the user's cookie sessions when access changes. Saved through our own
        // context rather than UserManager.UpdateAsync, whose Attach would reset the original values
        // that both the version check and the audit log read.
        if (deactivated || input.Roles is not null)
            user.SecurityStamp = NewStamp();
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        await db.SaveChangesAsync(ct);
        if (deactivated)
            await tokens.RevokeAllAsync(id, ct);
        return await GetAsync(id, ct);
    }

    public async Task ResetPasswordAsync(Guid id, string? newPassword, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct) ?? throw new AppNotFoundException(t["Common.NotFound"]);
        var errors = new ValidationErrors();
        if (string.IsNullOrEmpty(newPassword))
            errors.Add("password", t["Users.Error.PasswordRequired"]);
        else
            await CheckPasswordAsync(user, newPassword, errors);
        errors.ThrowIfAny();
        // One save: the audit log shows a password change, an unlock and a new stamp together.
        user.PasswordHash = users.PasswordHasher.HashPassword(user, newPassword!);
        user.SecurityStamp = NewStamp();
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        await db.SaveChangesAsync(ct);
        await tokens.RevokeAllAsync(id, ct);
    }

    public Task<List<RoleCount>> RoleCountsAsync(CancellationToken ct) =>
        db.Roles.Select(r => new RoleCount(r.Name!, db.UserRoles.Count(ur => ur.RoleId == r.Id))).ToListAsync(ct);

    private static string NewStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));

    private void CheckName(string? name, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
            errors.Add("displayName", t["Users.Error.DisplayName"]);
    }

    private async Task CheckPasswordAsync(AppUser user, string password, ValidationErrors errors)
    {
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password);
            foreach (var e in result.Errors)
                errors.Add("password", t[$"Identity.{e.Code}"].ResourceNotFound ? e.Description : t[$"Identity.{e.Code}"]);
        }
    }

    private async Task<List<AppRole>> CheckRolesAsync(
        List<string>? names,
        Guid? customerId,
        Guid? dealerId,
        Guid? teamId,
        ValidationErrors errors,
        CancellationToken ct
    )
    {
        names ??= [];
        if (names.Count == 0)
            errors.Add("roles", t["Users.Error.RolesRequired"]);
        foreach (var unknown in names.Where(n => !Roles.IsKnown(n)))
            errors.Add("roles", t["Users.Error.UnknownRole", unknown]);
        var outside = names.Where(n => n is Roles.Customer or Roles.Dealer).ToList();
        if (outside.Count > 0 && names.Count > 1)
            errors.Add("roles", t["Users.Error.OutsideAlone"]);
        if (names.Contains(Roles.Customer) && customerId is null)
            errors.Add("customerId", t["Users.Error.CustomerRequired"]);
        if (names.Contains(Roles.Dealer) && dealerId is null)
            errors.Add("dealerId", t["Users.Error.DealerRequired"]);
        if (teamId is { } team && !await db.Teams.AnyAsync(x => x.Id == team, ct))
            errors.Add("teamId", t["Users.Error.Team"]);
        return await db.Roles.Where(r => names.Contains(r.Name!)).ToListAsync(ct);
    }

    private void ThrowOnFailure(IdentityResult result, string field)
    {
        if (result.Succeeded)
            return;
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
            throw new AppConflictException(t["Problem.StaleVersion"]);
        var errors = new ValidationErrors();
        foreach (var e in result.Errors)
            errors.Add(e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : field, e.Description);
        throw new AppValidationException(errors);
    }

    private IQueryable<UserRow> Project(IQueryable<AppUser> q) =>
        q.Select(u => new UserRow(
            u,
            db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToList(),
            db.Teams.Where(x => x.Id == u.TeamId).Select(x => x.Name).FirstOrDefault()
        ));

    private static UserDto ToDto(UserRow r) =>
        new(
            r.User.Id,
            r.User.Email ?? "",
            r.User.DisplayName,
            [.. r.Roles.Order(StringComparer.Ordinal)],
            r.User.TeamId,
            r.TeamName,
            r.User.CustomerId,
            r.User.DealerId,
            r.User.IsActive,
            r.User.LockoutEnd?.UtcDateTime,
            r.User.Culture,
            r.User.CreatedAtUtc,
            r.User.CustomFields,
            r.User.Version
        );

    private sealed record UserRow(AppUser User, List<string> Roles, string? TeamName);
}

public sealed record RoleCount(string Role, int Users);
