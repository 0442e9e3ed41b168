using ScenarioEngine.Grains.AppendLog;

namespace ScenarioEngine.Grains.Attachments;

/// <summary>
/// Where a scenario's attachment bytes live in the append-only log: written once by the exercise
/// grain at create, read by web nodes directly, so a phone fetching a document never queues behind
/// the grain that runs the exercise clock (issue 12 §5).
/// </summary>
public static class ScenarioAttachments
{
    public static string Stream(ExerciseId exercise, string attachmentId) => $"{exercise.Value}|attachment|{attachmentId}";

    public static async Task<byte[]?> ReadAsync(IAppendOnlyLog log, ExerciseId exercise, string attachmentId, CancellationToken cancellationToken = default)
    {
        var records = await log.ReadAfterAsync(Stream(exercise, attachmentId), 0, 1, cancellationToken);
        return records.Count == 0 ? null : LogJson.Deserialize<byte[]>(records[0].Payload);
    }
}
