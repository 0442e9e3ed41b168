namespace ScenarioEngine.Access;

public enum SignInRefusal
{
    /// <summary>Wrong password or unknown user name: the same answer for both.</summary>
    Failed,

    /// <summary>Refused unchecked: the user name or the address must wait after earlier failures.</summary>
    LockedOut,
}

/// <summary>A refused control-room sign-in, for controllers to see who is trying.</summary>
[GenerateSerializer, Immutable]
public sealed record SignInFailure
{
    [Id(0)] public required DateTimeOffset At { get; init; }

    /// <summary>As typed (cut to a sane length); it may name no account.</summary>
    [Id(1)] public required string UserName { get; init; }

    /// <summary>The client's address, as the known proxies report it.</summary>
    [Id(2)] public required string Address { get; init; }
    [Id(3)] public required SignInRefusal Refusal { get; init; }

    /// <summary>How long the user name or address must now wait, if at all.</summary>
    [Id(4)] public TimeSpan? Wait { get; init; }

    /// <summary>"api" or "dashboard".</summary>
    [Id(5)] public required string Via { get; init; }
}

/// <summary>The append-only log of refused sign-ins (one grain, key 0): failures are slowed down, so it stays small.</summary>
public interface ISignInLogGrain : IGrainWithIntegerKey
{
    Task Record(SignInFailure failure);

    /// <summary>The latest failures, newest first.</summary>
    Task<IReadOnlyList<SignInFailure>> Latest(int maxCount);
}
