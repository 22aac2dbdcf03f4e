using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Steadfast.Platform.Localization;

namespace Steadfast.UnitTests;

/// <summary>The app's real string tables for tests that need a localizer.</summary>
internal static class Strings
{
    public static readonly StringTables Tables = new([
        .. Steadfast.Platform.Data.ModelCatalog.Parts.Assemblies,
        typeof(Steadfast.Web.SteadfastApp).Assembly,
    ]);

    public static IStringLocalizer<Platform.Localization.Strings> Localizer()
    {
        var services = new ServiceCollection();
        services.AddSingleton(Tables);
        services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
        services.AddTransient(typeof(IStringLocalizer<>), typeof(StringLocalizer<>));
        return services.BuildServiceProvider().GetRequiredService<IStringLocalizer<Platform.Localization.Strings>>();
    }

    public static IDisposable Culture(string name)
    {
        var (ui, c) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(name);
        return new Restore(() => (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, c));
    }

    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
