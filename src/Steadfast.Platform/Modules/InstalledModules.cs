using System.Reflection;

namespace Steadfast.Platform.Modules;

/// <summary>The modules of this app, dependencies first, after the host's own contribution.</summary>
public sealed class InstalledModules
{
    public InstalledModules(SteadfastModule host, IEnumerable<SteadfastModule> modules)
    {
        Modules = [.. modules];
        All = [host, .. Modules];
        // Gathered once: the menu reads it on every page.
        Navigation = [.. All.SelectMany(m => m.Navigation)];
    }

    public IReadOnlyList<SteadfastModule> Modules { get; }

    public IReadOnlyList<SteadfastModule> All { get; }

    /// <summary>Every assembly with pages besides the host's (the router's own): the platform's and each module's.</summary>
    public IReadOnlyList<Assembly> PageAssemblies => [typeof(InstalledModules).Assembly, .. Modules.Select(m => m.Assembly).Distinct()];

    /// <summary>Every menu entry of the host and the modules.</summary>
    public IReadOnlyList<NavEntry> Navigation { get; }
}

/// <summary>
/// The module projects beside the running app: every Steadfast.*.dll carrying <see cref="SteadfastModuleAttribute"/>.
/// Platform cannot reference the modules, and this way the host, the design-time factories of both migration
/// sets and the tests share one list that nobody keeps by hand.
/// </summary>
public static class ModuleCatalog
{
    private static readonly Lazy<IReadOnlyList<Type>> Types = new(Discover);

    /// <summary>The module assemblies, dependencies first.</summary>
    public static IReadOnlyList<Assembly> Assemblies => [.. Types.Value.Select(t => t.Assembly)];

    /// <summary>A fresh instance of every module, dependencies first.</summary>
    public static IReadOnlyList<SteadfastModule> Create() => [.. Types.Value.Select(t => (SteadfastModule)Activator.CreateInstance(t)!)];

    private static List<Type> Discover()
    {
        var found = new List<(Assembly Assembly, Type Module)>();
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "Steadfast.*.dll"))
        {
            var name = AssemblyName.GetAssemblyName(file);
            var assembly = AppDomain
                .CurrentDomain.GetAssemblies()
                .FirstOrDefault(a => AssemblyName.ReferenceMatchesDefinition(a.GetName(), name))
                ?? Assembly.Load(name);
            if (assembly.GetCustomAttribute<SteadfastModuleAttribute>() is { } attribute)
            {
                if (!typeof(SteadfastModule).IsAssignableFrom(attribute.Module) || attribute.Module.Assembly != assembly)
                    throw new InvalidOperationException(
                        $"{assembly.GetName().Name}: [SteadfastModule] must name a SteadfastModule of its own assembly."
                    );
                found.Add((assembly, attribute.Module));
            }
        }
        return DependenciesFirst(found);
    }

    /// <summary>A module comes after every module it references; otherwise by name, so the order is stable.</summary>
    private static List<Type> DependenciesFirst(List<(Assembly Assembly, Type Module)> found)
    {
        var names = found.ToDictionary(f => f.Assembly.GetName().Name!, StringComparer.Ordinal);
        var ordered = new List<Type>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        void Place(string name)
        {
            if (!placed.Add(name))
                return;
            foreach (var reference in names[name].Assembly.GetReferencedAssemblies())
                if (reference.Name is { } r && names.ContainsKey(r))
                    Place(r);
            ordered.Add(names[name].Module);
        }
        foreach (var name in names.Keys.Order(StringComparer.Ordinal))
            Place(name);
        return ordered;
    }
}
