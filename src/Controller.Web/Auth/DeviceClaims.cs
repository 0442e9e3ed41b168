using System.Security.Claims;
using ScenarioEngine.Delivery;

namespace ScenarioEngine.Web.Auth;

/// <summary>A device as its signed token describes it; the only source of its mailbox.</summary>
public sealed record DeviceClaims(string DeviceId, string DisplayName, RecipientAddress Recipient)
{
    public DeviceIdentity Identity => new(DeviceId, DisplayName);

    public static DeviceClaims From(ClaimsPrincipal? user)
    {
        string Require(string type) =>
            user?.FindFirst(type)?.Value ?? throw new InvalidOperationException($"The device token has no '{type}' claim.");

        var kind = Require(ClaimNames.RecipientKind) == "team" ? RecipientKind.Team : RecipientKind.Actor;
        return new DeviceClaims(
            Require(ClaimNames.Subject),
            user!.FindFirst(ClaimNames.Name)?.Value ?? string.Empty,
            new RecipientAddress(new ExerciseId(Require(ClaimNames.Exercise)), kind, Require(ClaimNames.RecipientId)));
    }
}
