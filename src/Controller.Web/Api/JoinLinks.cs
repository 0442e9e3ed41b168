using System.Net;
using Microsoft.Extensions.Options;
using ScenarioEngine.Web.Hosting;
using ScenarioEngine.Web.Hosting.Https;

namespace ScenarioEngine.Web.Api;

/// <summary>
/// The address a join link or QR code sends a phone to. A dashboard opened at 127.0.0.1 or localhost
/// would print links no phone can reach, so a loopback request host is replaced by an address phones
/// can use: <see cref="WebOptions.PublicAddress"/> when set (it always wins: the operator said where
/// phones reach this server), else the node's LAN HTTPS address, else there is nothing better.
/// </summary>
public sealed class JoinLinks(IOptions<WebOptions> options, IServiceProvider services)
{
    public string For(HttpRequest request, string code) => Link(BaseFor(request), code);

    /// <summary>The base address phones reach this server at, for links made in <paramref name="request"/>.</summary>
    public string BaseFor(HttpRequest request) =>
        Base(request.Scheme, request.Host, options.Value.PublicAddress, services.GetService<LanHttps>()?.PhoneBaseAddress);

    /// <summary>The base address for links to a dashboard reached at <paramref name="scheme"/>://<paramref name="host"/>.</summary>
    public static string Base(string scheme, HostString host, string? publicAddress, Uri? lanAddress)
    {
        if (!string.IsNullOrWhiteSpace(publicAddress))
        {
            return publicAddress.TrimEnd('/');
        }

        if (IsLoopback(host) && lanAddress is not null)
        {
            return lanAddress.GetLeftPart(UriPartial.Authority);
        }

        return $"{scheme}://{host}";
    }

    public static string Link(string baseAddress, string code) => $"{baseAddress}/app/?code={Uri.EscapeDataString(code)}";

    public static bool IsLoopback(HostString host)
    {
        var name = host.Host.Trim('[', ']');
        return name.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(name, out var address) && IPAddress.IsLoopback(address));
    }
}
