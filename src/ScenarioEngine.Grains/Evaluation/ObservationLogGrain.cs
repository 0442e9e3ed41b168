using ScenarioEngine.Delivery;
using ScenarioEngine.Evaluation;
using ScenarioEngine.Grains.AppendLog;

namespace ScenarioEngine.Grains.Evaluation;

/// <summary>Observations live in the append-only log, so the grain keeps only its cursor.</summary>
public sealed class ObservationLogGrain(IAppendOnlyLog log, TimeProvider time) : Grain, IObservationLogGrain
{
    public const int MaxNoteLength = 2000;
    private const int Page = 500;
    private long _cursor;

    private string Stream => $"{this.GetPrimaryKeyString()}|observations";

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _cursor = await log.GetLastSequenceAsync(Stream, cancellationToken);

    public async Task<Observation> Add(ObservationEntry entry, TimeSpan scenarioTime)
    {
        if (string.IsNullOrWhiteSpace(entry.ObjectiveId) || (entry.Note?.Length ?? 0) > MaxNoteLength)
        {
            throw new ArgumentException($"An observation needs an objective and a note of at most {MaxNoteLength} characters.");
        }

        if (entry.Corrects is { } corrected && (corrected < 1 || corrected > _cursor))
        {
            throw new ArgumentException($"Observation {corrected} does not exist to be corrected.");
        }

        var observation = new Observation { Sequence = _cursor + 1, Entry = entry, At = time.GetUtcNow(), ScenarioTime = scenarioTime };
        var result = await log.AppendAsync(Stream, observation.Sequence, entry.ClientId is { } id ? $"client:{entry.Evaluator}:{id}" : null, LogJson.Serialize(observation));
        if (!result.Appended)
        {
            return LogJson.Deserialize<Observation>((await log.ReadAfterAsync(Stream, result.Sequence - 1, 1))[0].Payload);
        }

        _cursor = observation.Sequence;
        // Other evaluators' screens refresh on the exercise's change notice.
        await GrainFactory.GetGrain<IWebNodeNotifierGrain>(0).ExerciseChanged(new ExerciseId(this.GetPrimaryKeyString()));
        return observation;
    }

    public Task<long> LastSequence() => Task.FromResult(_cursor);

    public async Task<IReadOnlyList<Observation>> List()
    {
        var records = await Paging.ReadAllToListAsync<LogRecord>(async (after, count) => await log.ReadAfterAsync(Stream, after, count), Page);
        return records.Select(r => LogJson.Deserialize<Observation>(r.Payload)).ToList();
    }
}
