using System.Reflection;

namespace Steadfast.ArchitectureTests;

/// <summary>
/// Modules depend on each other in one direction only (docs/ARCHITECTURE.md): Customers ← Inventory ←
/// Service ← Sales, Insights reads all, Platform depends on none, and only the host sees everything.
/// </summary>
public sealed class ModuleDependencyTests
{
    /// <summary>Which Steadfast assemblies each one may reference. A new project must be added here on purpose.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Steadfast.Platform"] = [],
        ["Steadfast.Customers"] = ["Steadfast.Platform"],
        ["Steadfast.Inventory"] = ["Steadfast.Platform", "Steadfast.Customers"],
        ["Steadfast.Service"] = ["Steadfast.Platform", "Steadfast.Customers", "Steadfast.Inventory"],
        ["Steadfast.Sales"] = ["Steadfast.Platform", "Steadfast.Customers", "Steadfast.Inventory", "Steadfast.Service"],
        ["Steadfast.Automation"] =
        [
            "Steadfast.Platform",
            "Steadfast.Customers",
            "Steadfast.Inventory",
            "Steadfast.Service",
            "Steadfast.Sales",
        ],
        ["Steadfast.Insights"] =
        [
            "Steadfast.Platform",
            "Steadfast.Customers",
            "Steadfast.Inventory",
            "Steadfast.Service",
            "Steadfast.Sales",
            "Steadfast.Automation",
        ],
        ["Steadfast.Migrations.Sqlite"] =
        [
            "Steadfast.Platform",
            "Steadfast.Customers",
            "Steadfast.Inventory",
            "Steadfast.Service",
            "Steadfast.Sales",
            "Steadfast.Automation",
            "Steadfast.Insights",
        ],
        ["Steadfast.Migrations.Postgres"] =
        [
            "Steadfast.Platform",
            "Steadfast.Customers",
            "Steadfast.Inventory",
            "Steadfast.Service",
            "Steadfast.Sales",
            "Steadfast.Automation",
            "Steadfast.Insights",
        ],
        ["Steadfast.Web"] = ["*"],
    };

    private static IEnumerable<Assembly> ProductAssemblies() =>
        Directory
            .EnumerateFiles(AppContext.BaseDirectory, "Steadfast.*.dll")
            .Select(f => Assembly.LoadFrom(f))
            .Where(a => !a.GetName().Name!.EndsWith("Tests", StringComparison.Ordinal));

    [Fact]
    public void Every_product_assembly_is_known_to_the_dependency_table()
    {
        var names = ProductAssemblies().Select(a => a.GetName().Name!).ToList();
        Assert.Contains("Steadfast.Platform", names);
        Assert.Contains("Steadfast.Web", names);
        Assert.DoesNotContain(names, n => !Allowed.ContainsKey(n));
    }

    [Fact]
    public void Modules_reference_only_what_the_direction_allows()
    {
        var violations = new List<string>();
        foreach (var assembly in ProductAssemblies())
        {
            var name = assembly.GetName().Name!;
            var allowed = Allowed[name];
            if (allowed.Contains("*"))
                continue;
            foreach (
                var reference in assembly
                    .GetReferencedAssemblies()
                    .Select(r => r.Name!)
                    .Where(r => r.StartsWith("Steadfast.", StringComparison.Ordinal))
            )
                if (!allowed.Contains(reference))
                    violations.Add($"{name} → {reference}");
        }
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void Nothing_but_the_host_references_the_host()
    {
        var offenders = ProductAssemblies()
            .Where(a => a.GetName().Name != "Steadfast.Web" && a.GetReferencedAssemblies().Any(r => r.Name == "Steadfast.Web"))
            .Select(a => a.GetName().Name);
        Assert.Empty(offenders);
    }
}
