using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Api;
using Steadfast.Platform.Audit;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Localization;
using Steadfast.Web.Api;

namespace Steadfast.Web.Auth;

public static class AuthEndpoints
{
    public static void MapAuthEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/token", CreateSessionToken)
            .AllowAnonymous()
            .RequireRateLimiting(ApiConventions.AuthRateLimit)
            .WithName("CreateSessionToken")
            .WithSummary(
                "Sign in with email and password; returns a bearer token. Failed attempts are counted per account and per address: "
                    + "past the limit the answer is 429 with Retry-After."
            )
            .WithTags("Auth");

        var me = api.MapGroup("/me").RequirePolicy(Policies.SignedIn).WithTags("Auth");
        me.MapGet("", GetMe).WithName("GetMe").WithSummary("The signed-in user.");
        me.MapGet("/tokens", ListTokens).WithName("ListPersonalTokens").WithSummary("My personal access tokens.");
        me.MapPost("/tokens", CreateToken)
            .WithName("CreatePersonalToken")
            .WithSummary("Create a personal access token; the token is shown once.");
        me.MapDelete("/tokens/{id:guid}", RevokeToken)
            .WithName("RevokePersonalToken")
            .WithSummary("Revoke one of my personal access tokens.");
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> CreateSessionToken(
        TokenRequest body,
        UserManager<AppUser> users,
        AppSignInManager signIn,
        TokenService tokens,
        TimeProvider clock,
        IConfiguration config,
        CurrentActor actor,
        IStringLocalizer<Strings> t,
        SignInThrottle throttle,
        HttpContext http,
        CancellationToken ct
    )
    {
        var address = http.Connection.RemoteIpAddress?.ToString();
        if (throttle.RetryAfter(address, body.Email) is { } wait)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(
                System.Globalization.CultureInfo.InvariantCulture
            );
            return TypedResults.Problem(title: t["Auth.Error.TooMany"], statusCode: StatusCodes.Status429TooManyRequests);
        }
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(body.Email))
            errors.Add("email", t["Auth.Error.EmailRequired"]);
        if (string.IsNullOrEmpty(body.Password))
            errors.Add("password", t["Auth.Error.PasswordRequired"]);
        if (errors.Any)
            return TypedResults.ValidationProblem(errors.ToDictionary());

        var user = await users.FindByEmailAsync(body.Email!.Trim());
        if (user is null)
        {
            throttle.Failed(address, body.Email);
            return TypedResults.Problem(title: t["Auth.Error.Invalid"], statusCode: StatusCodes.Status401Unauthorized);
        }
        var result = await signIn.CheckPasswordSignInAsync(user, body.Password!, lockoutOnFailure: true);
        if (result.Succeeded)
            throttle.Succeeded(body.Email);
        else
            throttle.Failed(address, body.Email);
        if (result.IsLockedOut)
            return TypedResults.Problem(title: t["Auth.Error.LockedOut"], statusCode: StatusCodes.Status403Forbidden);
        if (result.IsNotAllowed)
            return TypedResults.Problem(title: t["Auth.Error.Inactive"], statusCode: StatusCodes.Status403Forbidden);
        if (!result.Succeeded)
            return TypedResults.Problem(title: t["Auth.Error.Invalid"], statusCode: StatusCodes.Status401Unauthorized);

        // The new session is recorded as the user's own act, not the system's.
        actor.Use(await signIn.CreateUserPrincipalAsync(user));
        var expires = clock.GetUtcNow().UtcDateTime.AddHours(config.GetValue("Auth:TokenHours", 8));
        var issued = await tokens.IssueAsync(user.Id, "session", ApiTokenKind.Session, expires, ct);
        return TypedResults.Ok(new TokenResponse(issued.Token, expires));
    }

    private static async Task<Results<Ok<MeResponse>, UnauthorizedHttpResult>> GetMe(CurrentActor actor, UserManager<AppUser> users)
    {
        var user = actor.UserId is { } id ? await users.FindByIdAsync(id.ToString()) : null;
        if (user is null)
            return TypedResults.Unauthorized();
        var roles = actor.Principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        return TypedResults.Ok(
            new MeResponse(user.Id, user.Email ?? "", user.DisplayName, roles, user.CustomerId, user.DealerId, user.Culture)
        );
    }

    private static async Task<Ok<List<TokenDto>>> ListTokens(CurrentActor actor, TokenService tokens, CancellationToken ct) =>
        TypedResults.Ok(await tokens.ListAsync(actor.UserId!.Value, ct));

    private static async Task<Created<IssuedToken>> CreateToken(
        CreateTokenRequest body,
        CurrentActor actor,
        TokenService tokens,
        CancellationToken ct
    )
    {
        var issued = await tokens.CreatePersonalAsync(actor.UserId!.Value, body.Name, body.Days, ct, body.Scope);
        return TypedResults.Created($"/api/v1/me/tokens/{issued.Id}", issued);
    }

    private static async Task<NoContent> RevokeToken(Guid id, CurrentActor actor, TokenService tokens, CancellationToken ct)
    {
        await tokens.RevokeAsync(actor.UserId!.Value, id, ct);
        return TypedResults.NoContent();
    }
}
