namespace ScenarioEngine.Testing;

/// <summary>
/// Debian's Chromium as the browser tests launch it through Playwright: no browser is downloaded,
/// and these flags make it run headless here without touching the network.
/// </summary>
public static class HeadlessChromium
{
    public static IReadOnlyList<string> Args { get; } =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Fails with what to do when the browser is not installed, instead of Playwright's launch error.</summary>
    public static string RequireInstalled() =>
        File.Exists(ExecutablePath)
            ? ExecutablePath
            : throw new InvalidOperationException(
                $"No Chromium at {ExecutablePath}. Run scripts/install-test-deps.sh (apt-get install chromium) or set CHROMIUM_PATH.");
}
