using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor.Services;
using Steadfast.Customers.Public;
using Steadfast.Inventory.Public;
using Steadfast.Platform.Identity;
using Steadfast.Platform.Modules;
using Steadfast.Service.Public;
using Steadfast.Web;
using Steadfast.Web.Components.Layout;

namespace Steadfast.UnitTests;

public sealed class NavigationTests
{
    [Fact]
    public void The_modules_beside_the_app_are_found_with_their_dependencies_first()
    {
        var modules = ModuleCatalog.Create().Select(m => m.GetType()).ToList();
        Assert.Equal(
            // Automation uses no Sales type yet, so the compiler keeps no reference and the two tie, ordered by name.
            [
                typeof(CustomersModule),
                typeof(InventoryModule),
                typeof(ServiceModule),
                typeof(Steadfast.Automation.Public.AutomationModule),
                typeof(Steadfast.Sales.Public.SalesModule),
            ],
            modules
        );
        Assert.Equal(modules.Select(m => m.Assembly), ModuleCatalog.Assemblies);
    }

    [Fact]
    public void Sections_come_in_their_order_and_entries_in_theirs()
    {
        var sections = Navigation.Build(new InstalledModules(new HostModule(), ModuleCatalog.Create()).Navigation);
        Assert.Equal(NavSection.Home, sections[0].Section);
        Assert.Equal(sections.Select(s => s.Section).Order(), sections.Select(s => s.Section));
        foreach (var (_, entries) in sections)
            Assert.Equal(entries.Select(e => e.Order).Order(), entries.Select(e => e.Order));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_menu_shows_a_modules_entries_only_when_the_module_is_installed(bool withInventory)
    {
        var modules = ModuleCatalog.Create().Where(m => withInventory || m is not InventoryModule);
        var hrefs = await MenuLinksAsync(modules, "warehouse@steadfast.local", Roles.Warehouse, Policies.Staff);

        Assert.Contains("/customers", hrefs);
        Assert.Contains("/service", hrefs);
        Assert.Equal(withInventory, hrefs.Contains("/stock"));
        Assert.Equal(withInventory, hrefs.Contains("/parts/reports"));
        // Entries behind a policy the reader lacks stay out.
        Assert.DoesNotContain("/settings/users", hrefs);
        Assert.DoesNotContain("/service/dashboard", hrefs);
    }

    [Fact]
    public async Task A_customer_sees_the_portal_entries_and_nothing_of_the_back_office()
    {
        var hrefs = await MenuLinksAsync(ModuleCatalog.Create(), "customer@steadfast.local", Roles.Customer);

        Assert.Equal(["/", "/equipment", "/service", "/my-projects", "/my-contracts", "/settings/tokens"], hrefs);
    }

    /// <summary>The addresses of the menu as one user sees it, with only <paramref name="modules"/> installed.</summary>
    private static async Task<List<string?>> MenuLinksAsync(
        IEnumerable<SteadfastModule> modules,
        string user,
        string role,
        params string[] policies
    )
    {
        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton<IStringLocalizer<Platform.Localization.Strings>>(Strings.Localizer());
        ctx.Services.AddSingleton(new InstalledModules(new HostModule(), modules));
        ctx.Services.AddScoped<NavigationAccess>();
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized(user);
        auth.SetRoles(role);
        auth.SetPolicies(policies);
        var cut = ctx.Render<NavMenu>();
        // No placeholder stands in for a module that is not installed.
        Assert.Empty(cut.FindAll(".mud-nav-link-disabled"));
        return [.. cut.FindAll("a[href]").Select(a => a.GetAttribute("href"))];
    }
}
