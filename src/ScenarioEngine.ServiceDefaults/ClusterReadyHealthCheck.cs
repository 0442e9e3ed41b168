using Microsoft.Extensions.Diagnostics.HealthChecks;
using ScenarioEngine.Exercises;

namespace ScenarioEngine.ServiceDefaults;

/// <summary>Ready when a grain call round-trips: the cluster is up and its storage answers.</summary>
public sealed class ClusterReadyHealthCheck(IGrainFactory grains) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await grains.GetGrain<IExerciseRegistryGrain>(0).List().WaitAsync(Timeout, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The Orleans cluster did not answer.", e);
        }
    }
}
