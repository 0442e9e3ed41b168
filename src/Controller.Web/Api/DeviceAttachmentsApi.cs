using ScenarioEngine.Delivery;
using ScenarioEngine.Exercises;
using ScenarioEngine.Web.Auth;
using ScenarioEngine.Web.Hubs;

namespace ScenarioEngine.Web.Api;

/// <summary>
/// A device fetches the files of a message it holds. The token names the mailbox; the mailbox
/// entry must list the attachment, so a device can never fetch another team's documents.
/// </summary>
public static class DeviceAttachmentsApi
{
    public static IEndpointRouteBuilder MapDeviceAttachmentsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/devices/messages/{sequence:long}/attachments/{attachmentId}", async (long sequence, string attachmentId, HttpContext http, IGrainFactory grains, RevokedDevices revoked) =>
        {
            var device = DeviceClaims.From(http.User);
            if (await revoked.IsRevokedAsync(device))
            {
                return DevicesApi.DeviceRevoked();
            }

            var page = await grains.GetGrain<IMailboxGrain>(device.Recipient.GrainKey).ReadAfter(sequence - 1, 1);
            if (page.Messages.FirstOrDefault(m => m.Sequence == sequence) is not { } message || message.Attachments.All(a => a.Id != attachmentId))
            {
                return Results.Problem(statusCode: 404, title: "No such attachment", detail: $"Message {sequence} has no attachment '{attachmentId}'.");
            }

            var content = await grains.GetGrain<IExerciseGrain>(device.Recipient.Exercise.Value).GetAttachment(attachmentId);
            return content is null
                ? Results.Problem(statusCode: 404, title: "No such attachment", detail: $"Attachment '{attachmentId}' is not stored.")
                : Results.File(content.Content, content.Attachment.ContentType, content.Attachment.FileName);
        }).RequireAuthorization(AuthPolicies.Device);
        return app;
    }
}
