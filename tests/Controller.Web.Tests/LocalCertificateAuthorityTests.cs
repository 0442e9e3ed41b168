using System.Security.Cryptography.X509Certificates;
using ScenarioEngine.Web.Hosting.Https;

namespace ScenarioEngine.Web.Tests;

// File modes are what keep the keys private here; Windows has ACLs instead.
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LocalCertificateAuthorityTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"se-ca-{Guid.NewGuid():N}", "https");

    [Fact]
    public void A_CA_made_once_is_reused_from_its_folder_with_its_key_readable_by_the_owner_only()
    {
        using var first = LocalCertificateAuthority.LoadOrCreate(_folder, Now);
        using var second = LocalCertificateAuthority.LoadOrCreate(_folder, Now.AddDays(3));

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Fingerprint, second.Fingerprint);
        Assert.True(second.Certificate.HasPrivateKey);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_folder, LocalCertificateAuthority.KeyFileName)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_folder));
        var constraints = second.Certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(constraints.CertificateAuthority);
    }

    [Fact]
    public void A_key_file_whose_mode_was_loosened_is_made_owner_only_again_at_load()
    {
        using (LocalCertificateAuthority.LoadOrCreate(_folder, Now))
        {
        }

        var key = Path.Combine(_folder, LocalCertificateAuthority.KeyFileName);
        File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        using var loaded = LocalCertificateAuthority.LoadOrCreate(_folder, Now);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
    }

    [Fact]
    public void The_server_certificate_chains_to_the_CA_and_covers_every_name_and_address_for_server_authentication_only()
    {
        using var authority = LocalCertificateAuthority.LoadOrCreate(_folder, Now);

        using var server = authority.IssueServerCertificate(["drill.test", "192.168.1.20", "fd00::2"], Now);

        Assert.True(server.HasPrivateKey);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority.Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = Now.AddDays(1).UtcDateTime;
        Assert.True(chain.Build(server), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        var names = server.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["drill.test"], names.EnumerateDnsNames());
        Assert.Equal(["192.168.1.20", "fd00::2"], names.EnumerateIPAddresses().Select(a => a.ToString()));
        Assert.Equal("1.3.6.1.5.5.7.3.1", Assert.Single(server.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>()).Value);
        Assert.False(server.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.True(server.NotAfter - server.NotBefore <= TimeSpan.FromDays(398), "browsers refuse server certificates valid for longer");
    }

    [Fact]
    public void Half_a_CA_in_the_folder_is_refused_rather_than_replaced()
    {
        using (LocalCertificateAuthority.LoadOrCreate(_folder, Now))
        {
        }

        var certificate = Path.Combine(_folder, LocalCertificateAuthority.CertificateFileName);
        var kept = File.ReadAllText(certificate);
        File.Delete(Path.Combine(_folder, LocalCertificateAuthority.KeyFileName));

        var refused = Assert.Throws<InvalidOperationException>(() => LocalCertificateAuthority.LoadOrCreate(_folder, Now));

        Assert.Contains(LocalCertificateAuthority.KeyFileName, refused.Message, StringComparison.Ordinal);
        Assert.Equal(kept, File.ReadAllText(certificate));
    }

    public void Dispose()
    {
        var root = Path.GetDirectoryName(_folder)!;
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
