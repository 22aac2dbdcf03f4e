using MudBlazor;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Modules;

namespace Steadfast.Web;

/// <summary>
/// The host's own menu entries: home, import, settings. Its services and endpoints are wired in <see cref="SteadfastApp"/>.
/// </summary>
internal sealed class HostModule : SteadfastModule
{
    public override IEnumerable<NavEntry> Navigation =>
        [
            new(NavSection.Home, 0, "/", "Nav.Home", Icons.Material.Outlined.SpaceDashboard) { MatchAll = true },
            new(NavSection.Data, 10, "/imports", "Nav.Import", Icons.Material.Outlined.UploadFile) { Policy = Policies.Importers },
            new(NavSection.Settings, 10, "/settings/users", "Nav.Users", Icons.Material.Outlined.People) { Policy = Policies.Admin },
            new(NavSection.Settings, 20, "/settings/teams", "Nav.Teams", Icons.Material.Outlined.Groups) { Policy = Policies.Admin },
            new(NavSection.Settings, 30, "/settings/company", "Nav.Company", Icons.Material.Outlined.Business) { Policy = Policies.Admin },
            new(NavSection.Settings, 40, "/settings/notifications", "Nav.NotifySettings", Icons.Material.Outlined.NotificationsActive)
            {
                Policy = Policies.Admin,
            },
            new(NavSection.Settings, 50, "/settings/custom-fields", "Nav.CustomFields", Icons.Material.Outlined.DashboardCustomize)
            {
                Policy = Policies.Admin,
            },
            new(NavSection.Settings, 60, "/settings/audit", "Nav.Audit", Icons.Material.Outlined.History) { Policy = Policies.Admin },
            new(NavSection.Settings, 90, "/settings/tokens", "Nav.Tokens", Icons.Material.Outlined.Key),
        ];
}
