using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ScenarioEngine.Delivery;
using ScenarioEngine.Devices;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Web.Tests;

public sealed class DevicePresenceTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    private Uri Server => fixture.Node.BaseAddress;
    private ControllerClient Controller => fixture.Controller;

    [Fact]
    public async Task Controller_sees_connected_devices_with_app_version_and_battery_and_when_they_leave()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var device = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-a"), "Anna");

        await device.HelloAsync(new DeviceHello { AppVersion = "1.4.2", BatteryLevel = 0.08 });

        var seen = Assert.Single(await Controller.GetDevicesAsync(exercise.ExerciseId));
        Assert.Equal((true, "1.4.2", true, "team-a"), (seen.Connected, seen.AppVersion, seen.BatteryLow, seen.Recipient.Id));
        Assert.StartsWith("Anna", seen.DisplayName, StringComparison.Ordinal);

        await device.DisposeAsync();

        await Wait.Until(async () => !(await Controller.GetDevicesAsync(exercise.ExerciseId)).Single().Connected);
    }

    [Fact]
    public async Task Revoked_device_is_told_and_disconnected_within_seconds_and_cannot_come_back()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var code = ControllerClient.JoinCodeOf(exercise, "team-a");
        await using var lost = await DeviceClient.JoinAndConnectAsync(Server, code);
        await using var kept = await DeviceClient.JoinAndConnectAsync(Server, code);

        await Controller.RevokeAsync(exercise.ExerciseId, lost.Session.DeviceId);

        await lost.Revoked.WaitAsync(TimeSpan.FromSeconds(5));
        await lost.Closed.WaitAsync(TimeSpan.FromSeconds(5));
        await Assert.ThrowsAnyAsync<Exception>(() => DeviceClient.ConnectAsync(Server, lost.Session));
        await Controller.FireAsync(exercise.ExerciseId, "4");
        await kept.WaitForPushAsync(m => m.InjectNumber == "4");
        Assert.True((await Controller.GetDevicesAsync(exercise.ExerciseId)).Single(d => d.DeviceId == lost.Session.DeviceId).Revoked);
    }

    [Fact]
    public async Task Rotated_join_code_stops_working_and_the_new_one_joins_the_same_team()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var oldCode = ControllerClient.JoinCodeOf(exercise, "team-b");

        var rotated = await Controller.RotateJoinCodeAsync(exercise.ExerciseId, "team", "team-b");

        Assert.NotEqual(oldCode, rotated.Code);
        var refused = await fixture.Node.Http.PostAsJsonAsync("/api/devices/join", new { code = oldCode });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("team-b", (await DeviceClient.JoinAsync(Server, rotated.Code)).RecipientId);
        Assert.Equal(rotated.Code, ControllerClient.JoinCodeOf(await Controller.GetAsync(exercise.ExerciseId), "team-b"));
    }

    [Fact]
    public async Task Join_code_qr_is_an_svg_for_known_codes_only()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());

        var qr = await Controller.Http.GetAsync($"/api/exercises/{exercise.ExerciseId}/join-codes/{ControllerClient.JoinCodeOf(exercise, "witness")}/qr.svg");
        var unknown = await Controller.Http.GetAsync($"/api/exercises/{exercise.ExerciseId}/join-codes/ZZZZZZZZ/qr.svg");

        Assert.Equal("image/svg+xml", qr.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", await qr.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Opening_a_message_marks_it_seen_for_the_controller()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        await using var device = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-a"));
        await Controller.FireAsync(exercise.ExerciseId, "4");
        var message = await device.WaitForPushAsync(m => m.InjectNumber == "4");

        await device.SeenAsync(message.Sequence);

        var progress = (await Controller.GetDeliveriesAsync(exercise.ExerciseId)).Single(d => d.Recipient.Id == "team-a").Deliveries.Single();
        Assert.Equal(DeliveryState.Seen, progress.State);
        Assert.True(progress.SentAt <= progress.DeliveredAt && progress.DeliveredAt <= progress.SeenAt);
    }

    [Fact]
    public async Task Photo_is_uploaded_once_under_its_device_made_id_and_travels_with_the_response()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        await using var device = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-a"));
        await Controller.FireAsync(exercise.ExerciseId, "4");
        var message = await device.WaitForPushAsync(m => m.InjectNumber == "4");
        var photoId = Guid.NewGuid().ToString();
        byte[] photo = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4];

        var first = await Upload(device, photoId, photo, "image/jpeg");
        var retry = await Upload(device, photoId, [9, 9, 9], "image/jpeg");
        var receipt = await device.RespondAsync(new ResponseSubmission { ResponseId = Guid.NewGuid().ToString(), Sequence = message.Sequence, AttachmentIds = [photoId] });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, retry.StatusCode));
        Assert.False(receipt.Duplicate);
        Assert.Equal([photoId], Assert.Single(await Controller.GetResponsesAsync(exercise.ExerciseId, "team-a")).AttachmentIds);
        Assert.Equal(photo, await Controller.Http.GetByteArrayAsync($"/api/exercises/{exercise.ExerciseId}/attachments/{photoId}"));
    }

    [Fact]
    public async Task Bad_uploads_are_refused_clearly_and_a_response_naming_a_missing_photo_is_refused()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        await using var device = await DeviceClient.JoinAndConnectAsync(Server, ControllerClient.JoinCodeOf(exercise, "team-a"));
        await Controller.FireAsync(exercise.ExerciseId, "4");
        var message = await device.WaitForPushAsync(m => m.InjectNumber == "4");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await Upload(device, "doc-1", [1, 2, 3], "application/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await Upload(device, "big-1", new byte[6 * 1024 * 1024], "image/png")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Upload(device, "bad id!", [1], "image/png")).StatusCode);
        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => device.RespondAsync(new ResponseSubmission
        {
            ResponseId = Guid.NewGuid().ToString(),
            Sequence = message.Sequence,
            AttachmentIds = ["never-uploaded"],
        }));
        Assert.Empty(await Controller.GetResponsesAsync(exercise.ExerciseId, "team-a"));
    }

    private async Task<HttpResponseMessage> Upload(DeviceClient device, string id, byte[] content, string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/devices/attachments/{Uri.EscapeDataString(id)}") { Content = new ByteArrayContent(content) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", device.Session.Token);
        return await fixture.Node.Http.SendAsync(request);
    }
}
