using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using ScenarioEngine.Web.Auth;
using ScenarioEngine.Web.Hosting;

namespace ScenarioEngine.Web.Hubs;

/// <summary>
/// This web node's copy of each exercise's revoked devices, so every hub call and download is
/// checked without a grain call. A revocation is added at once when the node hears of it
/// (<see cref="Delivery.WebNodeRelay.DeviceRevoked"/>); a list older than
/// <see cref="WebOptions.RevokedListLifetime"/> is fetched again, so a missed notice is repaired.
/// </summary>
/// <remarks>Bounded by the exercises whose devices call this node, each by its roster.</remarks>
public sealed class RevokedDevices(DeviceGrains grains, TimeProvider time, IOptions<WebOptions> options)
{
    private readonly ConcurrentDictionary<string, Fetch> _byExercise = new(StringComparer.Ordinal);

    private sealed record Fetch(Task<IReadOnlyList<string>> Revoked, DateTimeOffset At, ConcurrentDictionary<string, bool> Heard);

    public async ValueTask<bool> IsRevokedAsync(DeviceClaims device)
    {
        var now = time.GetUtcNow();
        var exercise = device.Recipient.Exercise;
        var fetch = _byExercise.AddOrUpdate(
            exercise.Value,
            static (_, s) => s.Self.Start(s.Exercise, s.Now, heard: null),
            static (_, current, s) => s.Now - current.At > s.Self.Lifetime || current.Revoked.IsFaulted
                ? s.Self.Start(s.Exercise, s.Now, current.Heard)
                : current,
            (Self: this, Exercise: exercise, Now: now));
        return fetch.Heard.ContainsKey(device.DeviceId) || (await fetch.Revoked).Contains(device.DeviceId, StringComparer.Ordinal);
    }

    /// <summary>The node heard that a device was revoked: refused from now on, before the next fetch.</summary>
    public void Add(ExerciseId exercise, string deviceId) =>
        _byExercise.GetOrAdd(exercise.Value, _ => Start(exercise, DateTimeOffset.MinValue, heard: null)).Heard[deviceId] = true;

    private TimeSpan Lifetime => options.Value.RevokedListLifetime;

    // What was heard is kept across fetches: a fetch that started before a revocation must not undo it.
    private Fetch Start(ExerciseId exercise, DateTimeOffset at, ConcurrentDictionary<string, bool>? heard) =>
        new(grains.Roster(exercise).GetRevoked(), at, heard ?? new(StringComparer.Ordinal));
}
