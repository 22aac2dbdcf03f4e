using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Localization;

namespace Steadfast.Web.Auth;

/// <summary>Issues, checks and revokes bearer tokens (session tokens from sign-in and personal access tokens).</summary>
// The principal factory is asked for only when a token is not cached: building it (a UserManager with its
// validators and stores) for every API request was a few per cent of a create's CPU.
public sealed class TokenService(
    AppDbContext db,
    TimeProvider clock,
    IMemoryCache cache,
    IServiceProvider services,
    IStringLocalizer<Strings> t
)
{
    // A checked token is trusted this long without another database round trip. Revocation on this
    // node evicts at once; another node may honour a revoked token for at most this long.
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(15);

    public async Task<IssuedToken> IssueAsync(
        Guid userId,
        string name,
        ApiTokenKind kind,
        DateTime? expiresAtUtc,
        CancellationToken ct,
        string? scope = null
    )
    {
        var token = "sf_" + Base64Url(RandomNumberGenerator.GetBytes(32));
        var row = new ApiToken
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Name = name,
            Kind = kind,
            TokenHash = Hash(token),
            Prefix = token[..10],
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            ExpiresAtUtc = expiresAtUtc,
            Scope = scope,
        };
        db.ApiTokens.Add(row);
        await db.SaveChangesAsync(ct);
        return new IssuedToken(row.Id, token, expiresAtUtc);
    }

    /// <summary>The principal for a token, or null when it is unknown, expired, revoked, or its user may not sign in.</summary>
    public async Task<ClaimsPrincipal?> AuthenticateAsync(string token, CancellationToken ct)
    {
        if (token.Length is < 10 or > 100)
            return null;
        var hash = Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        if (cache.TryGetValue(CacheKey(hash), out Checked? cached) && cached is not null)
            return cached.ExpiresAtUtc is null || cached.ExpiresAtUtc > now ? cached.Principal : null;

        var row = await db.ApiTokens.AsNoTracking().SingleOrDefaultAsync(x => x.TokenHash == hash, ct);
        if (row is null || row.RevokedAtUtc is not null || row.ExpiresAtUtc <= now)
            return null;
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == row.UserId, ct);
        if (user is null || !user.IsActive || user.LockoutEnd > clock.GetUtcNow())
            return null;

        // A scoped token acts for its issuer (the audit log names them) but holds no role: only its scope's policy admits it.
        IEnumerable<Claim> claims = row.Scope is { } scope
            ?
            [
                new(ClaimTypes.NameIdentifier, user.Id.ToString()),
                new(ClaimTypes.Name, row.Name),
                new(AppClaims.DisplayName, row.Name),
                new(ApiScopes.Claim, scope),
            ]
            : (await services.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(user)).Claims;
        var identity = new ClaimsIdentity(claims, BearerTokenHandler.Scheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim("token_id", row.Id.ToString()));
        var result = new ClaimsPrincipal(identity);
        cache.Set(CacheKey(hash), new Checked(result, row.ExpiresAtUtc), CacheFor);
        return result;
    }

    public Task<List<TokenDto>> ListAsync(Guid userId, CancellationToken ct) =>
        db
            .ApiTokens.AsNoTracking()
            .Where(x => x.UserId == userId && x.Kind == ApiTokenKind.Personal)
            .OrderByDescending(x => x.CreatedAtUtc)
            .Select(x => new TokenDto(x.Id, x.Name, x.Prefix, x.Kind, x.CreatedAtUtc, x.ExpiresAtUtc, x.RevokedAtUtc, x.Scope))
            .ToListAsync(ct);

    public async Task<IssuedToken> CreatePersonalAsync(Guid userId, string? name, int? days, CancellationToken ct, string? scope = null)
    {
        var errors = new ValidationErrors();
        if (scope is not null)
        {
            if (!ApiScopes.IssuedBy.TryGetValue(scope, out var issuers))
                errors.Add("scope", t["Tokens.Error.Scope", string.Join(", ", ApiScopes.IssuedBy.Keys)]);
            else if (
                !await db.UserRoles.AnyAsync(
                    ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && issuers.Contains(r.Name!)),
                    ct
                )
            )
                errors.Add("scope", t["Tokens.Error.ScopeRole"]);
        }
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
            errors.Add("name", t["Tokens.Error.Name"]);
        if (days is < 1 or > 3650)
            errors.Add("days", t["Tokens.Error.Days"]);
        errors.ThrowIfAny();
        DateTime? expires = days is null ? null : clock.GetUtcNow().UtcDateTime.AddDays(days.Value);
        return await IssueAsync(userId, name!.Trim(), ApiTokenKind.Personal, expires, ct, scope);
    }

    public async Task RevokeAsync(Guid userId, Guid tokenId, CancellationToken ct)
    {
        var row = await db.ApiTokens.SingleOrDefaultAsync(x => x.Id == tokenId && x.UserId == userId, ct)
            ?? throw new AppNotFoundException(t["Common.NotFound"]);
        if (row.RevokedAtUtc is not null)
            return;
        row.RevokedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        cache.Remove(CacheKey(row.TokenHash));
    }

    /// <summary>Called when a user is deactivated or their password reset: all their tokens stop working.</summary>
    public async Task RevokeAllAsync(Guid userId, CancellationToken ct)
    {
        var rows = await db.ApiTokens.Where(x => x.UserId == userId && x.RevokedAtUtc == null).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var row in rows)
            row.RevokedAtUtc = now;
        await db.SaveChangesAsync(ct);
        foreach (var row in rows)
            cache.Remove(CacheKey(row.TokenHash));
    }

    private sealed record Checked(ClaimsPrincipal Principal, DateTime? ExpiresAtUtc);

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string CacheKey(string hash) => "token:" + hash;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
