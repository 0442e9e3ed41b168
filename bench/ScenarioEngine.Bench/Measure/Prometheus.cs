using System.Globalization;

namespace ScenarioEngine.Bench.Measure;

/// <summary>Reads a server's /metrics (Prometheus text): the runtime's GC heap and Orleans' activation counters.</summary>
public static class Prometheus
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Sum of every series whose name starts with <paramref name="name"/> (all label sets), or null when absent.</summary>
    public static async Task<double?> SumAsync(Uri server, string name)
    {
        string text;
        try
        {
            text = await Http.GetStringAsync(new Uri(server, "/metrics"));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }

        double? sum = null;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (line.StartsWith("#") || !line.StartsWith(name))
            {
                continue;
            }

            var rest = line[name.Length..];
            if (rest.Length > 0 && rest[0] != '{' && rest[0] != ' ')
            {
                continue;
            }

            var value = rest[(rest.LastIndexOf('}') + 1)..].Trim();
            var space = value.IndexOf(' ');
            if (double.TryParse(space < 0 ? value : value[..space], NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                sum = (sum ?? 0) + parsed;
            }
        }

        return sum;
    }

    /// <summary>Managed heap after the last collection, in bytes.</summary>
    public static Task<double?> GcHeapAsync(Uri server) => SumAsync(server, "dotnet_gc_last_collection_heap_size_bytes");
}
