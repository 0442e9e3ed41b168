using ScenarioEngine.Delivery;
using ScenarioEngine.Exercises;
using ScenarioEngine.Grains.AppendLog;
using ScenarioEngine.Scenarios;
using ScenarioEngine.SimCell;

namespace ScenarioEngine.Grains.SimCell;

// Ad-hoc injects: a controller improvises as a persona to any set of teams. Each lands in the team's
// thread with the persona, numbered A1, A2… in its own append-only log, and the exercise's event
// log names who sent it, so the after-action timeline and delivery matrix carry it like an inject.
public sealed partial class PersonaMessagesGrain
{
    private string AdHocStream => $"{Exercise.Value}|simcell|adhoc";

    public async Task<StoredAdHoc> Improvise(AdHocMessage message)
    {
        var scenario = await GrainFactory.GetGrain<IExerciseGrain>(Exercise.Value).GetScenario()
            ?? throw new KeyNotFoundException($"Exercise '{Exercise}' has not been created.");
        var persona = scenario.FindPersona(message.PersonaId) ?? throw new ArgumentException($"There is no persona '{message.PersonaId}'.", nameof(message));
        var teams = message.Teams.Distinct(StringComparer.Ordinal).ToList();
        if (teams.Count == 0 || teams.Any(id => scenario.Teams.All(t => t.Id != id)))
        {
            throw new ArgumentException("An ad-hoc message goes to one or more of the scenario's teams.", nameof(message));
        }

        var (template, attachments) = Content(
            new PersonaReply { ReplyId = message.MessageId, TeamId = teams[0], PersonaId = persona.Id, Text = message.Text, Attachments = message.Attachments, Controller = message.Controller },
            persona,
            scenario);
        if (await Earlier(message.MessageId) is { } earlier)
        {
            return earlier;
        }

        var sequence = await log.GetLastSequenceAsync(AdHocStream) + 1;
        var number = $"A{sequence}";
        var now = time.GetUtcNow();

        // Mailboxes first, each idempotent by delivery id: a retry after a crash half-way delivers to
        // the teams still missing it and to nobody twice.
        var sequences = await Task.WhenAll(teams.Select(async teamId =>
        {
            var team = RecipientAddress.Team(Exercise, teamId);
            var text = ReplyText.Fill(template, scenario, teamId, persona.Id);
            var entry = MessageFor(scenario, persona, Threads.Id(teamId, persona.Id), number, $"{team.GrainKey}|adhoc|{message.MessageId}", text, attachments, now);
            return (teamId, await GrainFactory.GetGrain<IMailboxGrain>(team.GrainKey).Append(entry));
        }));

        var stored = new StoredAdHoc
        {
            Sequence = sequence,
            Number = number,
            Message = message with { Teams = teams },
            SentAt = now,
            MailboxSequences = sequences.ToDictionary(s => s.teamId, s => s.Item2, StringComparer.Ordinal),
        };
        try
        {
            if (!(await log.AppendAsync(AdHocStream, sequence, message.MessageId, LogJson.Serialize(stored))).Appended)
            {
                return await Earlier(message.MessageId) ?? stored;
            }
        }
        catch (SequenceConflictException)
        {
            // Another activation numbered a message meanwhile; the desk retries with the same id and the mailboxes dedupe.
            throw new InvalidOperationException("Another ad-hoc message was being sent at the same moment; send again.");
        }

        await GrainFactory.GetGrain<IExerciseGrain>(Exercise.Value).RecordMessageSent(
            ExerciseEvents.AdHocInjectSent, number, message.Controller, $"{persona.Id} → {string.Join(", ", teams)}");
        return stored;
    }

    public async Task<IReadOnlyList<StoredAdHoc>> GetAdHoc(long afterSequence, int maxCount)
    {
        var records = await log.ReadAfterAsync(AdHocStream, Math.Max(0, afterSequence), Math.Clamp(maxCount, 1, Paging.MaxPageSize));
        return records.Select(r => LogJson.Deserialize<StoredAdHoc>(r.Payload)).ToList();
    }

    // Ad-hoc messages are few (a controller types each one), so a repeat is found by reading them.
    private async Task<StoredAdHoc?> Earlier(string messageId)
    {
        await foreach (var earlier in Paging.ReadAll(GetAdHoc, Paging.MaxPageSize))
        {
            if (earlier.Message.MessageId == messageId)
            {
                return earlier;
            }
        }

        return null;
    }
}
