using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using ScenarioEngine.Testing;
using ScenarioEngine.Web.Hosting.Https;
using Xunit.Abstractions;
using static ScenarioEngine.Pwa.Tests.Phone;

namespace ScenarioEngine.Pwa.Tests;

/// <summary>
/// The embedded node's LAN HTTPS (<c>Https:Lan=true</c>) as a phone meets it: a name that is not
/// localhost (drill.test, mapped to 127.0.0.2 by Chromium's resolver rules), a certificate from the
/// node's local CA, the service worker, and a reload with the network cut.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LanHttpsTests(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Name = "drill.test";
    private const string Address = "127.0.0.2";
    private readonly string _caFolder = Path.Combine(Path.GetTempPath(), $"se-lan-ca-{Guid.NewGuid():N}");
    private readonly int _port = FreePort.Next();
    private WebNode _node = null!;
    private ControllerClient _controller = null!;

    public async Task InitializeAsync()
    {
        _node = await WebNode.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Https:Lan"] = "true",
            ["Https:Port"] = $"{_port}",
            ["Https:ListenAddress"] = Address,
            ["Https:HostNames:0"] = Name,
            ["Https:DataDirectory"] = _caFolder,
        });
        _controller = await _node.SignInControllerAsync();
    }

    [Fact]
    public async Task Over_https_on_a_lan_name_the_app_registers_its_service_worker_reloads_offline_and_sends_what_was_written_offline_once()
    {
        // Chromium trusts the node's certificate by its key, as a phone that installed the CA trusts it by its issuer.
        var server = _node.Services.GetRequiredService<LanHttps>().ServerCertificate;
        var spki = Convert.ToBase64String(SHA256.HashData(server.PublicKey.ExportSubjectPublicKeyInfo()));
        await using var browser = await fixture.LaunchAsync($"--host-resolver-rules=MAP {Name} {Address}", $"--ignore-certificate-errors-spki-list={spki}");
        var exerciseId = $"lan-{Guid.NewGuid():N}"[..20];
        var exercise = await _controller.CreateExerciseAsync(exerciseId);
        await using var phone = await Phone.OpenAsync(browser, new Uri($"https://{Name}:{_port}"), output);

        await phone.OpenAppAsync();
        Assert.True(await phone.Page.EvaluateAsync<bool>("() => window.isSecureContext && location.protocol === 'https:'"));
        Assert.True(await phone.Page.EvaluateAsync<bool>("async () => !!(await navigator.serviceWorker.ready).active"));
        await phone.JoinAsync(ControllerClient.JoinCodeOf(exercise, "team-a"));
        await _controller.FireAsync(exerciseId, "4");
        await Expect(phone.ById("inbox-item").Filter(new() { HasText = "Order" })).ToHaveCountAsync(1);

        await phone.Context.SetOfflineAsync(true);
        await phone.Page.ReloadAsync();

        await Expect(phone.ById("connection-state")).ToHaveAttributeAsync("data-state", "offline");
        var order = phone.ById("inbox-item").Filter(new() { HasText = "Order" });
        await Expect(order).ToHaveCountAsync(1);
        await order.ClickAsync();
        await phone.ById("response-text").FillAsync("Written with no network");
        await phone.ById("response-send").ClickAsync();
        await Expect(phone.ById("outbox-count")).ToHaveAttributeAsync("data-count", "1");
        Assert.Empty(await _controller.GetResponsesAsync(exerciseId, "team-a"));

        await phone.Context.SetOfflineAsync(false);

        await Expect(phone.ById("connection-state")).ToHaveAttributeAsync("data-state", "online");
        await Expect(phone.ById("outbox-count")).ToHaveAttributeAsync("data-count", "0");
        await Expect(phone.ById("response-status")).ToHaveAttributeAsync("data-status", "received");
        var stored = Assert.Single(await _controller.GetResponsesAsync(exerciseId, "team-a"));
        Assert.Equal("Written with no network", stored.Text);
    }

    public async Task DisposeAsync()
    {
        _controller?.Dispose();
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        if (Directory.Exists(_caFolder))
        {
            Directory.Delete(_caFolder, recursive: true);
        }
    }
}
