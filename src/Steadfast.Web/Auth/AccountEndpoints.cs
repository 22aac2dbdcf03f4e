using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Steadfast.Platform.Api;
using Steadfast.Platform.Data;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Localization;
using Steadfast.Web.Api;

namespace Steadfast.Web.Auth;

/// <summary>The browser's sign-in and sign-out (form posts with antiforgery) and the language switch.</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/login", Login).AllowAnonymous().RequireRateLimiting(ApiConventions.AuthRateLimit).ExcludeFromDescription();
        app.MapPost("/account/logout", Logout).RequirePolicy(Policies.SignedIn).ExcludeFromDescription();
    }

    public static void MapCultureEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/culture/set", SetCulture).AllowAnonymous().ExcludeFromDescription();

    private static async Task<IResult> Login(
        [FromForm] string? email,
        [FromForm] string? password,
        [FromForm] string? returnUrl,
        UserManager<AppUser> users,
        AppSignInManager signIn,
        SignInThrottle throttle,
        HttpContext http
    )
    {
        var back = SafeLocal(returnUrl);
        string Fail(string code) =>
            $"/account/login?error={code}&returnUrl={Uri.EscapeDataString(back)}&email={Uri.EscapeDataString(email ?? "")}";
        var address = http.Connection.RemoteIpAddress?.ToString();
        if (throttle.RetryAfter(address, email) is not null)
            return Results.LocalRedirect(Fail("throttled"));
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
            return Results.LocalRedirect(Fail("missing"));
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            throttle.Failed(address, email);
            return Results.LocalRedirect(Fail("invalid"));
        }
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: true, lockoutOnFailure: true);
        if (!result.Succeeded)
            throttle.Failed(address, email);
        if (result.Succeeded)
        {
            throttle.Succeeded(email);
            // The language a user chose before follows them to a new browser.
            if (user.Culture is { } culture)
                RememberCulture(http, culture);
            return Results.LocalRedirect(back);
        }
        return Results.LocalRedirect(
            Fail(
                result.IsLockedOut ? "locked"
                : result.IsNotAllowed ? "inactive"
                : "invalid"
            )
        );
    }

    private static async Task<IResult> Logout(AppSignInManager signIn)
    {
        await signIn.SignOutAsync();
        return Results.LocalRedirect("/account/login");
    }

    /// <summary>Remembers the chosen language in a cookie (and on the user, when signed in) and goes back.</summary>
    private static async Task<IResult> SetCulture(string? culture, string? redirectUri, HttpContext http, UserManager<AppUser> users)
    {
        var chosen = StringTables.Cultures.FirstOrDefault(c => string.Equals(c, culture, StringComparison.OrdinalIgnoreCase)) ?? "en";
        RememberCulture(http, chosen);
        if (http.User.Identity?.IsAuthenticated == true && await users.GetUserAsync(http.User) is { } user && user.Culture != chosen)
        {
            user.Culture = chosen;
            await users.UpdateAsync(user);
        }
        return Results.LocalRedirect(SafeLocal(redirectUri));
    }

    private static void RememberCulture(HttpContext http, string culture) =>
        http.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions
            {
                Expires = DateTimeOffset.MaxValue,
                HttpOnly = false,
                SameSite = SameSiteMode.Lax,
                IsEssential = true,
            }
        );

    private static string SafeLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url.StartsWith('/')
        && !url.StartsWith("//", StringComparison.Ordinal)
        && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}
