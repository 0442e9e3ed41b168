using ScenarioEngine.Delivery;
using ScenarioEngine.Exercises;

namespace ScenarioEngine.Web.Actors;

/// <summary>Which of the schedule's injects an actor may see coming, and how little of each.</summary>
public static class UpcomingCueCardList
{
    /// <summary>Enough for "next" and a short look ahead, and small enough for a phone's every sync.</summary>
    public const int MaxCards = 5;

    /// <summary>
    /// Cards addressed to this actor that will fire by themselves at a known time: pending, enabled
    /// and timed. Held and skipped cards, contingencies (they fire only if play goes wrong) and
    /// manual or response-triggered cards (no time until something happens) are left out: telling
    /// an actor they come would be telling them how the drill might go. Nothing after ENDEX.
    /// </summary>
    public static UpcomingCueCards For(ExerciseSnapshot snapshot, RecipientAddress actor)
    {
        var key = actor.GrainKey;
        var cards = snapshot.Status == ClockStatus.Ended
            ? []
            : snapshot.Injects
                .Where(i => i.Status == InjectStatus.Pending && i.Enabled && !i.Contingency)
                .Where(i => i.DueAt is { } due && due >= snapshot.ScenarioTime && i.Recipients.Contains(key))
                .OrderBy(i => i.DueAt)
                .ThenBy(i => i.Number, StringComparer.Ordinal)
                .Take(MaxCards)
                .Select(i => new UpcomingCueCard { InjectNumber = i.Number, Title = i.Subject, DueAt = i.DueAt!.Value })
                .ToList();
        return new UpcomingCueCards
        {
            Cards = cards,
            ScenarioTime = snapshot.ScenarioTime,
            Speed = snapshot.Speed,
            Running = snapshot.Status == ClockStatus.Running,
            AsOf = snapshot.AsOf,
        };
    }
}
