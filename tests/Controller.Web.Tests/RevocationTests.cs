using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using ScenarioEngine.Devices;
using ScenarioEngine.Testing;
using ScenarioEngine.Web.Delivery;

namespace ScenarioEngine.Web.Tests;

/// <summary>Issue 12: revocation is complete (any device, its join code, after ENDEX) and checked everywhere.</summary>
public sealed class RevocationTests : IAsyncLifetime
{
    private WebNode _node = null!;
    private ControllerClient _controller = null!;

    private Uri Server => _node.BaseAddress;

    public async Task InitializeAsync()
    {
        // A short list lifetime so a node that missed a revocation notice repairs it quickly.
        _node = await WebNode.StartAsync(settings: new Dictionary<string, string?> { ["Web:RevokedListLifetime"] = "00:00:01" });
        _controller = await _node.SignInControllerAsync();
    }

    public async Task DisposeAsync()
    {
        _controller.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task Device_that_joined_but_never_connected_is_listed_can_be_revoked_and_then_cannot_connect()
    {
        var exercise = await _controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var session = await DeviceClient.JoinAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-a"), "Drawer phone");

        var listed = Assert.Single(await _controller.GetDevicesAsync(exercise.ExerciseId));
        Assert.Equal((session.DeviceId, false), (listed.DeviceId, listed.Connected));

        await _controller.RevokeAsync(exercise.ExerciseId, session.DeviceId);

        await Assert.ThrowsAnyAsync<Exception>(() => DeviceClient.ConnectAsync(Server, session));
        Assert.True(Assert.Single(await _controller.GetDevicesAsync(exercise.ExerciseId)).Revoked);
    }

    [Fact]
    public async Task Revoking_with_a_new_join_code_retires_the_printed_code_and_the_new_one_joins_the_same_team()
    {
        var exercise = await _controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var printed = ControllerClient.JoinCodeOf(exercise, "team-b");
        await using var lost = await DeviceClient.JoinAndConnectAsync(Server, printed);

        var replacement = await _controller.RevokeAndRotateAsync(exercise.ExerciseId, lost.Session.DeviceId);

        await lost.Closed.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.NotEqual(printed, replacement.Code);
        var withPrinted = await _node.Http.PostAsJsonAsync("/api/devices/join", new { code = printed });
        Assert.Equal(HttpStatusCode.NotFound, withPrinted.StatusCode);
        var rejoined = await DeviceClient.JoinAsync(Server, replacement.Code);
        Assert.Equal(("team-b", exercise.ExerciseId), (rejoined.RecipientId, rejoined.ExerciseId));
    }

    [Fact]
    public async Task Revoked_device_whose_node_missed_the_notice_is_refused_at_its_next_hub_call_and_download()
    {
        var exercise = await _controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        await using var device = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-a"));
        Assert.Empty(await device.GetSignalsAsync());

        _node.Services.GetRequiredService<NotificationFaults>().DropFor(TimeSpan.FromSeconds(30));
        await _controller.RevokeAsync(exercise.ExerciseId, device.Session.DeviceId);

        // The notice was dropped, so nothing cut the connection; the node's list, refreshed, turns the next call away.
        await Wait.Until(async () =>
        {
            try
            {
                await device.GetSignalsAsync();
                return false;
            }
            catch (Exception e) when (e is HubException or InvalidOperationException or IOException or OperationCanceledException)
            {
                return true;
            }
        }, TimeSpan.FromSeconds(10));
        await device.Revoked.WaitAsync(TimeSpan.FromSeconds(5));
        await device.Closed.WaitAsync(TimeSpan.FromSeconds(5));
        using var http = new HttpClient { BaseAddress = Server };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", device.Session.Token);
        var download = await http.GetAsync("/api/devices/messages/1/attachments/anything");
        Assert.Equal(HttpStatusCode.Forbidden, download.StatusCode);
    }

    [Fact]
    public async Task Join_codes_stop_working_after_endex()
    {
        var exercise = await _controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        await _controller.StartAsync(exercise.ExerciseId);
        await DeviceClient.JoinAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-a"));

        await _controller.RaiseSignalAsync(exercise.ExerciseId, SignalKind.Endex);

        var refused = await _node.Http.PostAsJsonAsync("/api/devices/join", new { code = ControllerClient.JoinCodeOf(exercise, "team-a") });
        Assert.Equal(HttpStatusCode.Gone, refused.StatusCode);
    }
}
