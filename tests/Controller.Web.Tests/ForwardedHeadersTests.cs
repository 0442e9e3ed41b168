using System.Net;
using System.Net.Http.Json;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Web.Tests;

/// <summary>
/// Behind nginx every request comes from nginx's address. With the proxy configured as known, the
/// client's own address and scheme (X-Forwarded-For/-Proto) drive the limits and the cookie; from
/// anyone else those headers are ignored.
/// </summary>
public sealed class ForwardedHeadersTests
{
    [Fact]
    public async Task Behind_a_known_proxy_join_limits_count_each_client_address_and_the_cookie_is_secure_over_https()
    {
        await using var node = await WebNode.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Web:KnownProxies:0"] = "127.0.0.1",
            ["Web:JoinAttemptsPerMinute"] = "2",
        });

        var first = await Guesses(node, "203.0.113.5", 3);
        var second = await Guesses(node, "203.0.113.6", 1);
        using var browser = DashboardSession.NewClient(node.BaseAddress);
        var signIn = await DashboardSession.PostSignInAsync(browser, WebNode.ControllerUser, WebNode.ControllerPassword, request =>
        {
            request.Headers.Add("X-Forwarded-For", "203.0.113.7");
            request.Headers.Add("X-Forwarded-Proto", "https");
        });

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], first);
        Assert.Equal([HttpStatusCode.NotFound], second);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("se.controller=", StringComparison.Ordinal) && c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("127.0.0.1", "https")]
    [InlineData("10.9.9.9", "http")]
    public async Task Join_qr_code_links_with_the_clients_own_scheme_only_behind_a_known_proxy(string knownProxy, string expectedScheme)
    {
        await using var node = await WebNode.StartAsync(settings: new Dictionary<string, string?> { ["Web:KnownProxies:0"] = knownProxy });
        using var controller = await node.SignInControllerAsync();
        var exercise = await controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var code = ControllerClient.JoinCodeOf(exercise, "team-a");

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/exercises/{exercise.ExerciseId}/join-codes/{code}/qr.svg");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        var svg = await (await controller.Http.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains($"<title>{expectedScheme}://{node.BaseAddress.Authority}/app/?code={code}</title>", svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_address_that_is_no_known_proxy_are_ignored()
    {
        await using var node = await WebNode.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Web:KnownProxies:0"] = "10.9.9.9",
            ["Web:JoinAttemptsPerMinute"] = "2",
        });

        var first = await Guesses(node, "203.0.113.5", 2);
        var spoofed = await Guesses(node, "203.0.113.6", 1);
        using var browser = DashboardSession.NewClient(node.BaseAddress);
        var signIn = await DashboardSession.PostSignInAsync(browser, WebNode.ControllerUser, WebNode.ControllerPassword,
            request => request.Headers.Add("X-Forwarded-Proto", "https"));

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound], first);
        Assert.Equal([HttpStatusCode.TooManyRequests], spoofed);
        Assert.DoesNotContain(signIn.Headers.GetValues("Set-Cookie"), c => c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_client_cannot_choose_its_address_by_sending_its_own_forwarded_header_through_the_proxy()
    {
        await using var node = await WebNode.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Web:KnownProxies:0"] = "127.0.0.1",
            ["Web:JoinAttemptsPerMinute"] = "2",
        });

        // nginx appends the address it saw ($proxy_add_x_forwarded_for); only that last hop is believed.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.AddRange(await Guesses(node, $"198.51.100.{i}, 203.0.113.5", 1));
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
    }

    private static async Task<List<HttpStatusCode>> Guesses(WebNode node, string forwardedFor, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/devices/join") { Content = JsonContent.Create(new { code = $"GUESS{Random.Shared.Next(100, 999)}" }) };
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            statuses.Add((await node.Http.SendAsync(request)).StatusCode);
        }

        return statuses;
    }
}
