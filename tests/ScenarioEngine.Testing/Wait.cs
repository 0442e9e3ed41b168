namespace ScenarioEngine.Testing;

/// <summary>Polling for state that has no signal to await (a controller's view, a restarted process).</summary>
public static class Wait
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public static async Task Until(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (!await condition())
        {
            await Task.Delay(Poll, deadline.Token);
        }
    }

    public static Task Until(Func<bool> condition, TimeSpan? timeout = null) =>
        Until(() => Task.FromResult(condition()), timeout);

    /// <summary>Retries <paramref name="action"/> until it stops throwing, for a process coming back.</summary>
    public static async Task UntilSucceeds(Func<Task> action, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await action();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }
    }
}
