namespace ScenarioEngine.Web.Auth;

/// <summary>
/// Failed sign-ins per key (a user name, an address) and the growing wait they earn: after
/// <c>freeFailures</c> each further failure doubles the wait, from <c>firstDelay</c> up to
/// <c>maxDelay</c>. An attempt is counted as failed before its password is checked and forgiven
/// when it succeeds, so a burst of parallel guesses cannot all slip through before the first
/// failure is counted. A key quiet for an hour starts again from nothing.
/// </summary>
public sealed class SignInBackoff(int freeFailures, TimeSpan firstDelay, TimeSpan maxDelay)
{
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(1);
    private const int PruneAbove = 10_000;

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>
    /// Starts an attempt. Returns how long the key must still wait (the attempt is then refused and
    /// not counted), or zero after counting it as a failure until <see cref="Succeeded"/> says otherwise.
    /// </summary>
    public TimeSpan Begin(string key, DateTimeOffset now)
    {
        lock (_lock)
        {
            var entry = Find(key, now);
            if (entry.LockedUntil > now)
            {
                return entry.LockedUntil - now;
            }

            entry.Failures++;
            entry.LastFailure = now;
            entry.RefusalNoted = false;
            var over = entry.Failures - freeFailures;
            if (over > 0)
            {
                var delay = firstDelay * Math.Pow(2, Math.Min(over - 1, 30));
                entry.LockedUntil = now + (delay < maxDelay ? delay : maxDelay);
            }

            return TimeSpan.Zero;
        }
    }

    /// <summary>The wait the last counted failure earned (zero while within the free failures).</summary>
    public TimeSpan WaitAfterFailure(string key, DateTimeOffset now)
    {
        lock (_lock)
        {
            return _entries.TryGetValue(key, out var entry) && entry.LockedUntil > now ? entry.LockedUntil - now : TimeSpan.Zero;
        }
    }

    /// <summary>The attempt begun for <paramref name="key"/> succeeded: its failures are forgotten.</summary>
    public void Succeeded(string key)
    {
        lock (_lock)
        {
            _entries.Remove(key);
        }
    }

    /// <summary>The attempt begun for <paramref name="key"/> succeeded, but the key is shared (an address): only this attempt is taken back.</summary>
    public void Forgive(string key)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var entry) && entry.Failures > 0)
            {
                entry.Failures--;
                if (entry.Failures <= freeFailures)
                {
                    // The wait this attempt set when it was counted as a failure.
                    entry.LockedUntil = default;
                }
            }
        }
    }

    /// <summary>True the first time a refusal is seen since the key's last failure: a log entry per lock-out, not per hammering request.</summary>
    public bool NoteRefusal(string key)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var entry) || entry.RefusalNoted)
            {
                return false;
            }

            entry.RefusalNoted = true;
            return true;
        }
    }

    private Entry Find(string key, DateTimeOffset now)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            if (entry.LockedUntil <= now && now - entry.LastFailure > ForgetAfter)
            {
                entry.Failures = 0;
            }

            return entry;
        }

        if (_entries.Count >= PruneAbove)
        {
            foreach (var stale in _entries.Where(e => e.Value.LockedUntil <= now && now - e.Value.LastFailure > ForgetAfter).Select(e => e.Key).ToList())
            {
                _entries.Remove(stale);
            }
        }

        entry = new Entry();
        _entries[key] = entry;
        return entry;
    }

    private sealed class Entry
    {
        public int Failures { get; set; }

        public DateTimeOffset LastFailure { get; set; }

        public DateTimeOffset LockedUntil { get; set; }

        public bool RefusalNoted { get; set; }
    }
}
