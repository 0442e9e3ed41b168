using SkiaSharp;

namespace ScenarioEngine.Web.SitePlans;

/// <summary>What an uploaded plan turned out to be, read from its bytes (never from the name or the declared type).</summary>
public sealed record PlanImage(string ContentType, int Width, int Height);

/// <summary>
/// Checks that an upload really is a PNG, JPEG or WebP image by decoding it whole with SkiaSharp
/// (which ScottPlot already brings for the AAR's charts): a renamed file, a truncated image or a
/// decompression bomb is refused before anything is stored.
/// </summary>
public static class SitePlanImages
{
    /// <summary>A drawn or photographed site plan fits well within this; a larger file is a mistake or an attack.</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    /// <summary>Bounds the memory one decode takes (4 bytes a pixel): a small file may claim a huge image.</summary>
    public const long MaxPixels = 40_000_000;

    /// <summary>The image, or null with the key of the problem (ApiStrings).</summary>
    public static PlanImage? Read(byte[] bytes, out string? problem)
    {
        problem = null;
        if (bytes.Length == 0)
        {
            problem = "PlanImageEmpty";
            return null;
        }

        if (bytes.Length > MaxBytes)
        {
            problem = "PlanImageTooLarge";
            return null;
        }

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        var contentType = codec?.EncodedFormat switch
        {
            SKEncodedImageFormat.Png => "image/png",
            SKEncodedImageFormat.Jpeg => "image/jpeg",
            SKEncodedImageFormat.Webp => "image/webp",
            _ => null,
        };
        if (codec is null || contentType is null)
        {
            problem = "PlanImageNotImage";
            return null;
        }

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0 || (long)width * height > MaxPixels)
        {
            problem = "PlanImageTooManyPixels";
            return null;
        }

        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        if (codec.GetPixels(info, bitmap.GetPixels()) != SKCodecResult.Success)
        {
            problem = "PlanImageNotImage";
            return null;
        }

        return new PlanImage(contentType, width, height);
    }
}
