using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Deploy.Tests;

/// <summary>deploy/make-certs.sh run for real (needs openssl): the pair nginx serves, from a CA phones can trust once.</summary>
// File modes are what keep the keys private here; Windows has ACLs instead.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CertificateScriptTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("deploy-certs-").FullName;

    private string Certs => Path.Combine(_root, "certs");

    private string Ca => Path.Combine(_root, "local-ca");

    [Fact]
    public async Task The_script_makes_a_ca_once_and_a_server_certificate_for_the_given_names_that_chains_to_it()
    {
        await MakeCerts("drill.example.org", "192.168.1.20");
        var caFingerprint = Fingerprint(Path.Combine(Ca, "ca.crt"));
        await MakeCerts("drill.example.org", "192.168.1.21");

        Assert.Equal(caFingerprint, Fingerprint(Path.Combine(Ca, "ca.crt")));
        Assert.Equal(caFingerprint, Fingerprint(Path.Combine(Certs, "ca.crt")));
        using var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Ca, "ca.crt"));
        using var server = X509Certificate2.CreateFromPemFile(Path.Combine(Certs, "tls.crt"), Path.Combine(Certs, "tls.key"));
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(server), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        var names = server.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["drill.example.org"], names.EnumerateDnsNames());
        Assert.Equal(["192.168.1.21"], names.EnumerateIPAddresses().Select(a => a.ToString()));
        Assert.True(server.NotAfter - server.NotBefore <= TimeSpan.FromDays(398));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Ca, "ca.key")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Certs, "tls.key")));
        Assert.False(File.Exists(Path.Combine(Certs, "ca.key")), "the CA key must not be in the folder nginx mounts");
    }

    [Fact]
    public async Task The_script_refuses_a_ca_certificate_whose_key_is_missing()
    {
        await MakeCerts("drill.example.org");
        File.Delete(Path.Combine(Ca, "ca.key"));

        var result = await Run.Process("sh", [Repo.PathOf("deploy/make-certs.sh"), "drill.example.org"], _root, TimeSpan.FromSeconds(60), Environment());

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("without ca.key", result.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task MakeCerts(params string[] names)
    {
        var result = await Run.Process("sh", [Repo.PathOf("deploy/make-certs.sh"), .. names], _root, TimeSpan.FromSeconds(60), Environment());
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private Dictionary<string, string?> Environment() => new() { ["SE_CERTS_DIR"] = Certs, ["SE_CA_DIR"] = Ca };

    private static string Fingerprint(string path)
    {
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(path);
        return Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));
    }
}
