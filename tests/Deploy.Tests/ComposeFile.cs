using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Deploy.Tests;

/// <summary>deploy/docker-compose.yml read the way Compose reads it (anchors and `<<` merge keys resolved).</summary>
internal sealed partial class ComposeFile
{
    public const string RelativePath = "deploy/docker-compose.yml";

    private ComposeFile(IDictionary<object, object?> root, string directory)
    {
        Root = root;
        Directory = directory;
        Services = Map(root, "services").Select(s => new ComposeService((string)s.Key, AsMap(s.Value))).ToList();
    }

    public IDictionary<object, object?> Root { get; }

    /// <summary>Relative paths in the file are relative to its folder.</summary>
    public string Directory { get; }

    public IReadOnlyList<ComposeService> Services { get; }

    public ComposeService this[string name] => Services.Single(s => s.Name == name);

    public static ComposeFile Load()
    {
        var path = Repo.PathOf(RelativePath);
        using var reader = new StringReader(File.ReadAllText(path));
        var root = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object?>>(new MergingParser(new Parser(reader)));
        return new ComposeFile(root, Path.GetDirectoryName(path)!);
    }

    public string Resolve(string relative) => Path.GetFullPath(Path.Combine(Directory, relative));

    public static IDictionary<object, object?> AsMap(object? node) =>
        node as IDictionary<object, object?> ?? throw new InvalidDataException($"Expected a mapping, got {node ?? "nothing"}.");

    public static IDictionary<object, object?> Map(IDictionary<object, object?> map, string key) =>
        map.TryGetValue(key, out var value) ? AsMap(value) : new Dictionary<object, object?>();

    public static IReadOnlyList<string> Strings(object? node) => node switch
    {
        null => [],
        string s => [s],
        IEnumerable<object?> list => list.Select(i => i?.ToString() ?? string.Empty).ToList(),
        _ => throw new InvalidDataException($"Expected a string or a list, got {node}."),
    };

    /// <summary>The port in an ASP.NET Core URL such as <c>http://+:8080</c>.</summary>
    public static int PortOf(string url) => int.Parse(PortPattern().Match(url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@":(\d+)/?$")]
    private static partial Regex PortPattern();
}

internal sealed class ComposeService(string name, IDictionary<object, object?> map)
{
    public string Name { get; } = name;

    public IDictionary<object, object?> Map { get; } = map;

    public string? Image => Map.TryGetValue("image", out var image) ? image as string : null;

    public IDictionary<object, object?>? Build => Map.TryGetValue("build", out var build) ? ComposeFile.AsMap(build) : null;

    /// <summary>The Dockerfile path relative to the repository root, for services built here.</summary>
    public string? DockerfileInRepo(ComposeFile compose)
    {
        if (Build is not { } build)
        {
            return null;
        }

        var context = compose.Resolve((string)build["context"]!);
        var dockerfile = Path.Combine(context, build.TryGetValue("dockerfile", out var d) ? (string)d! : "Dockerfile");
        return Path.GetRelativePath(Repo.Root, dockerfile).Replace('\\', '/');
    }

    /// <summary>Environment as name → value, from either the mapping or the list form.</summary>
    public IReadOnlyDictionary<string, string> Environment
    {
        get
        {
            if (!Map.TryGetValue("environment", out var env) || env is null)
            {
                return new Dictionary<string, string>();
            }

            return env is IDictionary<object, object?> map
                ? map.ToDictionary(e => (string)e.Key, e => e.Value?.ToString() ?? string.Empty)
                : ComposeFile.Strings(env).Select(e => e.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty);
        }
    }

    public IReadOnlyList<string> Volumes => Map.TryGetValue("volumes", out var v)
        ? ((IEnumerable<object?>)v!).Select(i => i is IDictionary<object, object?> m ? $"{m["source"]}:{m["target"]}" : (string)i!).ToList()
        : [];

    public IReadOnlyList<string> DependsOn => Map.TryGetValue("depends_on", out var d)
        ? d is IDictionary<object, object?> m ? m.Keys.Cast<string>().ToList() : ComposeFile.Strings(d)
        : [];

    public IReadOnlyList<string> HealthcheckTest => Map.TryGetValue("healthcheck", out var h)
        ? ComposeFile.Strings(ComposeFile.AsMap(h).TryGetValue("test", out var t) ? t : null)
        : [];

    /// <summary>The HTTP port the app listens on, from the URL or the ports it is given.</summary>
    public int? HttpPort
    {
        get
        {
            var env = Environment;
            var url = env.GetValueOrDefault("Urls") ?? env.GetValueOrDefault("ASPNETCORE_URLS");
            if (url is not null)
            {
                return ComposeFile.PortOf(url);
            }

            return env.GetValueOrDefault("ASPNETCORE_HTTP_PORTS") is { } ports
                ? int.Parse(ports.Split(';')[0], System.Globalization.CultureInfo.InvariantCulture)
                : null;
        }
    }

    public override string ToString() => Name;
}
