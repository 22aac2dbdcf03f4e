using Steadfast.Platform.Modules;

namespace Steadfast.Platform.Data;

/// <summary>The model's assemblies: Platform's and those of the modules <see cref="ModuleCatalog"/> finds beside the app.</summary>
public static class ModelCatalog
{
    private static readonly Lazy<ModelParts> Lazy = new(() => new ModelParts(ModuleCatalog.Assemblies));

    public static ModelParts Parts => Lazy.Value;
}
