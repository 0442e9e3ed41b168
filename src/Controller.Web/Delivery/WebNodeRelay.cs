using Microsoft.AspNetCore.SignalR;
using ScenarioEngine.Delivery;
using ScenarioEngine.Devices;
using ScenarioEngine.Grains.Delivery;
using ScenarioEngine.Web.Dashboard;
using ScenarioEngine.Web.Dashboard.Editor;
using ScenarioEngine.Web.Hubs;

namespace ScenarioEngine.Web.Delivery;

/// <summary>
/// This web node's grain observer: relays appended messages to the mailbox's local SignalR group
/// and progress to watching controllers. Sends are not awaited, so a slow socket never holds up
/// the silo; a send that fails is repaired by the device's next sync.
/// </summary>
public sealed partial class WebNodeRelay(
    IHubContext<DeviceHub, IDeviceClient> devices,
    IHubContext<ControlHub, IControlClient> controllers,
    DeviceConnections connections,
    RevokedDevices revoked,
    NotificationFaults faults,
    DashboardFeed dashboard,
    DraftFeed drafts,
    ILogger<WebNodeRelay> logger) : IWebNodeObserver
{
    public Task MessageAppended(RecipientAddress recipient, DeliveredMessage message)
    {
        if (faults.Dropping)
        {
            return Task.CompletedTask;
        }

        using var activity = ScenarioEngineTelemetry.Source.StartActivity("inject.push");
        activity?.SetTag("scenarioengine.recipient", recipient.GrainKey);
        activity?.SetTag("scenarioengine.sequence", message.Sequence);
        Observe(devices.Clients.Group(DeviceHub.MailboxGroup(recipient)).Deliver(message), "deliver");
        return Task.CompletedTask;
    }

    public Task ProgressChanged(DeliveryProgressChanged change)
    {
        if (faults.Dropping)
        {
            return Task.CompletedTask;
        }

        Observe(controllers.Clients.Group(ControlHub.ExerciseGroup(change.Recipient.Exercise)).DeliveryProgressChanged(change), "progress");
        dashboard.Publish(change.Recipient.Exercise, DashboardEventKind.Progress, change);
        return Task.CompletedTask;
    }

    public Task ExerciseChanged(ExerciseId exercise)
    {
        if (faults.Dropping)
        {
            return Task.CompletedTask;
        }

        Observe(controllers.Clients.Group(ControlHub.ExerciseGroup(exercise)).ExerciseChanged(exercise.Value), "exercise");
        dashboard.Publish(exercise, DashboardEventKind.Exercise);
        return Task.CompletedTask;
    }

    public Task SignalRaised(ExerciseId exercise, SafetySignal signal)
    {
        if (faults.Dropping)
        {
            return Task.CompletedTask;
        }

        Observe(devices.Clients.Group(DeviceHub.ExerciseGroup(exercise)).Signal(signal), "signal");
        dashboard.Publish(exercise, DashboardEventKind.Signal);
        return Task.CompletedTask;
    }

    public Task ScopedSignalRaised(ExerciseId exercise, SafetySignal signal, IReadOnlyList<RecipientAddress> recipients)
    {
        if (faults.Dropping)
        {
            return Task.CompletedTask;
        }

        // Only the site's mailboxes hear the push; the others never hold the signal (their reconcile filters it out too).
        Observe(devices.Clients.Groups(recipients.Select(DeviceHub.MailboxGroup).ToList()).Signal(signal), "site signal");
        dashboard.Publish(exercise, DashboardEventKind.Signal);
        return Task.CompletedTask;
    }

    public Task SignalCleared(ExerciseId exercise, string signalId)
    {
        if (faults.Dropping)
        {
            return Task.CompletedTask;
        }

        Observe(devices.Clients.Group(DeviceHub.ExerciseGroup(exercise)).SignalCleared(signalId), "signal cleared");
        dashboard.Publish(exercise, DashboardEventKind.Signal);
        return Task.CompletedTask;
    }

    public async Task DeviceRevoked(ExerciseId exercise, string deviceId)
    {
        if (faults.Dropping)
        {
            return;
        }

        revoked.Add(exercise, deviceId);
        foreach (var connection in connections.Of(deviceId))
        {
            try
            {
                await devices.Clients.Client(connection.ConnectionId).Revoked().WaitAsync(TimeSpan.FromSeconds(1));
            }
            catch (Exception e) when (e is TimeoutException or IOException or InvalidOperationException)
            {
                // The device is cut off below either way; telling it why is a courtesy.
            }

            connection.Abort();
        }
    }

    public Task DevicesChanged(ExerciseId exercise)
    {
        if (faults.Dropping)
        {
            return Task.CompletedTask;
        }

        Observe(controllers.Clients.Group(ControlHub.ExerciseGroup(exercise)).DevicesChanged(exercise.Value), "devices");
        dashboard.Publish(exercise, DashboardEventKind.Devices);
        return Task.CompletedTask;
    }

    public Task DraftChanged(string draftId, long version)
    {
        if (!faults.Dropping)
        {
            drafts.Publish(draftId, version);
        }

        return Task.CompletedTask;
    }

    private void Observe(Task send, string what) =>
        send.ContinueWith(t => LogSendFailed(logger, what, t.Exception), CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {What} push failed; the next sync repairs it")]
    private static partial void LogSendFailed(ILogger logger, string what, Exception? exception);
}

/// <summary>Keeps this node in the silo's web-node directory; re-subscribing also re-registers after a silo restart.</summary>
public sealed partial class WebNodeRegistration(
    IGrainFactory grains,
    WebNodeRelay relay,
    IHubContext<DeviceHub, IDeviceClient> devices,
    ILogger<WebNodeRegistration> logger) : BackgroundService
{
    // After a silo failure takes the directory with it, pushes reach this node's devices again only
    // once it has re-subscribed: the period bounds that gap (it was 10 s; a subscribe is one small grain call).
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(3);
    private readonly string _nodeId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reference = grains.CreateObjectReference<IWebNodeObserver>(relay);
        using var timer = new PeriodicTimer(Period);
        do
        {
            try
            {
                if (!await grains.GetGrain<IWebNodeDirectoryGrain>(0).Subscribe(_nodeId, reference))
                {
                    // Until every notifier has refreshed its node list, pushes for this node's devices
                    // may go nowhere (the node just started, or a silo restart emptied the directory):
                    // once that window has passed, ask the devices to sync.
                    _ = AskDevicesToResyncAfter(WebNodeNotifierGrain.NodeListLifetime + TimeSpan.FromSeconds(1), stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSubscribeFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task AskDevicesToResyncAfter(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, stoppingToken);
            LogResync(logger);
            await devices.Clients.All.Resync();
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await grains.GetGrain<IWebNodeDirectoryGrain>(0).Unsubscribe(_nodeId).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException or OperationCanceledException)
        {
            // The directory drops silent nodes by itself; leaving quietly is fine.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This web node (re)joined the delivery directory; asking its devices to sync")]
    private static partial void LogResync(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe this web node to deliveries; retrying")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception);
}
