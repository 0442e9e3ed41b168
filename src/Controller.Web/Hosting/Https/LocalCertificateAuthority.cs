using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ScenarioEngine.Web.Hosting.Https;

/// <summary>
/// A certificate authority of this installation, made once and kept in a folder (its key readable by
/// this user only) so phones that trusted it keep trusting the server across restarts. It signs a
/// fresh server certificate at every start, for the names and addresses the machine has then.
/// </summary>
public sealed class LocalCertificateAuthority : IDisposable
{
    public const string CertificateFileName = "scenarioengine-ca.crt";
    public const string KeyFileName = "scenarioengine-ca.key";

    // Owner only: anyone who reads the key can make certificates the phones that trust this CA accept.
    private const UnixFileMode KeyMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    private LocalCertificateAuthority(X509Certificate2 certificate, bool created)
    {
        Certificate = certificate;
        Created = created;
    }

    /// <summary>The CA's certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>True when this start made the CA (phones must be told to trust it).</summary>
    public bool Created { get; }

    /// <summary>SHA-256 of the CA certificate as phones show it (AB:CD:…), to check the download was not swapped.</summary>
    public string Fingerprint => Convert.ToHexString(Certificate.GetCertHash(HashAlgorithmName.SHA256)).Chunk(2).Select(p => new string(p)).Aggregate((a, b) => $"{a}:{b}");

    /// <summary>Loads the CA kept in <paramref name="folder"/>, or makes one there if the folder holds none.</summary>
    public static LocalCertificateAuthority LoadOrCreate(string folder, DateTimeOffset now)
    {
        var certificatePath = Path.Combine(folder, CertificateFileName);
        var keyPath = Path.Combine(folder, KeyFileName);
        var hasCertificate = File.Exists(certificatePath);
        if (hasCertificate != File.Exists(keyPath))
        {
            // Never replace half a CA: phones may trust the certificate that is there.
            throw new InvalidOperationException(
                $"{folder} holds only one of {CertificateFileName} and {KeyFileName}. Restore the missing file, or delete both to make a new CA (phones must then trust the new one).");
        }

        if (hasCertificate)
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(keyPath, KeyMode);
            }

            return new LocalCertificateAuthority(X509Certificate2.CreateFromPemFile(certificatePath, keyPath), created: false);
        }

        CreateFolder(folder);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Name($"ScenarioEngine local CA ({Environment.MachineName}, {now:yyyy-MM-dd})"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));

        // The key first and under a temporary name: a crash part-way leaves no half CA behind.
        var pending = keyPath + ".new";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = KeyMode;
        }

        using (var stream = new FileStream(pending, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(key.ExportPkcs8PrivateKeyPem());
        }

        File.WriteAllText(certificatePath + ".new", created.ExportCertificatePem());
        File.Move(pending, keyPath, overwrite: true);
        File.Move(certificatePath + ".new", certificatePath, overwrite: true);
        return new LocalCertificateAuthority(X509Certificate2.CreateFromPemFile(certificatePath, keyPath), created: true);
    }

    /// <summary>A server certificate for <paramref name="names"/> (DNS names or IP addresses), valid for 397 days or until the CA ends.</summary>
    public X509Certificate2 IssueServerCertificate(IReadOnlyCollection<string> names, DateTimeOffset now)
    {
        if (names.Count == 0)
        {
            throw new ArgumentException("A server certificate needs at least one name.", nameof(names));
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(Name(names.First()), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication], critical: false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var alternativeNames = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (IPAddress.TryParse(name, out var address))
            {
                alternativeNames.AddIpAddress(address);
            }
            else
            {
                alternativeNames.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(alternativeNames.Build());

        // Browsers refuse server certificates valid for longer than 398 days.
        var notAfter = now.AddDays(397) < Certificate.NotAfter ? now.AddDays(397) : new DateTimeOffset(Certificate.NotAfter);
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(Certificate, now.AddDays(-1), notAfter, serial);
        using var withKey = issued.CopyWithPrivateKey(key);

        // Through PKCS#12 so the key is one TLS can use on every platform (an ephemeral key is not, on Windows).
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), password: null);
    }

    public void Dispose() => Certificate.Dispose();

    private static X500DistinguishedName Name(string commonName)
    {
        var name = new X500DistinguishedNameBuilder();
        name.AddOrganizationName("ScenarioEngine");
        name.AddCommonName(commonName);
        return name.Build();
    }

    private static void CreateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        // Applies to the folders it creates only: an existing folder named by the settings keeps its mode.
        Directory.CreateDirectory(folder, FolderMode);
    }
}
