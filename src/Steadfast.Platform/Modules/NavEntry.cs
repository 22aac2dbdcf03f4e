namespace Steadfast.Platform.Modules;

/// <summary>The menu's sections, in the order they are shown.</summary>
public enum NavSection
{
    Home,
    Business,
    Sales,
    Service,
    Parts,
    Portal,
    Data,
    Settings,
}

/// <summary>
/// One entry of the left menu. <see cref="TextKey"/> is a string-table key. Visible to users who meet
/// <see cref="Policy"/> (or hold one of <see cref="Roles"/>); with neither, to everyone signed in.
/// </summary>
public sealed record NavEntry(NavSection Section, int Order, string Href, string TextKey, string Icon)
{
    public string? Policy { get; init; }
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Highlighted only on exactly its own address (the home page), not on addresses below it.</summary>
    public bool MatchAll { get; init; }
}

/// <summary>The menu's entries grouped by section and sorted, from whichever modules are installed.</summary>
public static class Navigation
{
    public static IReadOnlyList<(NavSection Section, IReadOnlyList<NavEntry> Entries)> Build(IEnumerable<NavEntry> entries) =>
        [
            .. entries
                .GroupBy(e => e.Section)
                .OrderBy(g => g.Key)
                .Select(g => (g.Key, (IReadOnlyList<NavEntry>)[.. g.OrderBy(e => e.Order).ThenBy(e => e.Href, StringComparer.Ordinal)])),
        ];
}

/// <summary>The menu entries a user may open: the installed modules' entries that pass their role and policy checks.</summary>
public sealed class NavigationAccess(InstalledModules modules, Microsoft.AspNetCore.Authorization.IAuthorizationService authorization)
{
    public async Task<IReadOnlyList<NavEntry>> VisibleToAsync(System.Security.Claims.ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true)
            return [];
        var allowed = new List<NavEntry>();
        foreach (var entry in modules.Navigation)
        {
            if (entry.Roles.Count > 0 && !entry.Roles.Any(user.IsInRole))
                continue;
            if (entry.Policy is null || (await authorization.AuthorizeAsync(user, null, entry.Policy)).Succeeded)
                allowed.Add(entry);
        }
        return allowed;
    }
}
