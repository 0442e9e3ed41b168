using Microsoft.Extensions.Logging;
using ScenarioEngine.Delivery;
using ScenarioEngine.Exercises;
using ScenarioEngine.Grains.AppendLog;
using ScenarioEngine.Grains.Hosting;
using ScenarioEngine.Media;
using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Grains.Media;

[GenerateSerializer]
public sealed class StatementsState
{
    /// <summary>Only the statements awaiting a decision: bounded by the controllers' backlog, not by the week.</summary>
    [Id(0)] public Dictionary<long, StoredStatement> Pending { get; set; } = [];
}

/// <summary>
/// Statements and decisions live in two append-only logs (the after-action data reads them); the
/// state holds the pending ones. Nothing here writes to a mailbox before a controller decides.
/// </summary>
public sealed partial class StatementsGrain(
    [PersistentState("statements", StorageNames.Grains)] IPersistentState<StatementsState> state,
    IAppendOnlyLog log,
    TimeProvider time,
    ILogger<StatementsGrain> logger) : Grain, IStatementsGrain
{
    public const int MaxTextLength = 4_000;
    public const int MaxReasonLength = 2_000;

    private long _cursor;
    private long _decisionCursor;

    private ExerciseId Exercise => new(this.GetPrimaryKeyString());
    private string Stream => $"{Exercise.Value}|media|statements";
    private string DecisionStream => $"{Exercise.Value}|media|statement-decisions";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _cursor = await log.GetLastSequenceAsync(Stream, cancellationToken);
        _decisionCursor = await log.GetLastSequenceAsync(DecisionStream, cancellationToken);
    }

    public async Task<StatementReceipt> Submit(string teamId, StatementSubmission submission, DeviceIdentity device)
    {
        var scenario = await Scenario();
        if (string.IsNullOrWhiteSpace(submission.StatementId) || submission.StatementId.Length > 100)
        {
            throw new ArgumentException("A statement needs a client-made id of 1 to 100 characters.", nameof(submission));
        }

        if (string.IsNullOrWhiteSpace(submission.Text) || submission.Text.Length > MaxTextLength)
        {
            throw new ArgumentException($"A statement needs text of 1 to {MaxTextLength} characters.", nameof(submission));
        }

        if (scenario.Teams.All(t => t.Id != teamId))
        {
            throw new ArgumentException($"There is no team '{teamId}'.", nameof(teamId));
        }

        var (record, appended) = await AppendOnce(new StoredStatement
        {
            Sequence = 0,
            StatementId = submission.StatementId,
            TeamId = teamId,
            Text = submission.Text.Trim(),
            DeviceId = device.DeviceId,
            DeviceName = device.DisplayName,
            SubmittedAt = time.GetUtcNow(),
        });
        if (!appended)
        {
            LogDuplicate(logger, submission.StatementId, teamId);
            return new StatementReceipt { StatementId = record.StatementId, StoredAt = record.SubmittedAt, Duplicate = true };
        }

        state.State.Pending[record.Sequence] = record;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IExerciseGrain>(Exercise.Value).RecordMessageSent(ExerciseEvents.StatementSubmitted, record.Number, record.DeviceName, teamId);
        return new StatementReceipt { StatementId = record.StatementId, StoredAt = record.SubmittedAt, Duplicate = false };
    }

    public Task<IReadOnlyList<StoredStatement>> GetPending() =>
        Task.FromResult<IReadOnlyList<StoredStatement>>(state.State.Pending.Values.OrderBy(s => s.Sequence).ToList());

    public async Task<StatementDecision> Approve(long sequence, string controller)
    {
        var scenario = await Scenario();
        if (await Decided(sequence, approved: true) is { } earlier)
        {
            return earlier;
        }

        var statement = state.State.Pending[sequence];
        var now = time.GetUtcNow();
        var teams = scenario.Teams.Select(t => t.Id).ToList();
        var sequences = await Task.WhenAll(teams.Select(async teamId =>
        {
            var team = RecipientAddress.Team(Exercise, teamId);
            return (teamId, await GrainFactory.GetGrain<IMailboxGrain>(team.GrainKey).Append(StatementArticles.Published(team, scenario, statement, now)));
        }));
        return await Record(statement, approved: true, reason: null, controller, now, sequences.ToDictionary(s => s.teamId, s => s.Item2, StringComparer.Ordinal));
    }

    public async Task<StatementDecision> Reject(long sequence, string controller, string reason)
    {
        var scenario = await Scenario();
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength)
        {
            throw new ArgumentException($"A rejection needs a reason of 1 to {MaxReasonLength} characters: the team is told it.", nameof(reason));
        }

        if (await Decided(sequence, approved: false) is { } earlier)
        {
            return earlier;
        }

        var statement = state.State.Pending[sequence];
        var now = time.GetUtcNow();
        var team = RecipientAddress.Team(Exercise, statement.TeamId);
        var mailboxSequence = await GrainFactory.GetGrain<IMailboxGrain>(team.GrainKey).Append(StatementArticles.Rejected(team, scenario, statement, reason.Trim(), now));
        return await Record(statement, approved: false, reason.Trim(), controller, now, new Dictionary<string, long>(StringComparer.Ordinal) { [statement.TeamId] = mailboxSequence });
    }

    public async Task<IReadOnlyList<StoredStatement>> GetStatements(long afterSequence, int maxCount)
    {
        var records = await log.ReadAfterAsync(Stream, Math.Max(0, afterSequence), Math.Clamp(maxCount, 1, Paging.MaxPageSize));
        return records.Select(r => LogJson.Deserialize<StoredStatement>(r.Payload)).ToList();
    }

    public async Task<IReadOnlyList<StatementDecision>> GetDecisions(long afterSequence, int maxCount)
    {
        var records = await log.ReadAfterAsync(DecisionStream, Math.Max(0, afterSequence), Math.Clamp(maxCount, 1, Paging.MaxPageSize));
        return records.Select(r => LogJson.Deserialize<StatementDecision>(r.Payload)).ToList();
    }

    /// <summary>
    /// A statement already decided the same way returns that decision (a double click changes
    /// nothing); decided the other way, or never submitted, is refused.
    /// </summary>
    private async Task<StatementDecision?> Decided(long sequence, bool approved)
    {
        if (state.State.Pending.ContainsKey(sequence))
        {
            return null;
        }

        await foreach (var decision in Paging.ReadAll(GetDecisions, Paging.MaxPageSize))
        {
            if (decision.Statement.Sequence == sequence)
            {
                return decision.Approved == approved ? decision
                    : throw new InvalidOperationException($"Statement S{sequence} was already {(decision.Approved ? "approved" : "rejected")} by {decision.Controller}.");
            }
        }

        throw new KeyNotFoundException($"There is no statement S{sequence}.");
    }

    // The mailboxes are written first and dedupe by delivery id, so a decision interrupted before
    // this point is finished by deciding again, and delivers to nobody twice.
    private async Task<StatementDecision> Record(StoredStatement statement, bool approved, string? reason, string controller, DateTimeOffset now, Dictionary<string, long> mailboxes)
    {
        var decision = new StatementDecision { Statement = statement, Approved = approved, Reason = reason, Controller = controller, DecidedAt = now, MailboxSequences = mailboxes };
        var result = await log.AppendAsync(DecisionStream, _decisionCursor + 1, statement.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), LogJson.Serialize(decision));
        _decisionCursor = result.Appended ? _decisionCursor + 1 : await log.GetLastSequenceAsync(DecisionStream);
        state.State.Pending.Remove(statement.Sequence);
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IExerciseGrain>(Exercise.Value).RecordMessageSent(
            approved ? ExerciseEvents.StatementApproved : ExerciseEvents.StatementRejected, statement.Number, controller, approved ? statement.TeamId : $"{statement.TeamId}: {reason}");
        return decision;
    }

    private async Task<(StoredStatement Record, bool Appended)> AppendOnce(StoredStatement statement)
    {
        for (var attempt = 0; ; attempt++)
        {
            var record = statement with { Sequence = _cursor + 1 };
            try
            {
                var result = await log.AppendAsync(Stream, record.Sequence, $"{record.TeamId}|{record.StatementId}", LogJson.Serialize(record));
                if (result.Appended)
                {
                    _cursor = record.Sequence;
                    return (record, true);
                }

                var earlier = await log.ReadAfterAsync(Stream, result.Sequence - 1, 1);
                return (LogJson.Deserialize<StoredStatement>(earlier[0].Payload), false);
            }
            catch (SequenceConflictException) when (attempt == 0)
            {
                // A previous activation appended after this one read the tail.
                _cursor = await log.GetLastSequenceAsync(Stream);
            }
        }
    }

    private async Task<ScenarioDefinition> Scenario() =>
        await GrainFactory.GetGrain<IExerciseGrain>(Exercise.Value).GetScenario()
            ?? throw new KeyNotFoundException($"Exercise '{Exercise}' has not been created.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Statement {StatementId} from team {TeamId} was already stored; the retry changed nothing")]
    private static partial void LogDuplicate(ILogger logger, string statementId, string teamId);
}
