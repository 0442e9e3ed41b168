using ScenarioEngine.Delivery;
using ScenarioEngine.Grains.AppendLog;
using ScenarioEngine.Grains.Attachments;
using ScenarioEngine.Web.Auth;
using ScenarioEngine.Web.Hubs;

namespace ScenarioEngine.Web.Api;

/// <summary>
/// A device fetches the files of a message it holds. The token names the mailbox; the mailbox
/// entry must list the attachment, so a device can never fetch another team's documents. HEAD
/// answers from the mailbox entry alone (type, size) without reading the bytes, and GET reads them
/// from the log, not through the exercise grain that runs the clock.
/// </summary>
public static class DeviceAttachmentsApi
{
    public const string Path = "/api/devices/messages/{sequence:long}/attachments/{attachmentId}";

    public static IEndpointRouteBuilder MapDeviceAttachmentsApi(this IEndpointRouteBuilder app)
    {
        app.MapMethods(Path, [HttpMethods.Get, HttpMethods.Head], async (long sequence, string attachmentId, HttpContext http, IGrainFactory grains, IAppendOnlyLog log, IAttachmentStore uploads, RevokedDevices revoked) =>
        {
            var device = DeviceClaims.From(http.User);
            if (await revoked.IsRevokedAsync(device))
            {
                return DevicesApi.DeviceRevoked();
            }

            var page = await grains.GetGrain<IMailboxGrain>(device.Recipient.GrainKey).ReadAfter(sequence - 1, 1);
            if (page.Messages.FirstOrDefault(m => m.Sequence == sequence)?.Attachments.Find(a => a.Id == attachmentId) is not { } attachment)
            {
                return Results.Problem(statusCode: 404, title: "No such attachment", detail: $"Message {sequence} has no attachment '{attachmentId}'.");
            }

            if (HttpMethods.IsHead(http.Request.Method))
            {
                http.Response.ContentType = attachment.ContentType;
                http.Response.ContentLength = attachment.Size;
                return Results.Empty;
            }

            // A scenario's document, or a photo a teammate sent with a request (the entry lists it, so it is the team's own).
            var content = await ScenarioAttachments.ReadAsync(log, device.Recipient.Exercise, attachmentId, http.RequestAborted)
                ?? (await uploads.GetAsync(device.Recipient.Exercise, attachmentId, http.RequestAborted))?.Content.ToArray();
            return content is null
                ? Results.Problem(statusCode: 404, title: "No such attachment", detail: $"Attachment '{attachmentId}' is not stored.")
                : Results.File(content, attachment.ContentType, attachment.FileName);
        }).RequireAuthorization(AuthPolicies.Device).RequireRateLimiting(DevicesApi.DeviceRateLimit);
        return app;
    }
}
