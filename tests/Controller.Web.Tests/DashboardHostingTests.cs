using System.Net;
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
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Node.Http.GetAsync("/dashboard.js")).StatusCode);
    }
}
