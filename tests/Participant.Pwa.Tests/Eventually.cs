namespace ScenarioEngine.Pwa.Tests;

/// <summary>Polls the server's REST API for a state the browser's actions lead to, with a deadline instead of a sleep.</summary>
public static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? Phone.Patience);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met within {within ?? Phone.Patience}; last value: {value}");
            }

            await Task.Delay(100);
        }
    }
}
