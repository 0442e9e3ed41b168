using System.Collections.Concurrent;

namespace ScenarioEngine.Grains.Attachments;

public sealed class InMemoryAttachmentStore : IAttachmentStore
{
    private readonly ConcurrentDictionary<(string Exercise, string Id), StoredAttachment> _attachments = new();

    public Task<StoredAttachment> PutOnceAsync(ExerciseId exercise, StoredAttachment attachment, CancellationToken cancellationToken = default) =>
        Task.FromResult(_attachments.GetOrAdd((exercise.Value, attachment.AttachmentId), attachment));

    public Task<StoredAttachment?> GetAsync(ExerciseId exercise, string attachmentId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_attachments.GetValueOrDefault((exercise.Value, attachmentId)));
}
