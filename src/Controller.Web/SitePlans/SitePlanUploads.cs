using ScenarioEngine.Grains.Attachments;
using ScenarioEngine.SitePlans;

namespace ScenarioEngine.Web.SitePlans;

/// <summary>Why an upload was refused: the key of its text in ApiStrings, which the API and the dashboard show in the reader's language.</summary>
public sealed class SitePlanRefusedException(string key) : Exception(key)
{
    public string Key { get; } = key;
}

/// <summary>
/// A site plan upload, the same from the API and the control room: the image is checked, stored
/// once under a new id in the attachment store, then the plans grain names it with its corners.
/// </summary>
public sealed class SitePlanUploads(IGrainFactory grains, IAttachmentStore attachments, TimeProvider time)
{
    public async Task<SitePlan> UploadAsync(string exerciseId, string siteId, byte[] bytes, SitePlanBounds bounds, string by)
    {
        if (bounds.Problem() is { } corners)
        {
            throw new SitePlanRefusedException(corners);
        }

        var image = SitePlanImages.Read(bytes, out var problem) ?? throw new SitePlanRefusedException(problem!);
        var exercise = new ExerciseId(exerciseId);
        if (await grains.GetGrain<Exercises.IExerciseGrain>(exerciseId).GetScenario() is not { } scenario || scenario.Sites.All(s => s.Id != siteId))
        {
            throw new SitePlanRefusedException("PlanNoSuchSite");
        }

        var attachmentId = $"plan-{Guid.NewGuid():N}";
        await attachments.PutOnceAsync(exercise, new StoredAttachment(attachmentId, image.ContentType, $"controller:{by}", bytes));
        return await grains.GetGrain<ISitePlansGrain>(exerciseId).Set(new SitePlan
        {
            SiteId = siteId,
            AttachmentId = attachmentId,
            ContentType = image.ContentType,
            Width = image.Width,
            Height = image.Height,
            Bounds = bounds,
            UploadedBy = by,
            UploadedAt = time.GetUtcNow(),
            Size = bytes.Length,
        });
    }

    /// <summary>The site's plan image, or null when it has none.</summary>
    public async Task<StoredAttachment?> ImageAsync(string exerciseId, string siteId)
    {
        var plan = (await grains.GetGrain<ISitePlansGrain>(exerciseId).List()).FirstOrDefault(p => p.SiteId == siteId);
        return plan is null ? null : await attachments.GetAsync(new ExerciseId(exerciseId), plan.AttachmentId);
    }
}
