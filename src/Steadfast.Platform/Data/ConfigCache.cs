using Microsoft.Extensions.Caching.Memory;

namespace Steadfast.Platform.Data;

/// <summary>A record that shapes how other records are computed (the calendar, SLA policies): read on every intake, written rarely.</summary>
public interface IConfigRecord;

/// <summary>
/// Configuration read by hot paths, kept in memory. A save of any <see cref="IConfigRecord"/> through
/// this process starts a new generation, so this node sees its own edits at once; another node's edits
/// reach it within <see cref="Lifetime"/>. Reading the calendar and policies was three of a create's
/// statements (bench/RESULTS.md).
/// </summary>
public sealed class ConfigCache : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(15);
    private readonly MemoryCache _cache = new(new MemoryCacheOptions());
    private long _generation;

    public void Changed() => Interlocked.Increment(ref _generation);

    public async Task<T> GetAsync<T>(string key, Func<Task<T>> load)
    {
        var generation = Interlocked.Read(ref _generation);
        var slot = $"{key}@{generation}";
        if (_cache.TryGetValue(slot, out T? hit)) return hit!;
        var value = await load();
        // A save that landed while this was loading may not be in the value: keep it only if none did.
        if (Interlocked.Read(ref _generation) == generation) _cache.Set(slot, value, Lifetime);
        return value;
    }

    public void Dispose() => _cache.Dispose();
}
