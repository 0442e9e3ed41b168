using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using ScenarioEngine.Testing;
using ScenarioEngine.Web.Hosting;

namespace ScenarioEngine.Web.Tests;

/// <summary>
/// One device, say a leaked join code, gets a bounded share of the server: uploads by count and by
/// bytes, REST calls, connections at once; refusals are clear problem details (issue 12 §5).
/// Attachments can be checked without downloading them.
/// </summary>
public sealed class DeviceQuotaTests : IAsyncLifetime
{
    private WebNode _node = null!;
    private ControllerClient _controller = null!;

    public async Task InitializeAsync()
    {
        _node = await WebNode.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Web:MaxConnectionsPerDevice"] = "2",
            ["Web:DeviceRequestsPerSecond"] = "1",
            ["Web:DeviceRequestBurst"] = "4",
            ["Web:MaxUploadsPerDevice"] = "2",
            ["Web:MaxAttachmentBytes"] = "1000",
            ["Web:MaxUploadBytesPerDevice"] = "1500",
            ["Web:DeviceCallsPerSecond"] = "1",
            ["Web:DeviceCallBurst"] = "10",
        });
        _controller = await _node.SignInControllerAsync();
    }

    public async Task DisposeAsync()
    {
        _controller.Dispose();
        await _node.DisposeAsync();
    }

    [Fact]
    public async Task Device_past_its_upload_count_is_refused_with_429()
    {
        var token = await JoinAsync("team-a");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await UploadAsync(token, 100)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Device_past_its_upload_bytes_is_refused_with_413_problem_details()
    {
        var token = await JoinAsync("team-a");

        var first = await UploadAsync(token, 1000);
        var second = await UploadAsync(token, 1000);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Upload quota reached", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Device_flooding_rest_calls_gets_429_problem_details_and_another_device_is_served()
    {
        var flooder = await JoinAsync("team-a");
        var neighbour = await JoinAsync("team-b");

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++)
        {
            responses.Add(await Send(HttpMethod.Head, "/api/devices/messages/1/attachments/none", flooder));
        }

        var refused = responses.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter is not null);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Head, "/api/devices/messages/1/attachments/none", neighbour)).StatusCode);
    }

    [Theory]
    [InlineData("en", "Too many requests from this device", "went past its limit on downloads, uploads and attachment checks: at most 4 at once, then 1 a second", "Retry in {0} s.")]
    [InlineData("ru", "Слишком много запросов с этого устройства", "превысило свой лимит на скачивания, загрузки и проверки вложений: не больше 4 подряд, затем 1 в секунду", "Повторите через {0} с.")]
    public async Task Device_past_its_rest_call_limit_is_told_which_limit_and_when_to_retry_in_its_language(string language, string title, string limit, string retry)
    {
        var token = await JoinAsync("team-a");

        HttpResponseMessage answer;
        var calls = 0;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/devices/messages/1/attachments/none");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.AcceptLanguage.ParseAdd(language);
            answer = await _node.Http.SendAsync(request);
        }
        while (answer.StatusCode != HttpStatusCode.TooManyRequests && ++calls < 50);
        var problem = await answer.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();

        Assert.Equal(HttpStatusCode.TooManyRequests, answer.StatusCode);
        Assert.Equal(title, problem.GetProperty("title").GetString());
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains(limit, detail, StringComparison.Ordinal);
        Assert.EndsWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, retry, (int)answer.Headers.RetryAfter!.Delta!.Value.TotalSeconds), detail, StringComparison.Ordinal);
        Assert.Equal("deviceRequests", problem.GetProperty("limit").GetString());
    }

    [Fact]
    public async Task Device_cannot_hold_more_connections_at_once_than_allowed_and_may_reconnect_after_closing_one()
    {
        var exercise = await _controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var session = await DeviceClient.JoinAsync(_node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"));
        var first = await DeviceClient.ConnectAsync(_node.BaseAddress, session);
        await using var second = await DeviceClient.ConnectAsync(_node.BaseAddress, session);

        await Assert.ThrowsAnyAsync<Exception>(() => DeviceClient.ConnectAsync(_node.BaseAddress, session));
        await first.DisposeAsync();
        DeviceClient? again = null;
        await Wait.UntilSucceeds(async () => again = await DeviceClient.ConnectAsync(_node.BaseAddress, session), TimeSpan.FromSeconds(10));

        await using (again)
        {
            Assert.Empty(await again!.SyncAsync());
        }
    }

    [Fact]
    public async Task Two_connections_of_one_device_share_one_hub_call_budget_and_another_device_keeps_its_own()
    {
        var exercise = await _controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var session = await DeviceClient.JoinAsync(_node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"));
        await using var first = await DeviceClient.ConnectAsync(_node.BaseAddress, session);
        await using var second = await DeviceClient.ConnectAsync(_node.BaseAddress, session);
        await using var neighbour = await DeviceClient.JoinAndConnectAsync(_node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-b"));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // Burst 10, one more a second. Each connect spent one call (its reconcile), so the device has 8
        // to 10 left; a budget per connection would have let each connection make 9 or more.
        var accepted = 0;
        for (var i = 0; i < 30; i++)
        {
            if (await Accepted(i % 2 == 0 ? first : second))
            {
                accepted++;
            }
        }

        var elapsed = clock.Elapsed;
        var neighbourAccepted = 0;
        for (var i = 0; i < 9; i++)
        {
            if (await Accepted(neighbour))
            {
                neighbourAccepted++;
            }
        }

        // A node asks every device to resync a few seconds after it starts (WebNodeRegistration); each
        // such reconcile is one more call of the device's budget, so it is counted, not guessed.
        var resyncs = first.ResyncRequests + second.ResyncRequests;
        Assert.True(accepted >= 8 - resyncs && accepted <= 10 + (int)Math.Ceiling(elapsed.TotalSeconds), $"{accepted} calls accepted in {elapsed} after {resyncs} resyncs");
        Assert.True(accepted < 18, $"{accepted} calls accepted over two connections in {elapsed}: each connection had a budget of its own");
        Assert.True(neighbourAccepted >= 9 - neighbour.ResyncRequests && neighbourAccepted <= 9, $"the neighbour had {neighbourAccepted} of 9 calls; it was asked to resync {neighbour.ResyncRequests} times");
    }

    private static async Task<bool> Accepted(DeviceClient device)
    {
        try
        {
            await device.GetSignalsAsync();
            return true;
        }
        catch (Microsoft.AspNetCore.SignalR.HubException e) when (e.Message.Contains("Too many requests", StringComparison.Ordinal))
        {
            return false;
        }
    }

    [Fact]
    public async Task Attachment_can_be_checked_with_head_without_its_bytes()
    {
        var exercise = await _controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId(), scenarioYaml: null);
        var session = await DeviceClient.JoinAsync(_node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-b"));
        await using var device = await DeviceClient.ConnectAsync(_node.BaseAddress, session);
        await _controller.FireAsync(exercise.ExerciseId, "2");
        var message = await device.WaitForPushAsync(m => m.InjectNumber == "2");
        var path = $"/api/devices/messages/{message.Sequence}/attachments/atm-log";

        var head = await Send(HttpMethod.Head, path, session.Token);
        var get = await Send(HttpMethod.Get, path, session.Token);
        var missing = await Send(HttpMethod.Head, $"/api/devices/messages/{message.Sequence}/attachments/nothing", session.Token);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        var body = await get.Content.ReadAsByteArrayAsync();
        Assert.Equal(body.Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Setting_that_switches_a_limit_off_is_refused_at_start()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            WebNode.StartAsync(settings: new Dictionary<string, string?> { ["Web:MaxConnectionsPerDevice"] = "0" }));

        Assert.Contains("MaxConnectionsPerDevice", error.Message, StringComparison.Ordinal);
    }

    private async Task<string> JoinAsync(string team)
    {
        var exercise = await _controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        return (await DeviceClient.JoinAsync(_node.BaseAddress, ControllerClient.JoinCodeOf(exercise, team))).Token;
    }

    private Task<HttpResponseMessage> UploadAsync(string token, int bytes)
    {
        var content = new ByteArrayContent(new byte[bytes]);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return Send(HttpMethod.Put, $"/api/devices/attachments/{Guid.NewGuid()}", token, content);
    }

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, string token, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _node.Http.SendAsync(request);
    }
}
