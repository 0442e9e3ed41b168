using Microsoft.Extensions.Configuration;
using ScenarioEngine.Testing;
using ScenarioEngine.Web.Hosting.Https;

namespace ScenarioEngine.Web.Tests;

/// <summary>Which address the node adds to its configuration, for every standard way of binding (the processes themselves: <see cref="BindingTests"/>).</summary>
public sealed class ListenAddressesTests
{
    [Fact]
    public void With_no_binding_configured_the_node_listens_on_127_0_0_1_port_5080()
    {
        var settings = ListenAddresses.Settings(Configuration(), new HttpsOptions());

        Assert.Equal("http://127.0.0.1:5080", Assert.Single(settings).Value);
        Assert.Equal("urls", Assert.Single(settings).Key);
    }

    [Theory]
    [InlineData("urls", "http://0.0.0.0:8080")]
    [InlineData("http_ports", "8080")]
    [InlineData("https_ports", "8443")]
    [InlineData("Kestrel:Endpoints:Web:Url", "http://127.0.0.1:9000")]
    public void A_configured_binding_is_left_to_ASP_NET_Core(string key, string value)
    {
        var settings = ListenAddresses.Settings(Configuration((key, value)), new HttpsOptions());

        Assert.Empty(settings);
    }

    [Fact]
    public void The_web_project_s_appsettings_json_names_no_listen_address_which_would_outrank_ASPNETCORE_URLS()
    {
        var appsettings = new ConfigurationBuilder().AddJsonFile(Path.Combine(Repository.Root, "src/Controller.Web/appsettings.json")).Build();

        Assert.Null(appsettings["urls"]);
        Assert.Null(appsettings["http_ports"]);
        Assert.Null(appsettings["https_ports"]);
        Assert.Empty(appsettings.GetSection("Kestrel:Endpoints").GetChildren());
    }

    [Fact]
    public void Lan_https_keeps_the_configured_http_addresses_as_endpoints_beside_its_own()
    {
        var settings = ListenAddresses.Settings(
            Configuration(("urls", "http://127.0.0.1:5080;http://[::1]:5080")),
            new HttpsOptions { Lan = true, Port = 5443 });

        Assert.Equal("http://127.0.0.1:5080", settings["Kestrel:Endpoints:Configured0:Url"]);
        Assert.Equal("http://[::1]:5080", settings["Kestrel:Endpoints:Configured1:Url"]);
        Assert.Equal("https://*:5443", settings[$"Kestrel:Endpoints:{ListenAddresses.LanEndpoint}:Url"]);
        Assert.Equal(string.Empty, settings["urls"]);
    }

    [Fact]
    public void Lan_https_with_no_binding_configured_adds_itself_to_the_default_address()
    {
        var settings = ListenAddresses.Settings(Configuration(), new HttpsOptions { Lan = true, Port = 6443, ListenAddress = "127.0.0.2" });

        Assert.Equal("http://127.0.0.1:5080", settings["Kestrel:Endpoints:Configured0:Url"]);
        Assert.Equal("https://127.0.0.2:6443", settings[$"Kestrel:Endpoints:{ListenAddresses.LanEndpoint}:Url"]);
    }

    [Fact]
    public void Lan_https_turns_configured_ports_into_endpoints_on_every_address()
    {
        var settings = ListenAddresses.Settings(Configuration(("http_ports", "8080"), ("https_ports", "8443")), new HttpsOptions { Lan = true });

        Assert.Equal("http://*:8080", settings["Kestrel:Endpoints:Configured0:Url"]);
        Assert.Equal("https://*:8443", settings["Kestrel:Endpoints:Configured1:Url"]);
    }

    [Fact]
    public void Lan_https_beside_configured_Kestrel_endpoints_adds_only_its_own()
    {
        var settings = ListenAddresses.Settings(Configuration(("Kestrel:Endpoints:Web:Url", "http://127.0.0.1:9000")), new HttpsOptions { Lan = true });

        Assert.Equal($"Kestrel:Endpoints:{ListenAddresses.LanEndpoint}:Url", Assert.Single(settings).Key);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
