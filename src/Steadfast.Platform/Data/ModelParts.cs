using System.Reflection;

namespace Steadfast.Platform.Data;

/// <summary>
/// The assemblies whose <c>IEntityTypeConfiguration</c> classes make up the model: Platform's own and
/// the modules' that <see cref="ModelCatalog"/> lists.
/// </summary>
public sealed class ModelParts(IEnumerable<Assembly> assemblies)
{
    public IReadOnlyList<Assembly> Assemblies { get; } =
    [typeof(ModelParts).Assembly, .. assemblies.Where(a => a != typeof(ModelParts).Assembly).Distinct()];
}
