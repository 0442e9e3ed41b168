using Microsoft.AspNetCore.Http;
using ScenarioEngine.Testing;
using ScenarioEngine.Web.Api;

namespace ScenarioEngine.Web.Tests;

/// <summary>
/// Join links and QR codes carry an address a phone can reach: a dashboard opened at 127.0.0.1 on
/// the control-room laptop must not print QR codes that point at 127.0.0.1.
/// </summary>
public sealed class JoinLinkTests
{
    [Theory]
    [InlineData("127.0.0.1:5080", null, "https://192.168.1.20:5443", "https://192.168.1.20:5443")]
    [InlineData("localhost:5080", null, "https://192.168.1.20:5443", "https://192.168.1.20:5443")]
    [InlineData("[::1]:5080", null, "https://192.168.1.20:5443", "https://192.168.1.20:5443")]
    [InlineData("127.0.0.1:5080", "https://drill.example.org/", "https://192.168.1.20:5443", "https://drill.example.org")]
    [InlineData("192.168.1.20:5080", "https://drill.example.org", null, "https://drill.example.org")]
    [InlineData("192.168.1.20:5443", null, "https://192.168.1.20:5443", "https://192.168.1.20:5443")]
    [InlineData("drill.example.org", null, "https://192.168.1.20:5443", "https://drill.example.org")]
    [InlineData("127.0.0.1:5080", null, null, "https://127.0.0.1:5080")]
    public void Loopback_dashboard_links_to_the_public_or_lan_address_and_a_reachable_one_keeps_its_own(string host, string? publicAddress, string? lan, string expected)
    {
        var lanAddress = lan is null ? null : new Uri(lan);

        Assert.Equal(expected, JoinLinks.Base("https", new HostString(host), publicAddress, lanAddress));
    }

    [Fact]
    public async Task Qr_code_of_a_dashboard_opened_at_loopback_points_at_the_configured_public_address()
    {
        await using var node = await WebNode.StartAsync(settings: new Dictionary<string, string?> { ["Web:PublicAddress"] = "https://drill.example.org" });
        using var controller = await node.SignInControllerAsync();
        var exercise = await controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var code = ControllerClient.JoinCodeOf(exercise, "team-a");

        var svg = await controller.Http.GetStringAsync($"/api/exercises/{exercise.ExerciseId}/join-codes/{code}/qr.svg");

        Assert.Equal("127.0.0.1", node.BaseAddress.Host);
        Assert.Contains($"<title>https://drill.example.org/app/?code={code}</title>", svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Qr_code_of_a_dashboard_opened_at_loopback_points_at_the_lan_https_address_and_a_lan_host_keeps_its_own()
    {
        var caFolder = Path.Combine(Path.GetTempPath(), $"se-join-ca-{Guid.NewGuid():N}");
        var port = FreePort.Next();
        try
        {
            await using var node = await WebNode.StartAsync(settings: new Dictionary<string, string?>
            {
                ["Https:Lan"] = "true",
                ["Https:Port"] = $"{port}",
                ["Https:ListenAddress"] = "127.0.0.1",
                ["Https:HostNames:0"] = "drill.test",
                ["Https:DataDirectory"] = caFolder,
            });
            using var controller = await node.SignInControllerAsync();
            var exercise = await controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
            var code = ControllerClient.JoinCodeOf(exercise, "team-a");
            var path = $"/api/exercises/{exercise.ExerciseId}/join-codes/{code}/qr.svg";

            var fromLoopback = await controller.Http.GetStringAsync(path);
            using var viaLan = new HttpRequestMessage(HttpMethod.Get, path);
            viaLan.Headers.Host = "192.0.2.7:5080";
            var fromLan = await (await controller.Http.SendAsync(viaLan)).Content.ReadAsStringAsync();

            Assert.Contains($"<title>https://drill.test:{port}/app/?code={code}</title>", fromLoopback, StringComparison.Ordinal);
            Assert.Contains($"<title>http://192.0.2.7:5080/app/?code={code}</title>", fromLan, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(caFolder))
            {
                Directory.Delete(caFolder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Public_address_that_is_not_an_absolute_http_address_is_refused_at_start()
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            WebNode.StartAsync(settings: new Dictionary<string, string?> { ["Web:PublicAddress"] = "drill.example.org" }));

        Assert.Contains("Web:PublicAddress", error.Message, StringComparison.Ordinal);
    }
}
