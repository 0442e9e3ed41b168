using ScenarioEngine.Delivery;

namespace ScenarioEngine.Web.Dashboard;

/// <summary>What changed in an exercise, as this web node heard it from the silo.</summary>
public sealed record DashboardEvent(ExerciseId Exercise, DashboardEventKind Kind, DateTimeOffset At, DeliveryProgressChanged? Progress = null);

public enum DashboardEventKind
{
    Exercise,
    Progress,
    Devices,
    Signal,
}

/// <summary>
/// The in-process event feed dashboard circuits subscribe to. Fed by <see cref="Delivery.WebNodeRelay"/>,
/// so every web node hears every change through its own grain observer and no node needs another.
/// Handlers run on the relay's thread: they must only schedule work (InvokeAsync), never block.
/// </summary>
public sealed partial class DashboardFeed(TimeProvider time, ILogger<DashboardFeed> logger)
{
    public event Action<DashboardEvent>? Changed;

    public void Publish(ExerciseId exercise, DashboardEventKind kind, DeliveryProgressChanged? progress = null)
    {
        var handlers = Changed;
        if (handlers is null)
        {
            return;
        }

        var change = new DashboardEvent(exercise, kind, time.GetUtcNow(), progress);
        foreach (var handler in handlers.GetInvocationList().Cast<Action<DashboardEvent>>())
        {
            try
            {
                handler(change);
            }
            catch (Exception e)
            {
                // One broken circuit must not keep the news from the others.
                LogHandlerFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A dashboard subscriber failed to take an update")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception);
}
