namespace ScenarioEngine.Grains.Attachments;

/// <summary>Attachment ids are made by devices; only plain, short ids are taken, so they are safe as storage keys.</summary>
public static class AttachmentIds
{
    public const int MaxLength = 64;

    public static bool IsValid(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= MaxLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
