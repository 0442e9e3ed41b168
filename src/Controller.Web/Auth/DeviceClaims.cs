using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;
using ScenarioEngine.Delivery;

namespace ScenarioEngine.Web.Auth;

/// <summary>A device as its signed token describes it; the only source of its mailbox.</summary>
public sealed record DeviceClaims(string DeviceId, string DisplayName, RecipientAddress Recipient)
{
    public DeviceIdentity Identity => new(DeviceId, DisplayName);

    public string Role => Access.JoinBinding.RoleOf(Recipient.Kind).Name();

    /// <summary>The claims a device token carries, and a connect ticket's principal has: all <see cref="From"/> and the device policy read.</summary>
    public Claim[] ToClaims() =>
    [
        new(ClaimNames.Subject, DeviceId),
        new(ClaimNames.Name, DisplayName),
        new(ClaimNames.Role, Role),
        new(ClaimNames.Exercise, Recipient.Exercise.Value),
        new(ClaimNames.RecipientKind, Recipient.KindName),
        new(ClaimNames.RecipientId, Recipient.Id),
    ];

    /// <summary>
    /// The claims of a hub connection, read from its token once: the token cannot change while the
    /// connection lives, and each push's confirmation would otherwise search the claims again.
    /// </summary>
    public static DeviceClaims Of(HubCallerContext connection)
    {
        var socket = Hubs.DeviceSocket.Of(connection);
        return socket.Claims ??= From(connection.User);
    }

    /// <summary>The device a signed-in device token names; null for a controller or an anonymous caller.</summary>
    public static DeviceClaims? TryFrom(ClaimsPrincipal? user) =>
        user?.FindFirst(ClaimNames.RecipientKind) is not null && user.FindFirst(ClaimNames.Subject) is not null && user.FindFirst(ClaimNames.Exercise) is not null
            ? From(user)
            : null;

    public static DeviceClaims From(ClaimsPrincipal? user)
    {
        string Require(string type) =>
            user?.FindFirst(type)?.Value ?? throw new InvalidOperationException($"The device token has no '{type}' claim.");

        var kindName = Require(ClaimNames.RecipientKind);
        var kind = RecipientAddress.KindOf(kindName) ?? throw new InvalidOperationException($"The device token's recipient kind '{kindName}' is unknown.");
        return new DeviceClaims(
            Require(ClaimNames.Subject),
            user!.FindFirst(ClaimNames.Name)?.Value ?? string.Empty,
            new RecipientAddress(new ExerciseId(Require(ClaimNames.Exercise)), kind, Require(ClaimNames.RecipientId)));
    }
}
