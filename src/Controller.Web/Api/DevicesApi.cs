using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using QRCoder;
using ScenarioEngine.Access;
using ScenarioEngine.Devices;
using ScenarioEngine.Exercises;
using ScenarioEngine.Grains.Access;
using ScenarioEngine.Grains.Attachments;
using ScenarioEngine.Web.Auth;
using ScenarioEngine.Web.Hosting;
using ScenarioEngine.Web.Hubs;

namespace ScenarioEngine.Web.Api;

/// <summary>Devices seen by controllers (presence, revocation, join codes and their QR codes) and photo upload by devices.</summary>
public static class DevicesApi
{
    /// <summary>REST calls of one device (uploads, downloads), however many connections or addresses it uses.</summary>
    public const string DeviceRateLimit = "device";

    private static readonly HashSet<string> ImageTypes = new(StringComparer.OrdinalIgnoreCase) { "image/jpeg", "image/png", "image/webp" };

    public static IServiceCollection AddDeviceRateLimits(this IServiceCollection services, WebOptions web) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // The device policy below is the only one: the answer names that limit, its numbers and the wait, in the caller's language.
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

                // Scoped to this callback: the culture is an async-local value.
                System.Globalization.CultureInfo.CurrentUICulture = http.Culture();
                var text = http.RequestServices.GetRequiredService<IStringLocalizer<ApiStrings>>();
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = text["DeviceRequestLimitTitle"],
                        Detail = text["DeviceRequestLimit", web.DeviceRequestBurst, web.DeviceRequestsPerSecond, seconds],
                        Extensions = { ["limit"] = "deviceRequests" },
                    },
                });
            };
            // Partitioned by the device in the token, not the address: hundreds of phones may share one at a venue.
            limiter.AddPolicy(DeviceRateLimit, context => DeviceClaims.TryFrom(context.User) is { } device
                ? RateLimitPartition.GetTokenBucketLimiter(device.DeviceId, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = web.DeviceRequestBurst,
                    TokensPerPeriod = web.DeviceRequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("not-a-device"));
        });

    public static IEndpointRouteBuilder MapDevicesApi(this IEndpointRouteBuilder app)
    {
        // Observers see the control room; only controllers act, and only controllers see join codes (a code lets its holder join as a player).
        var controller = app.MapGroup("/api/exercises/{id}").RequireAuthorization(AuthPolicies.ControlRoom);

        controller.MapGet("/devices", (string id, IGrainFactory grains) =>
            grains.GetGrain<IDeviceRosterGrain>(id).GetDevices());

        // With rotateJoinCode the device's join code is retired and a new one issued, so the printed
        // code that let the device in stops working too; the answer carries the new code.
        controller.MapPost("/devices/{deviceId}/revoke", async (string id, string deviceId, bool? rotateJoinCode, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var revoked = await RevokeAsync(grains, id, deviceId, rotateJoinCode ?? false, user.ControllerName());
            return revoked is null ? Results.NoContent() : Results.Ok(revoked);
        }).RequireAuthorization(AuthPolicies.Controller);

        controller.MapGet("/calls", (string id, IGrainFactory grains) =>
            grains.GetGrain<IControllerCallsGrain>(id).GetCalls());

        controller.MapPost("/calls/{callId}/answer", async (string id, string callId, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            await grains.GetGrain<IControllerCallsGrain>(id).AnswerCall(callId, user.ControllerName());
            return Results.NoContent();
        }).RequireAuthorization(AuthPolicies.Controller);

        controller.MapPost("/join-codes/{kind}/{recipientId}/rotate", async (string id, string kind, string recipientId, ClaimsPrincipal user, IGrainFactory grains) =>
        {
            var recipient = RecipientAddress.Parse($"{id}|{kind}|{recipientId}");
            return Results.Ok(await grains.GetGrain<IExerciseGrain>(id).RotateJoinCode(recipient, user.ControllerName()));
        }).RequireAuthorization(AuthPolicies.Controller);

        controller.MapGet("/join-codes/{code}/qr.svg", async (string id, string code, HttpRequest request, IGrainFactory grains, JoinLinks links) =>
        {
            var normalized = JoinCodes.Normalize(code);
            if (await grains.GetGrain<IJoinCodeGrain>(normalized).Resolve() is not { } binding || binding.Recipient.Exercise.Value != id)
            {
                return Results.Problem(statusCode: 404, title: "Unknown join code", detail: $"Exercise '{id}' has no join code '{code}'.");
            }

            // The QR code holds the app's address with the code, so a phone's own camera opens the app ready to join.
            // Behind a known proxy the scheme is the client's own (ForwardedHeaders), so an HTTPS venue gets HTTPS links;
            // a dashboard opened at a loopback address gets an address phones can reach (JoinLinks).
            var joinUrl = links.For(request, normalized);
            using var data = QRCodeGenerator.GenerateQrCode(joinUrl, QRCodeGenerator.ECCLevel.M);
            var svg = new SvgQRCode(data).GetGraphic(8);
            // The address in words too: a screen reader's name for the image, and what a controller can check it against.
            var open = svg.IndexOf('>', svg.IndexOf("<svg", StringComparison.Ordinal)) + 1;
            return Results.Text(svg.Insert(open, $"<title>{System.Net.WebUtility.HtmlEncode(joinUrl)}</title>"), "image/svg+xml");
        }).RequireAuthorization(AuthPolicies.Controller);

        controller.MapMethods("/attachments/{attachmentId}", [HttpMethods.Get, HttpMethods.Head], async (string id, string attachmentId, HttpContext http, IAttachmentStore attachments) =>
        {
            if (await attachments.GetAsync(new ExerciseId(id), attachmentId) is not { } attachment)
            {
                return Results.Problem(statusCode: 404, title: "No such attachment", detail: $"There is no attachment '{attachmentId}'.");
            }

            if (HttpMethods.IsHead(http.Request.Method))
            {
                http.Response.ContentType = attachment.ContentType;
                http.Response.ContentLength = attachment.Content.Length;
                return Results.Empty;
            }

            return Results.Bytes(attachment.Content.ToArray(), attachment.ContentType);
        });

        app.MapPut("/api/devices/attachments/{attachmentId}", UploadAttachment)
            .RequireAuthorization(AuthPolicies.Device)
            .RequireRateLimiting(DeviceRateLimit)
            .DisableAntiforgery();

        return app;
    }

    /// <summary>
    /// Revokes a device and logs who did it in the exercise's event log; with <paramref name="rotateJoinCode"/>
    /// also retires its recipient's join code and returns the new one. The dashboard calls this too.
    /// </summary>
    public static async Task<JoinCodeView?> RevokeAsync(IGrainFactory grains, string exerciseId, string deviceId, bool rotateJoinCode, string by)
    {
        var device = await grains.GetGrain<IDeviceRosterGrain>(exerciseId).Revoke(deviceId);
        await grains.GetGrain<IExerciseGrain>(exerciseId).RecordAction(ExerciseEvents.DeviceRevoked, by, deviceId);
        return rotateJoinCode ? await grains.GetGrain<IExerciseGrain>(exerciseId).RotateJoinCode(device.Recipient, by) : null;
    }

    private static async Task<IResult> UploadAttachment(
        string attachmentId, HttpRequest request, HttpContext http, IAttachmentStore attachments, RevokedDevices revoked,
        Microsoft.Extensions.Options.IOptions<WebOptions> options, DeviceUploadQuota quota)
    {
        var device = DeviceClaims.From(http.User);
        if (!AttachmentIds.IsValid(attachmentId))
        {
            return Results.Problem(statusCode: 400, title: "Invalid attachment id", detail: $"Use 1 to {AttachmentIds.MaxLength} letters, digits, '-' or '_' (a UUID is fine).");
        }

        if (await revoked.IsRevokedAsync(device))
        {
            return DeviceRevoked();
        }

        var contentType = request.ContentType?.Split(';')[0].Trim() ?? string.Empty;
        if (!ImageTypes.Contains(contentType))
        {
            return Results.Problem(statusCode: 415, title: "Not an image", detail: "Upload a JPEG, PNG or WebP image.");
        }

        var limit = options.Value.MaxAttachmentBytes;
        if (request.ContentLength > limit)
        {
            return TooLarge(limit);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return TooLarge(limit);
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return Results.Problem(statusCode: 400, title: "Empty upload", detail: "The body held no image.");
        }

        switch (quota.TryTake(device.DeviceId, buffer.Length))
        {
            case UploadQuotaVerdict.TooMany:
                return Results.Problem(statusCode: 429, title: "Upload quota reached", detail: $"A device may upload at most {options.Value.MaxUploadsPerDevice} files.");
            case UploadQuotaVerdict.TooManyBytes:
                return Results.Problem(statusCode: 413, title: "Upload quota reached", detail: $"A device may upload at most {options.Value.MaxUploadBytesPerDevice / (1024 * 1024)} MB in all.");
        }

        var stored = await attachments.PutOnceAsync(device.Recipient.Exercise,
            new StoredAttachment(attachmentId, contentType, device.DeviceId, buffer.ToArray()), http.RequestAborted);
        return stored.DeviceId == device.DeviceId
            ? Results.Ok(new { attachmentId, size = stored.Content.Length, contentType = stored.ContentType })
            : Results.Problem(statusCode: 409, title: "Attachment id taken", detail: "Another device used this id; make a new one.");
    }

    public static IResult DeviceRevoked() =>
        Results.Problem(statusCode: 403, title: "Device revoked", detail: RevocationHubFilter.RevokedMessage);

    private static IResult TooLarge(long limit) =>
        Results.Problem(statusCode: 413, title: "Too large", detail: $"An upload may be at most {limit / (1024 * 1024)} MB.");
}

/// <summary>The API's own texts (ApiStrings.resx, .ru.resx), for answers a person may read.</summary>
public sealed class ApiStrings;
