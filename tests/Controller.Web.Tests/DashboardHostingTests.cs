using System.Net;
using System.Text.RegularExpressions;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Web.Tests;

/// <summary>The dashboard next to the API: what is served to whom, from a node started in-process.</summary>
public sealed class DashboardHostingTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    [Fact]
    public async Task Blazor_framework_script_and_dashboard_styles_are_served_to_a_node_started_from_a_test_assembly()
    {
        Assert.Equal(HttpStatusCode.OK, (await fixture.Node.Http.GetAsync("/_framework/blazor.web.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Node.Http.GetAsync("/dashboard.css")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_dashboard_visit_is_sent_to_sign_in_while_the_api_still_answers_401()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Node.BaseAddress };

        var page = await http.GetAsync("/");
        var api = await http.GetAsync("/api/exercises");

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/sign-in", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Contains(api.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task Sign_in_page_is_served_and_the_old_static_page_is_gone()
    {
        var signIn = await fixture.Node.Http.GetStringAsync("/sign-in");

        Assert.Contains("name=\"Input.UserName\"", signIn, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Node.Http.GetAsync("/index.html")).StatusCode);
    }

    [Fact]
    public async Task Controller_signed_in_on_the_dashboard_may_use_the_rest_api_with_its_cookie()
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = fixture.Node.BaseAddress };
        var form = await http.GetStringAsync("/sign-in");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        var wrong = await http.PostAsync("/sign-in", SignInForm(token, "nobody"));
        var before = await http.GetAsync("/api/exercises");
        var signIn = await http.PostAsync("/sign-in", SignInForm(token, WebNode.ControllerPassword));
        var after = await http.GetAsync("/api/exercises");

        Assert.Contains("data-testid=\"sign-in-error\"", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("https://evil.example/")]
    public async Task Language_switch_returns_only_to_a_page_of_this_site(string back)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Node.BaseAddress };

        var response = await http.GetAsync($"/culture/ru?back={Uri.EscapeDataString(back)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=c%3Dru", StringComparison.Ordinal));
    }

    private static FormUrlEncodedContent SignInForm(string token, string password) => new(new Dictionary<string, string>
    {
        ["_handler"] = "sign-in",
        ["__RequestVerificationToken"] = token,
        ["Input.UserName"] = WebNode.ControllerUser,
        ["Input.Password"] = password,
    });
}
