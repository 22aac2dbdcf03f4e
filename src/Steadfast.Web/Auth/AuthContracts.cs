using Steadfast.Platform.Identity;

namespace Steadfast.Web.Auth;

public sealed record IssuedToken(Guid Id, string Token, DateTime? ExpiresAt);

public sealed record TokenDto(
    Guid Id,
    string Name,
    string Prefix,
    ApiTokenKind Kind,
    DateTime CreatedAt,
    DateTime? ExpiresAt,
    DateTime? RevokedAt,
    string? Scope = null
);

public sealed record TokenRequest(string? Email, string? Password);

public sealed record TokenResponse(string Token, DateTime ExpiresAt);

public sealed record MeResponse(
    Guid Id,
    string Email,
    string DisplayName,
    IReadOnlyList<string> Roles,
    Guid? CustomerId,
    Guid? DealerId,
    string? Culture
);

/// <param name="Scope">Null for the user's own rights, or an API scope (<c>leads.intake</c>: the website's lead form only).</param>
public sealed record CreateTokenRequest(string? Name, int? Days, string? Scope = null);
