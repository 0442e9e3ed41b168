using System.Text;
using QRCoder;

namespace ScenarioEngine.Pwa.Tests;

/// <summary>
/// A video file for Chromium's fake camera (--use-file-for-fake-video-capture): one Y4M frame,
/// looped by Chromium, showing a QR code the way a briefing sheet would, slightly off-white.
/// </summary>
public static class FakeCamera
{
    private const int Width = 640;
    private const int Height = 480;

    public static string WriteQrVideo(string text)
    {
        using var generator = new QRCodeGenerator();
        using var qr = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var modules = qr.ModuleMatrix; // includes the quiet zone
        var size = modules.Count;
        var scale = Math.Min(Width, Height) * 9 / 10 / size;
        var left = (Width - size * scale) / 2;
        var top = (Height - size * scale) / 2;

        var luma = new byte[Width * Height];
        Array.Fill(luma, (byte)225);
        for (var y = 0; y < size * scale; y++)
        {
            for (var x = 0; x < size * scale; x++)
            {
                luma[(top + y) * Width + left + x] = modules[y / scale][x / scale] ? (byte)20 : (byte)245;
            }
        }

        var chroma = new byte[Width / 2 * (Height / 2)];
        Array.Fill(chroma, (byte)128);

        var path = Path.Combine(Path.GetTempPath(), $"qr-{Guid.NewGuid():N}.y4m");
        using var file = File.Create(path);
        file.Write(Encoding.ASCII.GetBytes($"YUV4MPEG2 W{Width} H{Height} F10:1 Ip A1:1 C420jpeg\n"));
        file.Write(Encoding.ASCII.GetBytes("FRAME\n"));
        file.Write(luma);
        file.Write(chroma);
        file.Write(chroma);
        return path;
    }

    /// <summary>A PNG of a QR code: a real photo-sized-down image for the upload path.</summary>
    public static byte[] QrPng(string text)
    {
        using var generator = new QRCodeGenerator();
        using var qr = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(qr).GetGraphic(8);
    }
}
