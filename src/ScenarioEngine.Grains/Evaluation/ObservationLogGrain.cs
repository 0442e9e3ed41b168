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

    public async Task<Observation> Add(ObservationEntry entry, TimeSpan scenarioTime) => (await Record(entry, scenarioTime)).Observation;

    public async Task<ObservationStored> Record(ObservationEntry entry, TimeSpan scenarioTime)
    {
        if ((entry.Note?.Length ?? 0) > MaxNoteLength)
        {
            throw new ArgumentException($"A note may have at most {MaxNoteLength} characters.");
        }

        // A rating rates an objective; an unrated entry ("observed now") must show something: text or a photo.
        if (entry.Rating is null ? string.IsNullOrWhiteSpace(entry.Note) && entry.AttachmentIds.Count == 0 : string.IsNullOrWhiteSpace(entry.ObjectiveId))
        {
            throw new ArgumentException("An observation is a rating of an objective, or a note or photo.");
        }

        if (entry.Corrects is { } corrected && (corrected < 1 || corrected > _cursor))
        {
            throw new ArgumentException($"Observation {corrected} does not exist to be corrected.");
        }

        var observation = new Observation { Sequence = _cursor + 1, Entry = entry, At = time.GetUtcNow(), ScenarioTime = scenarioTime };
        var result = await log.AppendAsync(Stream, observation.Sequence, entry.ClientId is { } id ? $"client:{entry.Evaluator}:{id}" : null, LogJson.Serialize(observation));
        if (!result.Appended)
        {
            return new ObservationStored(LogJson.Deserialize<Observation>((await log.ReadAfterAsync(Stream, result.Sequence - 1, 1))[0].Payload), Duplicate: true);
        }

        _cursor = observation.Sequence;
        // Other evaluators' screens refresh on the exercise's change notice.
        await GrainFactory.GetGrain<IWebNodeNotifierGrain>(0).ExerciseChanged(new ExerciseId(this.GetPrimaryKeyString()));
        return new ObservationStored(observation, Duplicate: false);
    }

    public Task<long> LastSequence() => Task.FromResult(_cursor);
    // A scan, not an index: corrections are rare and an exercise's log is a few thousand entries.
    public async Task<long?> SequenceOf(string evaluator, string clientId) =>
        (await List()).FirstOrDefault(o => o.Entry.Evaluator == evaluator && o.Entry.ClientId == clientId)?.Sequence;

    public async Task<IReadOnlyList<Observation>> List()
    {
        var records = await Paging.ReadAllToListAsync<LogRecord>(async (after, count) => await log.ReadAfterAsync(Stream, after, count), Page);
        return records.Select(r => LogJson.Deserialize<Observation>(r.Payload)).ToList();
    }
}
