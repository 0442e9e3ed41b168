using ScenarioEngine.Delivery;
using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Silo.Exercises;

/// <summary>Who an inject goes to, and exactly what each recipient's device is sent.</summary>
public static class InjectAudience
{
    public static IReadOnlyList<RecipientAddress> Recipients(ExerciseId exercise, InjectDefinition inject) =>
        inject.To.Teams.Select(team => RecipientAddress.Team(exercise, team))
            .Concat(inject.To.Actors.Select(actor => RecipientAddress.Actor(exercise, actor)))
            .Distinct()
            .ToList();

    /// <summary>
    /// Copies only the fields a recipient may see. Controller notes and expected actions are left
    /// out here, once, rather than filtered out in every place that sends.
    /// </summary>
    public static DeliveredMessage MessageFor(RecipientAddress recipient, InjectDefinition inject, DateTimeOffset firedAt) => new()
    {
        Sequence = 0,
        DeliveryId = $"{recipient.GrainKey}|{inject.Number}",
        InjectNumber = inject.Number,
        Kind = recipient.Kind == RecipientKind.Actor ? MessageKind.CueCard : MessageKind.Inject,
        From = inject.From,
        Method = inject.Method,
        Subject = inject.Subject,
        Message = inject.Message,
        FiredAt = firedAt,
        ResponseRequested = inject.ResponseRequested && recipient.Kind == RecipientKind.Team,
    };
}
