namespace ScenarioEngine.Pwa.Tests;

/// <summary>
/// Where the browser tests keep their screenshots: TestResults/screenshots at the repository root
/// (ignored by git), or SCREENSHOT_DIR. A chosen few are copied by hand into docs/screenshots.
/// </summary>
public static class Screenshots
{
    public static readonly string Directory = Locate();

    private static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable("SCREENSHOT_DIR");
        string path;
        if (!string.IsNullOrEmpty(configured))
        {
            path = configured;
        }
        else
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ScenarioEngine.sln")))
            {
                dir = dir.Parent;
            }

            path = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "TestResults", "screenshots");
        }

        System.IO.Directory.CreateDirectory(path);
        return path;
    }

    public static string PathOf(string name) => Path.Combine(Directory, $"{name}.png");
}
