using ScenarioEngine.Delivery;
using ScenarioEngine.Evaluation;
using ScenarioEngine.Exercises;
using ScenarioEngine.Grains.AppendLog;

namespace ScenarioEngine.Grains.Evaluation;

/// <summary>
/// The lead evaluator's consolidation in the append-only log, like the observations: the grain
/// keeps only its cursor; <see cref="ConsolidationLog"/> decides what counts and what may be added.
/// </summary>
public sealed class ConsolidationGrain(IAppendOnlyLog log, TimeProvider time) : Grain, IConsolidationGrain
{
    private const int Page = 500;
    private long _cursor;

    private string ExerciseId => this.GetPrimaryKeyString();

    private string Stream => $"{ExerciseId}|consolidation";

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _cursor = await log.GetLastSequenceAsync(Stream, cancellationToken);

    public async Task<ConsolidationRecord> Add(ConsolidationEntry entry, string by)
    {
        var scenario = await GrainFactory.GetGrain<IExerciseGrain>(ExerciseId).GetScenario()
            ?? throw new KeyNotFoundException($"Exercise '{ExerciseId}' does not exist.");
        var lastObservation = await GrainFactory.GetGrain<IObservationLogGrain>(ExerciseId).LastSequence();
        var itemIds = entry.WithdrawnItem is null ? [] : (await Current()).ImprovementPlan.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        if (ConsolidationLog.Problems(entry, scenario, lastObservation, itemIds) is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems));
        }

        var record = new ConsolidationRecord { Sequence = _cursor + 1, Entry = entry, By = by, At = time.GetUtcNow() };
        await log.AppendAsync(Stream, record.Sequence, uniqueKey: null, LogJson.Serialize(record));
        _cursor = record.Sequence;
        await GrainFactory.GetGrain<IWebNodeNotifierGrain>(0).ExerciseChanged(new ExerciseId(ExerciseId));
        return record;
    }

    public async Task<Consolidation> Current() => ConsolidationLog.Current(await History());

    public async Task<IReadOnlyList<ConsolidationRecord>> History()
    {
        var records = await Paging.ReadAllToListAsync<LogRecord>(async (after, count) => await log.ReadAfterAsync(Stream, after, count), Page);
        return records.Select(r => LogJson.Deserialize<ConsolidationRecord>(r.Payload)).ToList();
    }
}
