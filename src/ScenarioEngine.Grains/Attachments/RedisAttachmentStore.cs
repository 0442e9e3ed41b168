using StackExchange.Redis;

namespace ScenarioEngine.Grains.Attachments;

/// <summary>One Redis hash per attachment, created only if absent (a conditional transaction), so a retry stores nothing twice.</summary>
public sealed class RedisAttachmentStore(IConnectionMultiplexer redis, string keyPrefix) : IAttachmentStore
{
    public async Task<StoredAttachment> PutOnceAsync(ExerciseId exercise, StoredAttachment attachment, CancellationToken cancellationToken = default)
    {
        var key = Key(exercise, attachment.AttachmentId);
        var transaction = redis.GetDatabase().CreateTransaction();
        transaction.AddCondition(Condition.KeyNotExists(key));
        _ = transaction.HashSetAsync(key,
        [
            new HashEntry("type", attachment.ContentType),
            new HashEntry("device", attachment.DeviceId),
            new HashEntry("content", attachment.Content),
        ]);
        return await transaction.ExecuteAsync()
            ? attachment
            : await GetAsync(exercise, attachment.AttachmentId, cancellationToken) ?? attachment;
    }

    public async Task<StoredAttachment?> GetAsync(ExerciseId exercise, string attachmentId, CancellationToken cancellationToken = default)
    {
        var fields = await redis.GetDatabase().HashGetAsync(Key(exercise, attachmentId), ["type", "device", "content"]);
        return fields[2].IsNull
            ? null
            : new StoredAttachment(attachmentId, fields[0].ToString(), fields[1].ToString(), (byte[])fields[2]!);
    }

    private RedisKey Key(ExerciseId exercise, string attachmentId) => $"{keyPrefix}:att:{{{exercise.Value}}}:{attachmentId}";
}
