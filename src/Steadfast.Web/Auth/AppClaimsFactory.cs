using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Steadfast.Platform.Identity;

namespace Steadfast.Web.Auth;

/// <summary>Adds what pages and scoping rules need without another query: display name and outside party.</summary>
public sealed class AppClaimsFactory(UserManager<AppUser> users, RoleManager<AppRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(users, roles, options)
{
    public const string DisplayName = AppClaims.DisplayName;

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayName, user.DisplayName));
        if (user.Email is not null && !identity.HasClaim(c => c.Type == ClaimTypes.Email))
            identity.AddClaim(new Claim(ClaimTypes.Email, user.Email));
        if (user.CustomerId is { } c)
            identity.AddClaim(new Claim(AppClaims.CustomerId, c.ToString()));
        if (user.DealerId is { } d)
            identity.AddClaim(new Claim(AppClaims.DealerId, d.ToString()));
        if (user.TeamId is { } t)
            identity.AddClaim(new Claim(AppClaims.TeamId, t.ToString()));
        return identity;
    }
}
