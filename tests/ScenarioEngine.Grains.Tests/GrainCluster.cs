using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;
using ScenarioEngine.Delivery;
using ScenarioEngine.Devices;
using ScenarioEngine.Grains.AppendLog;
using ScenarioEngine.Grains.Hosting;

namespace ScenarioEngine.Grains.Tests;

/// <summary>
/// An in-process Orleans cluster (Microsoft.Orleans.TestingHost) with the grains' real storage
/// provider name, the in-memory append-only log of the embedded default, and one web node: an
/// observer that records what the grains announce. No web host, starts in seconds.
/// </summary>
public sealed class GrainCluster : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>What the grains told the web nodes, in order.</summary>
    public RecordingWebNode Node { get; } = new();

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.Options.ClusterId = $"grains-{Guid.NewGuid():N}";
        builder.AddSiloBuilderConfigurator<Silo>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
        var reference = Cluster.Client.CreateObjectReference<IWebNodeObserver>(Node);
        await Grains.GetGrain<IWebNodeDirectoryGrain>(0).Subscribe("test-node", reference);
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    /// <summary>The silo's own services (its grain storage, for state written in an older layout).</summary>
    public IServiceProvider SiloServices => Cluster.Primary is InProcessSiloHandle silo
        ? silo.SiloHost.Services
        : throw new InvalidOperationException("The test cluster runs its silo in this process.");

    public static string NewExerciseId() => $"ex-{Guid.NewGuid():N}"[..16];

    private sealed class Silo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.AddMemoryGrainStorage(StorageNames.Grains);

            // The exercise clock keeps a watchdog reminder while it runs.
            silo.UseInMemoryReminderService();
            silo.Services.AddSingleton<IAppendOnlyLog, InMemoryAppendOnlyLog>();
            silo.Services.AddSingleton<ScenarioEngine.Grains.Attachments.IAttachmentStore, ScenarioEngine.Grains.Attachments.InMemoryAttachmentStore>();
            silo.Services.AddSingleton(TimeProvider.System);
        }
    }
}

/// <summary>A web node as the grains see it: it records each notification it receives.</summary>
public sealed class RecordingWebNode : IWebNodeObserver
{
    private readonly Channel<string> _events = Channel.CreateUnbounded<string>();

    public ConcurrentQueue<SafetySignal> Signals { get; } = new();

    public ConcurrentQueue<string> Revoked { get; } = new();

    public ConcurrentQueue<DeliveredMessage> Appended { get; } = new();

    /// <summary>Waits for a notification whose description matches, e.g. "devices ex-…".</summary>
    public async Task WaitForAsync(string description, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        await foreach (var seen in _events.Reader.ReadAllAsync(cts.Token))
        {
            if (seen == description)
            {
                return;
            }
        }
    }

    public Task MessageAppended(RecipientAddress recipient, DeliveredMessage message)
    {
        Appended.Enqueue(message);
        return Record($"appended {recipient.GrainKey} {message.Sequence}");
    }

    public Task ProgressChanged(DeliveryProgressChanged change) => Record($"progress {change.Recipient.GrainKey}");

    public Task ExerciseChanged(ExerciseId exercise) => Record($"exercise {exercise.Value}");

    public Task SignalRaised(ExerciseId exercise, SafetySignal signal)
    {
        Signals.Enqueue(signal);
        return Record($"signal {exercise.Value} {signal.SignalId}");
    }

    public Task ScopedSignalRaised(ExerciseId exercise, SafetySignal signal, IReadOnlyList<RecipientAddress> recipients)
    {
        Signals.Enqueue(signal);
        return Record($"signal {exercise.Value} {signal.SignalId} to {string.Join(",", recipients.Select(r => r.GrainKey))}");
    }

    public Task SignalCleared(ExerciseId exercise, string signalId) => Record($"cleared {exercise.Value} {signalId}");

    public Task DeviceRevoked(ExerciseId exercise, string deviceId)
    {
        Revoked.Enqueue(deviceId);
        return Record($"revoked {exercise.Value} {deviceId}");
    }

    public Task DevicesChanged(ExerciseId exercise) => Record($"devices {exercise.Value}");

    public Task DraftChanged(string draftId, long version) => Record($"draft {draftId} {version}");

    private Task Record(string description)
    {
        _events.Writer.TryWrite(description);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class GrainClusterCollection : ICollectionFixture<GrainCluster>
{
    public const string Name = "grain cluster";
}
