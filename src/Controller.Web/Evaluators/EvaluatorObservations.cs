using ScenarioEngine.Evaluation;
using ScenarioEngine.Exercises;
using ScenarioEngine.Grains.Attachments;
using ScenarioEngine.Reports.Metrics;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Scenarios.Evaluation;

namespace ScenarioEngine.Web.Evaluators;

/// <summary>The evaluator phone's two calls, against the grains: its brief, and storing an observation once.</summary>
public sealed class EvaluatorObservations(IGrainFactory grains, IAttachmentStore attachments, TimeProvider time)
{
    public async Task<EvaluatorBrief> BriefAsync(RecipientAddress evaluator)
    {
        var (exercise, scenario, definition) = await EvaluatorAsync(evaluator);
        var snapshot = await exercise.GetSnapshot() ?? throw new KeyNotFoundException($"Exercise '{evaluator.Exercise}' does not exist.");
        var log = await grains.GetGrain<IObservationLogGrain>(evaluator.Exercise.Value).List();
        return EvaluatorDesk.Brief(scenario, snapshot, definition, CoreCapabilities.For(scenario), log);
    }

    public async Task<ObservationReceipt> ObserveAsync(RecipientAddress evaluator, ObservationSubmission submission)
    {
        var (exercise, scenario, definition) = await EvaluatorAsync(evaluator);
        foreach (var attachmentId in submission.AttachmentIds ?? [])
        {
            if (!AttachmentIds.IsValid(attachmentId) || await attachments.GetAsync(evaluator.Exercise, attachmentId) is null)
            {
                throw new ArgumentException($"Attachment '{attachmentId}' has not been uploaded; upload it first, then send the observation.");
            }
        }

        var log = grains.GetGrain<IObservationLogGrain>(evaluator.Exercise.Value);
        long? corrects = null;
        if (submission.Corrects is { } corrected)
        {
            // Only the evaluator's own observations: a device names them by the ids it made.
            corrects = await log.SequenceOf(definition.Id, corrected)
                ?? throw new ArgumentException($"This evaluator has no observation '{corrected}' to correct.");
        }

        var entry = EvaluatorDesk.Entry(scenario, definition, submission, corrects);

        // Exercise time when it was seen, not when it arrived: an evaluator offline for an hour
        // sends an hour's observations at once. A phone clock ahead of the server is held to now.
        var now = time.GetUtcNow();
        var observedAt = submission.ObservedAt > now ? now : submission.ObservedAt;
        var events = await Paging.ReadAllToListAsync(exercise.GetEvents, Paging.MaxPageSize);
        var stored = await log.Record(entry, new ClockMap(events).ScenarioTimeAt(observedAt));
        return new ObservationReceipt
        {
            ObservationId = submission.ObservationId,
            Sequence = stored.Observation.Sequence,
            ScenarioTime = stored.Observation.ScenarioTime,
            StoredAt = stored.Observation.At,
            Duplicate = stored.Duplicate,
        };
    }

    private async Task<(IExerciseGrain Exercise, ScenarioDefinition Scenario, EvaluatorDefinition Evaluator)> EvaluatorAsync(RecipientAddress evaluator)
    {
        var exercise = grains.GetGrain<IExerciseGrain>(evaluator.Exercise.Value);
        var scenario = await exercise.GetScenario() ?? throw new KeyNotFoundException($"Exercise '{evaluator.Exercise}' does not exist.");
        var definition = scenario.Evaluators.Find(e => e.Id == evaluator.Id)
            ?? throw new KeyNotFoundException($"The scenario has no evaluator '{evaluator.Id}'.");
        return (exercise, scenario, definition);
    }
}
