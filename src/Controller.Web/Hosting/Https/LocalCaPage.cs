using System.Net;
using System.Text;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace ScenarioEngine.Web.Hosting.Https;

/// <summary>
/// <c>/ca</c>: how to trust the local CA on a phone, its fingerprint, the download and a QR code of
/// the page for phones to scan off the control-room screen; <c>/ca/scenarioengine-ca.crt</c>: the CA.
/// </summary>
public static class LocalCaPage
{
    public const string DownloadPath = LanHttps.CaPath + "/" + LocalCertificateAuthority.CertificateFileName;

    public static void MapLocalCaPage(this WebApplication app)
    {
        // Routing matches /ca and /ca/ alike.
        app.MapGet(LanHttps.CaPath, (LanHttps lan, IStringLocalizer<CaStrings> text) =>
            Results.Content(Render(lan, text), "text/html; charset=utf-8")).AllowAnonymous();

        // application/x-x509-ca-cert makes Android offer "install CA certificate" and iOS a profile.
        app.MapGet(DownloadPath, (LanHttps lan) =>
            Results.File(lan.Authority.Certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Cert), "application/x-x509-ca-cert", LocalCertificateAuthority.CertificateFileName))
            .AllowAnonymous();
    }

    private static string Render(LanHttps lan, IStringLocalizer<CaStrings> text)
    {
        string T(string key) => WebUtility.HtmlEncode(text[key]);
        var page = new Uri(lan.PhoneBaseAddress, LanHttps.CaPath).ToString();
        using var qr = QRCodeGenerator.GenerateQrCode(page, QRCodeGenerator.ECCLevel.M);
        var html = new StringBuilder()
            .Append("<!doctype html><html lang=\"").Append(WebUtility.HtmlEncode(Thread.CurrentThread.CurrentUICulture.TwoLetterISOLanguageName)).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").Append(T("Title")).Append("</title>")
            .Append("<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:1rem auto;padding:0 1rem;line-height:1.4}code{word-break:break-all}.qr svg{width:14rem;height:auto}</style></head><body>")
            .Append("<p><strong>").Append(T("Classification")).Append("</strong></p>")
            .Append("<h1>").Append(T("Title")).Append("</h1>")
            .Append("<p>").Append(T("Why")).Append("</p>")
            .Append("<p><a data-testid=\"ca-download\" href=\"").Append(DownloadPath).Append("\" download>").Append(T("Download")).Append("</a></p>")
            .Append("<p>").Append(T("Fingerprint")).Append("<br><code data-testid=\"ca-fingerprint\">").Append(lan.Authority.Fingerprint).Append("</code></p>")
            .Append("<h2>Android</h2><p>").Append(T("Android")).Append("</p>")
            .Append("<h2>iPhone, iPad</h2><p>").Append(T("Ios")).Append("</p>")
            .Append("<p><a href=\"/app/\">").Append(T("OpenApp")).Append("</a></p>")
            .Append("<p>").Append(T("Scan")).Append("</p><div class=\"qr\">").Append(new SvgQRCode(qr).GetGraphic(6)).Append("</div>")
            .Append("<p><code>").Append(WebUtility.HtmlEncode(page)).Append("</code></p>")
            .Append("<p>").Append(T("Remove")).Append("</p></body></html>");
        return html.ToString();
    }
}

/// <summary>The CA page's words, in CaStrings.resx (English) and CaStrings.ru.resx (Russian).</summary>
public sealed class CaStrings;
