namespace ScenarioEngine.Grains.Attachments;

public sealed record StoredAttachment(string AttachmentId, string ContentType, string DeviceId, ReadOnlyMemory<byte> Content);

/// <summary>
/// Photos and documents devices upload with responses. Keyed by exercise and a device-made id, and
/// written once: a retried upload finds the first copy and changes nothing.
/// </summary>
public interface IAttachmentStore
{
    /// <summary>Stores the attachment unless its id exists; returns what is stored under the id afterwards.</summary>
    Task<StoredAttachment> PutOnceAsync(ExerciseId exercise, StoredAttachment attachment, CancellationToken cancellationToken = default);

    Task<StoredAttachment?> GetAsync(ExerciseId exercise, string attachmentId, CancellationToken cancellationToken = default);
}
