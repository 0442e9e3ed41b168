using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using StackExchange.Redis;

namespace ScenarioEngine.Grains.Hosting;

/// <summary>
/// Opens the Redis connection while the silo starts, before any grain can activate. The
/// connection is otherwise made by the first grain that needs the append-only log, inside its
/// activation: a blocking connect of up to two seconds on a scheduler thread, with every other
/// activation of a fresh silo queued behind it (devices connecting to a new cluster were refused
/// meanwhile).
/// </summary>
internal sealed class RedisConnectionWarmup(IServiceProvider services) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(RedisConnectionWarmup), ServiceLifecycleStage.RuntimeInitialize, _ =>
        {
            services.GetRequiredService<IConnectionMultiplexer>();
            return Task.CompletedTask;
        });
}
