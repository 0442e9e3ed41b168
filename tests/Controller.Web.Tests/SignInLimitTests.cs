using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using ScenarioEngine.Access;
using ScenarioEngine.Testing;
using ScenarioEngine.Web.Auth;

namespace ScenarioEngine.Web.Tests;

/// <summary>Control-room sign-in: one limit for the API and the dashboard form, a growing wait, no user-name oracle, and a log of refusals.</summary>
public sealed class SignInLimitTests : IAsyncLifetime
{
    private WebNode _node = null!;

    public async Task InitializeAsync() =>
        _node = await WebNode.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Web:SignInFreeFailures"] = "2",
            // Long enough that the next attempt surely lands inside it, however slow the machine.
            ["Web:SignInFirstDelay"] = "00:01:00",
            // These tests share one address; its own limit has its own test.
            ["Web:SignInFreeFailuresPerAddress"] = "1000",
        });

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Failures_on_the_dashboard_form_and_the_api_count_together_and_then_even_the_right_password_must_wait()
    {
        using var browser = DashboardSession.NewClient(_node.BaseAddress);

        var first = await SignInApi("wrong");
        var second = await DashboardSession.PostSignInAsync(browser, WebNode.ControllerUser, "wrong");
        var third = await SignInApi("wrong");
        var right = await SignInApi(WebNode.ControllerPassword);
        var rightOnForm = await DashboardSession.PostSignInAsync(browser, WebNode.ControllerUser, WebNode.ControllerPassword);

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Contains("data-testid=\"sign-in-error\"", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, third.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.InRange(right.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.Contains("data-testid=\"sign-in-locked\"", await rightOnForm.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightOnForm.StatusCode);
    }

    [Fact]
    public async Task Another_user_name_is_not_held_up_by_one_being_guessed()
    {
        for (var i = 0; i < 4; i++)
        {
            await SignInApi("wrong", "someone-else");
        }

        Assert.Equal(HttpStatusCode.OK, (await SignInApi(WebNode.ControllerPassword)).StatusCode);
    }

    [Fact]
    public async Task Failed_and_locked_out_sign_ins_are_logged_for_controllers_on_the_api_and_in_the_control_room_in_both_languages()
    {
        var name = $"intruder-{Guid.NewGuid():N}"[..16];
        using var browser = DashboardSession.NewClient(_node.BaseAddress);
        await DashboardSession.PostSignInAsync(browser, name, "guess-1");
        for (var i = 0; i < 3; i++)
        {
            await SignInApi($"guess-{i + 2}", name);
        }

        using var controller = await _node.SignInControllerAsync();
        var log = (await controller.Http.GetFromJsonAsync<List<SignInFailure>>("/api/controller/sign-in-failures", WebNode.Json))!
            .Where(f => f.UserName == name).ToList();
        using var controlRoom = await DashboardSession.SignInAsync(_node.BaseAddress);
        var english = await controlRoom.GetStringAsync("/sign-in-log");
        await controlRoom.GetAsync("/culture/ru");
        // Rendered HTML encodes Cyrillic as character references.
        var russian = WebUtility.HtmlDecode(await controlRoom.GetStringAsync("/sign-in-log"));

        Assert.Equal(3, log.Count(f => f.Refusal == SignInRefusal.Failed));
        Assert.Single(log, f => f.Refusal == SignInRefusal.LockedOut);
        Assert.All(log, f => Assert.Equal("127.0.0.1", f.Address));
        Assert.Contains(log, f => f.Via == "dashboard");
        Assert.Contains(log, f => f.Via == "api" && f.Wait > TimeSpan.Zero);
        Assert.True(log.Select(f => f.At).SequenceEqual(log.Select(f => f.At).OrderDescending()), "newest first");
        Assert.Contains(name, english, StringComparison.Ordinal);
        Assert.Contains("Failed sign-ins", english, StringComparison.Ordinal);
        Assert.Contains("refused: must wait", english, StringComparison.Ordinal);
        Assert.Contains("Неудачные входы", russian, StringComparison.Ordinal);
        Assert.Contains("отказ: нужно подождать", russian, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_address_trying_many_user_names_must_wait_too()
    {
        await using var node = await WebNode.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Web:SignInFreeFailuresPerAddress"] = "3",
            ["Web:SignInFirstDelay"] = "00:01:00",
        });

        var statuses = new List<HttpStatusCode>();
        foreach (var name in new[] { "ann", "bob", "cid", "dan", "eve" })
        {
            statuses.Add((await node.Http.PostAsJsonAsync("/api/controller/sign-in", new { userName = name, password = "guess" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public void Unknown_user_name_takes_as_long_to_refuse_as_a_wrong_password()
    {
        var accounts = new ControllerAccounts(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Controllers:0:UserName"] = WebNode.ControllerUser,
            ["Controllers:0:PasswordHash"] = WebNode.ControllerPasswordHash.Value,
        }).Build());

        var wrongPassword = MedianMilliseconds(() => accounts.Verify(WebNode.ControllerUser, "wrong"));
        var unknownUser = MedianMilliseconds(() => accounts.Verify("nobody-by-this-name", "wrong"));

        // Without the dummy hash the unknown name answers in microseconds, against milliseconds for a hash.
        Assert.True(unknownUser > wrongPassword * 0.5, $"unknown user {unknownUser:0.00} ms, wrong password {wrongPassword:0.00} ms");
    }

    private static double MedianMilliseconds(Func<ControllerAccount?> verify)
    {
        verify();
        var times = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            var watch = Stopwatch.StartNew();
            Assert.Null(verify());
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return times.Order().ElementAt(times.Count / 2);
    }

    private Task<HttpResponseMessage> SignInApi(string password, string userName = WebNode.ControllerUser) =>
        _node.Http.PostAsJsonAsync("/api/controller/sign-in", new { userName, password });
}
