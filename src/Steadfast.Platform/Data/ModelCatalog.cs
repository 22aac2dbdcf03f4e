using System.Reflection;

namespace Steadfast.Platform.Data;

/// <summary>Marks a module assembly whose entities belong in <see cref="AppDbContext"/>.</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class ModelAssemblyAttribute : Attribute;

/// <summary>
/// The model assemblies of the product, found beside the running app: every Steadfast.*.dll marked
/// with <see cref="ModelAssemblyAttribute"/>. Platform cannot reference the modules, and this way the
/// host, the design-time factories of both migration sets and the tests share one list without
/// anybody keeping it by hand.
/// </summary>
public static class ModelCatalog
{
    private static readonly Lazy<ModelParts> Lazy = new(Discover);

    public static ModelParts Parts => Lazy.Value;

    private static ModelParts Discover()
    {
        var found = new List<Assembly>();
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "Steadfast.*.dll"))
        {
            var name = AssemblyName.GetAssemblyName(file);
            var assembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => AssemblyName.ReferenceMatchesDefinition(a.GetName(), name))
                ?? Assembly.Load(name);
            if (assembly.GetCustomAttribute<ModelAssemblyAttribute>() is not null) found.Add(assembly);
        }
        return new ModelParts(found.OrderBy(a => a.GetName().Name, StringComparer.Ordinal));
    }
}
