using Microsoft.Extensions.Caching.Memory;

namespace Steadfast.Platform.Data;

/// <summary>
/// A record that shapes how other records are computed (the calendar, SLA policies): read on every intake, written rarely.
/// </summary>
public interface IConfigRecord;

/// <summary>
/// Configuration read by hot paths, kept in memory. A save of any <see cref="IConfigRecord"/> through
/// this process starts a new generation, so this node sees its own edits at once; another node's edits
/// (or one committed by an enclosing transaction after the save) reach it within <see cref="Lifetime"/>.
/// Without it, reading the calendar and policies was three of a create's statements.
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
        return _cache.TryGetValue(Slot(key, generation), out T? hit) ? hit! : Keep(key, generation, await load());
    }

    public T Get<T>(string key, Func<T> load)
    {
        var generation = Interlocked.Read(ref _generation);
        return _cache.TryGetValue(Slot(key, generation), out T? hit) ? hit! : Keep(key, generation, load());
    }

    // A save that landed while the value was loading may not be in it: keep it only if none did.
    private T Keep<T>(string key, long generation, T value)
    {
        if (Interlocked.Read(ref _generation) == generation)
            _cache.Set(Slot(key, generation), value, Lifetime);
        return value;
    }

    private static string Slot(string key, long generation) => $"{key}@{generation}";

    public void Dispose() => _cache.Dispose();
}
