using ScenarioEngine.Delivery;
using ScenarioEngine.Evaluation;
using ScenarioEngine.Evidence;
using ScenarioEngine.Exercises;
using ScenarioEngine.Reports.Metrics;

namespace ScenarioEngine.Web.Aar;

/// <summary>Reads an exercise's append-only logs from its grains, page by page, into the records the report is computed from.</summary>
public sealed class AarLogReader(IGrainFactory grains)
{
    public async Task<ExerciseLogs?> ReadAsync(string exerciseId)
    {
        var exercise = grains.GetGrain<IExerciseGrain>(exerciseId);
        if (await exercise.GetScenario() is not { } scenario)
        {
            return null;
        }

        var events = Paging.ReadAllToListAsync(exercise.GetEvents, Paging.MaxPageSize);
        var disclosures = exercise.GetDisclosures();
        var observations = grains.GetGrain<IObservationLogGrain>(exerciseId).List();
        var scans = Paging.ReadAllToListAsync(grains.GetGrain<IEvidenceGrain>(exerciseId).ReadScans, Paging.MaxPageSize);
        var deliveries = await exercise.GetDeliveries();
        // Mailboxes are separate grains: read them side by side.
        var responses = await Task.WhenAll(deliveries.Select(async d => new RecipientResponses(
            d.Recipient,
            await Paging.ReadAllToListAsync(grains.GetGrain<IMailboxGrain>(d.Recipient.GrainKey).GetResponses, Paging.MaxPageSize))));
        return new ExerciseLogs
        {
            ExerciseId = exerciseId,
            Scenario = scenario,
            Events = await events,
            Deliveries = deliveries,
            Responses = responses,
            Disclosures = await disclosures,
            Observations = await observations,
            EvidenceScans = await scans,
        };
    }
}
