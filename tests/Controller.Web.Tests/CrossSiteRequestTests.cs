using System.Net;
using System.Net.Http.Json;
using ScenarioEngine.Exercises;
using ScenarioEngine.Testing;
using ScenarioEngine.Web.Auth;

namespace ScenarioEngine.Web.Tests;

/// <summary>
/// The API accepts the dashboard's cookie. A page on another site can make a browser POST a form to
/// the API with that cookie attached; such a write must be refused unless it carries the
/// antiforgery token, while bearer-token callers go on as before.
/// </summary>
public sealed class CrossSiteRequestTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    public static TheoryData<string> CookieWrites() =>
    [
        "injects/2/fire",
        "end",
        "signals/x-1/clear",
        "devices/x-1/revoke",
        "msel",
    ];

    [Theory]
    [MemberData(nameof(CookieWrites))]
    public async Task Cross_site_form_post_carrying_the_dashboard_cookie_is_refused_and_changes_nothing(string write)
    {
        var exercise = await fixture.Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        await fixture.Controller.StartAsync(exercise.ExerciseId);
        using var browser = await DashboardSession.SignInAsync(fixture.Node.BaseAddress);

        // What an attacker's page sends: a plain form post (no script, so no custom header), from its own origin.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/exercises/{exercise.ExerciseId}/{write}")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["kind"] = "stop" }),
        };
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Referrer = new Uri("https://evil.example/page.html");
        var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("antiforgery", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var after = await fixture.Controller.GetAsync(exercise.ExerciseId);
        Assert.Equal(ClockStatus.Running, after.Status);
        Assert.Equal(InjectStatus.Pending, after.Injects.Single(i => i.Number == "2").Status);
    }

    [Fact]
    public async Task Cookie_write_with_the_antiforgery_token_in_its_header_is_accepted()
    {
        var exercise = await fixture.Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        using var browser = await DashboardSession.SignInAsync(fixture.Node.BaseAddress);
        var token = (await browser.GetFromJsonAsync<AntiforgeryTokenResponse>("/api/controller/antiforgery", WebNode.Json))!;

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/exercises/{exercise.ExerciseId}/injects/2/fire");
        request.Headers.Add(token.HeaderName, token.Token);
        var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(InjectStatus.Fired, (await fixture.Controller.GetAsync(exercise.ExerciseId)).Injects.Single(i => i.Number == "2").Status);
    }

    [Fact]
    public async Task Bearer_write_needs_no_antiforgery_token()
    {
        var exercise = await fixture.Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());

        var response = await fixture.Controller.Http.PostAsync($"/api/exercises/{exercise.ExerciseId}/injects/2/fire", content: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Cookie_read_needs_no_antiforgery_token()
    {
        using var browser = await DashboardSession.SignInAsync(fixture.Node.BaseAddress);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/exercises")).StatusCode);
    }
}
