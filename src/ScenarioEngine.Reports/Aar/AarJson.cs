using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScenarioEngine.Reports.Aar;

/// <summary>The whole exercise as one JSON archive: the scenario, every log read for the report, the metrics and the consolidation.</summary>
public static class AarJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static byte[] Write(AarReport report) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        format = "scenarioengine-aar/1",
        exerciseId = report.Logs.ExerciseId,
        scenario = report.Logs.Scenario,
        events = report.Logs.Events,
        deliveries = report.Logs.Deliveries.Select(d => new { recipient = d.Recipient.GrainKey, d.Deliveries }),
        responses = report.Logs.Responses.Select(r => new { recipient = r.Recipient.GrainKey, r.Responses }),
        disclosures = report.Logs.Disclosures,
        observations = report.Logs.Observations,
        evidenceScans = report.Logs.EvidenceScans,
        evidenceFound = Metrics.EvidenceFinds.From(report.Logs.EvidenceScans),
        metrics = report.Metrics,
        consolidation = report.Consolidation,
        hotwash = report.Hotwash is not { } hotwash ? null : new
        {
            anonymous = hotwash.Form.Anonymous,
            respondents = hotwash.Respondents,
            questions = hotwash.Form.Questions,
            answers = hotwash.Answers,
        },
    }, Options);
}
