namespace ScenarioEngine.Web.Dashboard.Editor;

/// <summary>
/// New draft versions, as this web node hears of them from the silo (<see cref="Delivery.WebNodeRelay"/>):
/// every designer's editor of that draft on this node redraws. Handlers only schedule work.
/// </summary>
public sealed partial class DraftFeed(ILogger<DraftFeed> logger)
{
    public event Action<string, long>? Changed;

    public void Publish(string draftId, long version)
    {
        foreach (var handler in Changed?.GetInvocationList().Cast<Action<string, long>>() ?? [])
        {
            try
            {
                handler(draftId, version);
            }
            catch (Exception e)
            {
                // One broken circuit must not keep the news from the others.
                LogHandlerFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A draft editor failed to take an update")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception);
}
