using ScenarioEngine.Testing;

namespace ScenarioEngine.Web.Tests;

/// <summary>One embedded web node (in-memory state) per test class; tests use their own exercise ids.</summary>
public sealed class EmbeddedNodeFixture : IAsyncLifetime
{
    public WebNode Node { get; private set; } = null!;

    public ControllerClient Controller { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Node = await WebNode.StartAsync();
        Controller = await Node.SignInControllerAsync();
    }

    public async Task DisposeAsync()
    {
        Controller.Dispose();
        await Node.DisposeAsync();
    }

    public static string NewExerciseId() => $"ex-{Guid.NewGuid():N}"[..16];
}
