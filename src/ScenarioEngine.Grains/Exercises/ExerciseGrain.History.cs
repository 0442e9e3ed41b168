using ScenarioEngine.Delivery;
using ScenarioEngine.Exercises;
using ScenarioEngine.Grains.Media;

namespace ScenarioEngine.Grains.Exercises;

public sealed partial class ExerciseGrain
{
    /// <summary>
    /// The seeded history into every team's mailbox once the exercise is ready, so phones that join
    /// before STARTEX already read it. A draft may still change, so it gets none until it is ready.
    /// Mailbox appends are idempotent by delivery id: doing this again delivers nothing twice.
    /// </summary>
    private async Task SendHistory()
    {
        if (Scenario.History.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        var ordered = Scenario.History.OrderBy(a => a.Published).ToList();
        await Task.WhenAll(Scenario.Teams.Select(team => RecipientAddress.Team(Id, team.Id)).Select(async recipient =>
        {
            // In publication order within each mailbox, so the feed reads as the world wrote it.
            var mailbox = GrainFactory.GetGrain<IMailboxGrain>(recipient.GrainKey);
            foreach (var article in ordered)
            {
                await mailbox.Append(SeededHistory.For(recipient, Scenario, article, now));
            }
        }));
        await AppendEvent(ExerciseEvents.HistorySeeded, detail: string.Join(", ", ordered.Select(SeededHistory.Number)));
    }
}
