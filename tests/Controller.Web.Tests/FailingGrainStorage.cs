using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using ScenarioEngine.Grains.Hosting;

namespace ScenarioEngine.Web.Tests;

/// <summary>
/// The web node's real in-memory grain storage, which fails one chosen write when told to: the
/// seam for "the log append succeeded but the state write after it failed" (issue 12 §7).
/// </summary>
public sealed class FailingGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private (string StateName, string GrainKey)? _failNext;

    /// <summary>Replaces the node's grain storage with one of these, reachable as a singleton.</summary>
    public static void Install(IServiceCollection services)
    {
        services.AddSingleton(sp => new FailingGrainStorage(MemoryGrainStorageFactory.Create(sp, StorageNames.Grains)));
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Grains, (sp, _) => sp.GetRequiredService<FailingGrainStorage>());
    }

    /// <summary>The next write of state <paramref name="stateName"/> of grain <paramref name="grainKey"/> throws, once.</summary>
    public void FailNextWrite(string stateName, string grainKey) => _failNext = (stateName, grainKey);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_failNext is { } target && target.StateName == stateName && target.GrainKey == grainId.Key.ToString())
        {
            _failNext = null;
            throw new IOException($"Injected failure writing {stateName} of {grainId}.");
        }

        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
