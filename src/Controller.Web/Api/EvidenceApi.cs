using QRCoder;
using ScenarioEngine.Evidence;
using ScenarioEngine.Web.Auth;

namespace ScenarioEngine.Web.Api;

/// <summary>A label as the control room prints it: the item, its site, the hiding place and the address its QR code opens.</summary>
public sealed record EvidenceLabelView(EvidenceLabel Label, string ScanUrl);

/// <summary>
/// Evidence props for the control room: the labels (codes and hiding places, so controllers only),
/// each label's QR code, and the scan log. Devices scan through the hub (<c>ScanEvidence</c>).
/// </summary>
public static class EvidenceApi
{
    public static IEndpointRouteBuilder MapEvidenceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/exercises/{id}/evidence").RequireAuthorization(AuthPolicies.Controller);

        api.MapGet("/labels", async (string id, HttpRequest request, IGrainFactory grains, JoinLinks links) =>
            (await grains.GetGrain<IEvidenceGrain>(id).GetLabels()).Select(l => new EvidenceLabelView(l, ScanUrl(links, request, l.Code))).ToList());

        api.MapGet("/labels/{itemId}/qr.svg", async (string id, string itemId, HttpRequest request, IGrainFactory grains, JoinLinks links) =>
        {
            if ((await grains.GetGrain<IEvidenceGrain>(id).GetLabels()).FirstOrDefault(l => l.ItemId == itemId) is not { } label)
            {
                return Results.Problem(statusCode: 404, title: "Unknown evidence item", detail: $"Exercise '{id}' has no evidence item '{itemId}'.");
            }

            var url = ScanUrl(links, request, label.Code);
            using var data = QRCodeGenerator.GenerateQrCode(url, QRCodeGenerator.ECCLevel.M);
            var svg = new SvgQRCode(data).GetGraphic(8);
            var open = svg.IndexOf('>', svg.IndexOf("<svg", StringComparison.Ordinal)) + 1;
            return Results.Text(svg.Insert(open, $"<title>{System.Net.WebUtility.HtmlEncode(url)}</title>"), "image/svg+xml");
        });

        api.MapGet("/scans", (string id, long? after, IGrainFactory grains) => grains.GetGrain<IEvidenceGrain>(id).ReadScans(after ?? 0, 500));
        return app;
    }

    /// <summary>
    /// The address a label's QR code holds: the phone app with the code after '#', so a phone's own
    /// camera opens the app at its scan screen, and the code never reaches a server log as a query.
    /// </summary>
    public static string ScanUrl(JoinLinks links, HttpRequest request, string code) =>
        $"{links.BaseFor(request)}/app/#/scan/{Uri.EscapeDataString(code)}";
}
