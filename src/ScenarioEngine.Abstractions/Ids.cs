namespace ScenarioEngine;

/// <summary>One run of a scenario. Used as the exercise grain's key.</summary>
[GenerateSerializer, Immutable]
[System.Text.Json.Serialization.JsonConverter(typeof(ExerciseIdJsonConverter))]
public readonly record struct ExerciseId([property: Id(0)] string Value)
{
    public override string ToString() => Value;
}

public enum RecipientKind
{
    Team,
    Actor,

    /// <summary>An evaluator of the scenario: its mailbox gets no injects, only what every device of the exercise gets (signals).</summary>
    Evaluator,
}

/// <summary>
/// Whose mailbox: a team of participants or one actor. Its <see cref="GrainKey"/> keys the
/// mailbox grain, its append-only streams and the SignalR group of its devices.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct RecipientAddress(
    [property: Id(0)] ExerciseId Exercise,
    [property: Id(1)] RecipientKind Kind,
    [property: Id(2)] string Id)
{
    private const char Separator = '|';

    public string GrainKey => $"{Exercise.Value}{Separator}{KindName}{Separator}{Id}";

    public string KindName => Kind switch
    {
        RecipientKind.Team => "team",
        RecipientKind.Actor => "actor",
        _ => "evaluator",
    };

    public static RecipientAddress Team(ExerciseId exercise, string teamId) => new(exercise, RecipientKind.Team, teamId);

    public static RecipientAddress Actor(ExerciseId exercise, string actorId) => new(exercise, RecipientKind.Actor, actorId);

    public static RecipientAddress Evaluator(ExerciseId exercise, string evaluatorId) => new(exercise, RecipientKind.Evaluator, evaluatorId);

    /// <summary>The kind a <see cref="KindName"/> names; null for anything else.</summary>
    public static RecipientKind? KindOf(string kindName) => kindName switch
    {
        "team" => RecipientKind.Team,
        "actor" => RecipientKind.Actor,
        "evaluator" => RecipientKind.Evaluator,
        _ => null,
    };

    public static RecipientAddress Parse(string grainKey)
    {
        var parts = grainKey.Split(Separator);
        if (parts.Length != 3)
        {
            throw new FormatException($"'{grainKey}' is not a recipient key of the form exercise|team|id.");
        }

        var kind = KindOf(parts[1]) ?? throw new FormatException($"'{parts[1]}' is not a recipient kind (team, actor or evaluator).");
        return new RecipientAddress(new ExerciseId(parts[0]), kind, parts[2]);
    }

    public override string ToString() => GrainKey;
}
