using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace ScenarioEngine.Web.Hosting.Https;

/// <summary>
/// HTTPS for phones on a LAN (<c>Https:Lan=true</c>): the local CA, the server certificate it signed
/// at this start, and the addresses phones reach this node at.
/// </summary>
public sealed class LanHttps : IDisposable
{
    public const string CaPath = "/ca";

    private LanHttps(HttpsOptions options, LocalCertificateAuthority authority, X509Certificate2 server, IReadOnlyList<string> names, IReadOnlyList<string> phoneHosts)
    {
        Options = options;
        Authority = authority;
        ServerCertificate = server;
        Names = names;
        PhoneHosts = phoneHosts;
    }

    public HttpsOptions Options { get; }

    public LocalCertificateAuthority Authority { get; }

    public X509Certificate2 ServerCertificate { get; }

    /// <summary>Every name and address the server certificate covers.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Hosts a phone can reach this node at, best first (configured names, then LAN addresses).</summary>
    public IReadOnlyList<string> PhoneHosts { get; }

    /// <summary>The base address a phone uses, e.g. https://192.168.1.20:5443.</summary>
    public Uri PhoneBaseAddress => new(string.Create(CultureInfo.InvariantCulture, $"https://{HostForUrl(PhoneHosts[0])}:{Options.Port}"));

    public static LanHttps Create(HttpsOptions options, DateTimeOffset now)
    {
        var authority = LocalCertificateAuthority.LoadOrCreate(options.ResolvedDataDirectory, now);
        var listen = IsEveryAddress(options.ListenAddress) ? [] : new[] { options.ListenAddress };
        var lan = listen.Length > 0 ? [] : MachineAddresses();
        var host = Dns.GetHostName();
        List<string> phoneHosts = [.. options.HostNames, .. listen, .. lan];
        if (phoneHosts.Count == 0)
        {
            phoneHosts.Add(host);
        }

        var names = new List<string>(phoneHosts) { host, $"{host}.local", "localhost", "127.0.0.1", "::1" }
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        var server = authority.IssueServerCertificate(names, now);
        return new LanHttps(options, authority, server, names, phoneHosts);
    }

    public void Dispose()
    {
        ServerCertificate.Dispose();
        Authority.Dispose();
    }

    private static bool IsEveryAddress(string address) => address is "*" or "+" or "0.0.0.0" or "::" or "[::]";

    private static string HostForUrl(string host) =>
        IPAddress.TryParse(host, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{host}]" : host;

    /// <summary>This machine's unicast addresses on interfaces that are up, IPv4 first; no loopback or link-local IPv6.</summary>
    private static List<string> MachineAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => !IPAddress.IsLoopback(a) && (a.AddressFamily == AddressFamily.InterNetwork || (a.AddressFamily == AddressFamily.InterNetworkV6 && !a.IsIPv6LinkLocal)))
            .OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork ? 0 : 1)
            .Select(a => a.ToString())
            .Distinct()
            .ToList();
}
