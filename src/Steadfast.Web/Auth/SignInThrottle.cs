using System.Collections.Concurrent;

namespace Steadfast.Web.Auth;

/// <summary>
/// Slows password guessing without stopping colleagues: only failed sign-ins count, per account (whatever the address)
/// and per client address (whatever the account). A factory's staff behind one NAT or proxy, signing in with the right
/// passwords, never add up to a limit; someone guessing at one account, or at many accounts from one address, does.
/// Successful sign-ins forget the account's failures. Held in this node's memory: with several nodes each counts its
/// own share, so the limits are per node (identity's own lockout, in the database, still locks a guessed account).
/// </summary>
public sealed class SignInThrottle(IConfiguration config, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Window> _failures = new(StringComparer.Ordinal);

    private int AccountLimit => config.GetValue("Auth:FailedSignInsPerAccount", 5);
    private int AddressLimit => config.GetValue("Auth:FailedSignInsPerAddress", 20);
    private TimeSpan Span => config.GetValue("Auth:FailedSignInWindow", TimeSpan.FromMinutes(15));

    /// <summary>How long the caller must wait before trying again, or null when it may try now.</summary>
    public TimeSpan? RetryAfter(string? address, string? account)
    {
        var now = clock.GetUtcNow();
        TimeSpan? wait = null;
        foreach (var (key, limit) in Keys(address, account))
            if (_failures.TryGetValue(key, out var w) && w.Count(now, Span) >= limit)
            {
                var left = w.Oldest + Span - now;
                wait = wait is { } x && x > left ? x : left;
            }
        return wait;
    }

    public void Failed(string? address, string? account)
    {
        var now = clock.GetUtcNow();
        foreach (var (key, _) in Keys(address, account))
            _failures.GetOrAdd(key, _ => new Window()).Add(now, Span);
        if (_failures.Count > 100_000)
            Sweep(now);
    }

    public void Succeeded(string? account)
    {
        if (!string.IsNullOrWhiteSpace(account))
            _failures.TryRemove("account:" + Normal(account), out _);
    }

    private IEnumerable<(string Key, int Limit)> Keys(string? address, string? account)
    {
        if (!string.IsNullOrWhiteSpace(account))
            yield return ("account:" + Normal(account), AccountLimit);
        yield return ("address:" + (address ?? "unknown"), AddressLimit);
    }

    private static string Normal(string account) => account.Trim().ToUpperInvariant();

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, w) in _failures)
            if (w.Count(now, Span) == 0)
                _failures.TryRemove(key, out _);
    }

    /// <summary>The times of recent failures of one key, oldest first.</summary>
    private sealed class Window
    {
        private readonly Queue<DateTimeOffset> _times = new();

        public DateTimeOffset Oldest
        {
            get
            {
                lock (_times)
                    return _times.Count > 0 ? _times.Peek() : DateTimeOffset.MinValue;
            }
        }

        public void Add(DateTimeOffset now, TimeSpan span)
        {
            lock (_times)
            {
                Trim(now, span);
                _times.Enqueue(now);
            }
        }

        public int Count(DateTimeOffset now, TimeSpan span)
        {
            lock (_times)
            {
                Trim(now, span);
                return _times.Count;
            }
        }

        private void Trim(DateTimeOffset now, TimeSpan span)
        {
            while (_times.Count > 0 && _times.Peek() <= now - span)
                _times.Dequeue();
        }
    }
}
