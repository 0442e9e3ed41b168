namespace ScenarioEngine.Web.Dashboard;

/// <summary>
/// The dashboard's languages: English (Strings.resx) and every language a Strings.{lang}.resx was
/// built for. Adding a language is adding a file, not code.
/// </summary>
public sealed record DashboardLanguages(IReadOnlyList<string> Names)
{
    private const string Neutral = "en";

    public static string[] Find()
    {
        var satellite = $"{typeof(DashboardLanguages).Assembly.GetName().Name}.resources.dll";
        var built = Directory.EnumerateDirectories(AppContext.BaseDirectory)
            .Where(dir => File.Exists(Path.Combine(dir, satellite)))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => name != Neutral)
            .Order(StringComparer.Ordinal);
        return [Neutral, .. built];
    }
}
