using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Steadfast.Platform.Localization;

/// <summary>Marker type: inject <c>IStringLocalizer&lt;Strings&gt;</c> for the app's one string table.</summary>
#pragma warning disable CA1052 // a marker for IStringLocalizer<T>, never instantiated
public sealed class Strings;
#pragma warning restore CA1052

/// <summary>
/// The string tables: one JSON file per language per assembly, embedded as
/// <c>Steadfast.Strings.{culture}.json</c>, merged across the assemblies the host names.
/// JSON instead of resx keeps both languages of a string side by side in review.
/// </summary>
public sealed class StringTables
{
    public static readonly string[] Cultures = ["zh-CN", "en"];
    private readonly Dictionary<string, Dictionary<string, string>> _tables = new(StringComparer.OrdinalIgnoreCase);

    public StringTables(IEnumerable<Assembly> assemblies)
    {
        foreach (var culture in Cultures)
            _tables[culture] = new(StringComparer.Ordinal);
        foreach (var assembly in assemblies.Distinct())
        {
            foreach (var culture in Cultures)
            {
                using var stream = assembly.GetManifestResourceStream($"Steadfast.Strings.{culture}.json");
                if (stream is null)
                    continue;
                var entries = JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [];
                foreach (var (k, v) in entries)
                {
                    if (!_tables[culture].TryAdd(k, v))
                        throw new InvalidOperationException(
                            $"String key '{k}' ({culture}) is defined twice; found again in {assembly.GetName().Name}."
                        );
                }
            }
        }
    }

    public IReadOnlyDictionary<string, string> Table(string culture) => _tables[culture];

    public static string Pick(CultureInfo culture) => culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh-CN" : "en";

    /// <summary>A string in every language: what an imported cell may say for one value.</summary>
    public string[] InBoth(string key) => [.. Cultures.Select(c => _tables[c].GetValueOrDefault(key)).OfType<string>()];

    public string? Find(string key, CultureInfo culture) =>
        _tables[Pick(culture)].TryGetValue(key, out var v) ? v : _tables["en"].GetValueOrDefault(key);
}

internal sealed class JsonStringLocalizer(StringTables tables) : IStringLocalizer
{
    public LocalizedString this[string name]
    {
        get
        {
            var value = tables.Find(name, CultureInfo.CurrentUICulture);
            return new LocalizedString(name, value ?? name, resourceNotFound: value is null);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var s = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, s.Value, arguments), s.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        tables.Table(StringTables.Pick(CultureInfo.CurrentUICulture)).Select(kv => new LocalizedString(kv.Key, kv.Value));
}

internal sealed class JsonStringLocalizerFactory(StringTables tables) : IStringLocalizerFactory
{
    private readonly ConcurrentDictionary<int, JsonStringLocalizer> _one = new();

    public IStringLocalizer Create(Type resourceSource) => _one.GetOrAdd(0, _ => new JsonStringLocalizer(tables));

    public IStringLocalizer Create(string baseName, string location) => Create(typeof(Strings));
}
