using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Steadfast.Platform.Identity;

namespace Steadfast.Web.Auth;

/// <summary>Identity's sign-in, plus: a deactivated user cannot sign in or keep a session.</summary>
public sealed class AppSignInManager(
    UserManager<AppUser> users,
    IHttpContextAccessor http,
    IUserClaimsPrincipalFactory<AppUser> claims,
    IOptions<IdentityOptions> options,
    ILogger<SignInManager<AppUser>> log,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation
) : SignInManager<AppUser>(users, http, claims, options, log, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AppUser user) => user.IsActive && await base.CanSignInAsync(user);
}
