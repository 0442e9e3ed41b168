using System.Text;
using Microsoft.Extensions.Options;
using QRCoder;

namespace ScenarioEngine.Web.Hosting.Https;

/// <summary>The start banner's HTTPS lines: the phones' https address and a QR code of the CA page, or how to turn it on.</summary>
public sealed class HttpsBanner(IOptions<HttpsOptions> options, IServiceProvider services)
{
    public void AppendTo(StringBuilder banner)
    {
        if (services.GetService<LanHttps>() is not { } lan)
        {
            banner.AppendLine($"  Phones on a LAN need HTTPS (offline app, camera): restart with --Https:Lan=true for https on port {options.Value.Port}, or see README \"HTTPS for phones\".");
            return;
        }

        var phone = lan.PhoneBaseAddress;
        var caPage = new Uri(phone, LanHttps.CaPath);
        banner.AppendLine($"  Phones (HTTPS): {new Uri(phone, "/app/")}")
            .AppendLine($"  Dashboard for join QR codes phones can use: {phone}")
            .AppendLine($"  First, each phone trusts this server's CA: scan the code below or open {caPage}")
            .AppendLine($"  CA SHA-256: {lan.Authority.Fingerprint}")
            .AppendLine($"  CA kept in {lan.Options.ResolvedDataDirectory}{(lan.Authority.Created ? " (made at this start)" : string.Empty)}; certificate names: {string.Join(", ", lan.Names)}");
        using var qr = QRCodeGenerator.GenerateQrCode(caPage.ToString(), QRCodeGenerator.ECCLevel.L);
        banner.AppendLine(new AsciiQRCode(qr).GetGraphicSmall(drawQuietZones: true, invert: false, endOfLine: Environment.NewLine));
    }
}
