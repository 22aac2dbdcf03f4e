using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Steadfast.Platform.Audit;

/// <summary>
/// Who is acting in this scope: the signed-in user of the HTTP request or Blazor circuit, or the
/// system (CLI verbs, background jobs). Audit rows and ownership checks read it.
/// </summary>
public sealed class CurrentActor(IHttpContextAccessor http)
{
    private ClaimsPrincipal? _principal;

    public ClaimsPrincipal Principal => _principal ?? http.HttpContext?.User ?? new ClaimsPrincipal(new ClaimsIdentity());

    public void Use(ClaimsPrincipal principal) => _principal = principal;

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    public Guid? UserId => Guid.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public string Name => IsAuthenticated ? Principal.FindFirstValue(ClaimTypes.Email) ?? Principal.Identity?.Name ?? "?" : "system";

    public bool IsInRole(string role) => Principal.IsInRole(role);
}
