namespace ScenarioEngine.Delivery;

/// <summary>
/// An actor's cue cards still to come, with the exercise clock they are timed by, so the phone
/// shows "next: …, in about 10 minutes" as wall time (the clock may run faster than real time)
/// and keeps counting down while offline. Only the title of each card travels: see
/// <see cref="UpcomingCueCard"/>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record UpcomingCueCards
{
    /// <summary>Soonest first.</summary>
    [Id(0)] public required List<UpcomingCueCard> Cards { get; init; }

    /// <summary>Exercise time at <see cref="AsOf"/>.</summary>
    [Id(1)] public required TimeSpan ScenarioTime { get; init; }

    /// <summary>Exercise seconds per wall-clock second (2 = twice real time).</summary>
    [Id(2)] public required double Speed { get; init; }

    /// <summary>False while paused or not yet started: nothing comes closer until it runs again.</summary>
    [Id(3)] public required bool Running { get; init; }

    [Id(4)] public required DateTimeOffset AsOf { get; init; }
}

/// <summary>
/// A cue card the actor will get, as far as the schedule knows now. Its title and due time only:
/// the body and the disclosure gates stay on the server until the card is released, because a
/// controller may still re-time, hold, skip or rewrite it, and an actor who read the instructions
/// early could play them before the cue (say, reveal the passport before the raid).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record UpcomingCueCard
{
    [Id(0)] public required string InjectNumber { get; init; }

    [Id(1)] public required Dictionary<string, string> Title { get; init; }

    /// <summary>Exercise time at which the card is released by itself.</summary>
    [Id(2)] public required TimeSpan DueAt { get; init; }
}
