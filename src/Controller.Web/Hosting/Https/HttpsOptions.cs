namespace ScenarioEngine.Web.Hosting.Https;

/// <summary>
/// The "Https" configuration section: HTTPS for phones on a LAN from a local certificate authority
/// this node makes and keeps. A certificate you supply needs none of this: Kestrel's own settings
/// (<c>Kestrel:Certificates:Default</c>, <c>Kestrel:Endpoints</c>) take it, see the README.
/// </summary>
public sealed class HttpsOptions
{
    public const string Section = "Https";

    /// <summary>
    /// Listen for phones with HTTPS on <see cref="Port"/> on every address of this machine, with a
    /// server certificate signed by the local CA. Off by default: the one-command default listens on
    /// 127.0.0.1 only and must not appear on a network unasked.
    /// </summary>
    public bool Lan { get; set; }

    public int Port { get; set; } = 5443;

    /// <summary>Where the LAN HTTPS endpoint listens: <c>*</c> is every address; tests use one loopback address.</summary>
    public string ListenAddress { get; set; } = "*";

    /// <summary>
    /// Where the CA's certificate and key are kept across restarts (the key readable by this user only).
    /// Default: a ScenarioEngine/https folder in the user's local application data (~/.local/share on Linux).
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>Names and addresses the server certificate also covers, beyond this machine's own (a DNS name on the venue's network).</summary>
    public List<string> HostNames { get; set; } = [];

    /// <summary>Mark every cookie Secure whatever the request's scheme: set where TLS ends at a proxy (deploy/).</summary>
    public bool SecureCookies { get; set; }

    public string ResolvedDataDirectory => DataDirectory is { Length: > 0 } folder
        ? folder
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "ScenarioEngine", "https");
}
