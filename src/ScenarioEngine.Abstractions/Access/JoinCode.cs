namespace ScenarioEngine.Access;

public enum DeviceRole
{
    Participant,
    Actor,
    Evaluator,
}

/// <summary>What a join code lets a device become: a participant of one team, one actor or one evaluator, in one exercise.</summary>
[GenerateSerializer, Immutable]
public sealed record JoinBinding
{
    [Id(0)] public required RecipientAddress Recipient { get; init; }
    [Id(1)] public required Dictionary<string, string> RecipientName { get; init; }

    public DeviceRole Role => RoleOf(Recipient.Kind);

    /// <summary>The role a device of this kind of recipient plays (a team's phone is a participant's).</summary>
    public static DeviceRole RoleOf(RecipientKind kind) => kind switch
    {
        RecipientKind.Team => DeviceRole.Participant,
        RecipientKind.Actor => DeviceRole.Actor,
        _ => DeviceRole.Evaluator,
    };
}

[GenerateSerializer, Immutable]
public sealed record JoinCodeView(
    [property: Id(0)] string Code,
    [property: Id(1)] RecipientAddress Recipient,
    [property: Id(2)] Dictionary<string, string> RecipientName);

/// <summary>One join code, keyed by the code itself (normalised: upper case, no separators).</summary>
public interface IJoinCodeGrain : IGrainWithStringKey
{
    /// <summary>Binds the code once; binding it to something else fails.</summary>
    Task<bool> TryBind(JoinBinding binding);

    Task<JoinBinding?> Resolve();

    /// <summary>Retires the code: it never resolves again and is never issued again.</summary>
    Task Retire();
}

/// <summary>Holds the key that signs device and controller tokens when none is configured, so every web node agrees on it.</summary>
public interface ISigningKeyGrain : IGrainWithIntegerKey
{
    Task<byte[]> GetOrCreate();
}
