using System.Text.Json;
using System.Text.RegularExpressions;

namespace Deploy.Tests;

internal sealed record Instruction(string Keyword, string Arguments);

/// <summary>COPY [--from=stage] [--chmod=…] source… destination</summary>
internal sealed record Copy(string? From, IReadOnlyList<string> Sources, string Destination);

internal sealed record Stage(string Image, string? Name, IReadOnlyList<Instruction> Instructions)
{
    public string WorkDir => Instructions.LastOrDefault(i => i.Keyword == "WORKDIR")?.Arguments ?? "/";

    public IEnumerable<Copy> Copies => Instructions.Where(i => i.Keyword == "COPY").Select(i => Dockerfile.ParseCopy(i.Arguments));

    public IEnumerable<string> Runs => Instructions.Where(i => i.Keyword == "RUN").Select(i => i.Arguments);

    /// <summary>The exec-form command the container starts with: ENTRYPOINT then CMD.</summary>
    public IReadOnlyList<string> StartCommand =>
        [.. Exec("ENTRYPOINT"), .. Exec("CMD")];

    private IEnumerable<string> Exec(string keyword) =>
        Instructions.LastOrDefault(i => i.Keyword == keyword) is { } last
            ? JsonSerializer.Deserialize<string[]>(last.Arguments) ?? []
            : [];
}

/// <summary>Just enough of a Dockerfile parser for the files in deploy/.</summary>
internal static partial class Dockerfile
{
    public static IReadOnlyList<string> All { get; } = ["deploy/Dockerfile.silo", "deploy/Dockerfile.web"];

    public static IReadOnlyList<Stage> Load(string relative)
    {
        var stages = new List<(string Image, string? Name, List<Instruction> Instructions)>();
        foreach (var line in LogicalLines(Repo.Read(relative)))
        {
            var parts = line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
            var keyword = parts[0].ToUpperInvariant();
            var arguments = parts.Length > 1 ? parts[1].Trim() : string.Empty;
            if (keyword == "FROM")
            {
                var from = FromPattern().Match(arguments);
                stages.Add((from.Groups["image"].Value, from.Groups["name"].Success ? from.Groups["name"].Value : null, []));
            }
            else if (stages.Count > 0)
            {
                stages[^1].Instructions.Add(new Instruction(keyword, arguments));
            }
        }

        return stages.Select(s => new Stage(s.Image, s.Name, s.Instructions)).ToList();
    }

    public static Copy ParseCopy(string arguments)
    {
        var words = arguments.StartsWith('[')
            ? JsonSerializer.Deserialize<string[]>(arguments)!.ToList()
            : arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var flags = words.TakeWhile(w => w.StartsWith("--", StringComparison.Ordinal)).ToList();
        var paths = words.Skip(flags.Count).ToList();
        var from = flags.FirstOrDefault(f => f.StartsWith("--from=", StringComparison.Ordinal))?["--from=".Length..];
        return new Copy(from, paths[..^1], paths[^1]);
    }

    private static IEnumerable<string> LogicalLines(string text)
    {
        var pending = string.Empty;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            var whole = (pending + line).Trim();
            pending = string.Empty;
            if (whole.Length > 0)
            {
                yield return whole;
            }
        }
    }

    [GeneratedRegex(@"^(?:--\S+\s+)*(?<image>\S+)(?:\s+AS\s+(?<name>\S+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex FromPattern();
}

/// <summary>The repository's .dockerignore: which context paths `docker build` leaves out.</summary>
internal sealed class DockerIgnore
{
    private readonly List<Regex> _patterns;

    private DockerIgnore(List<Regex> patterns) => _patterns = patterns;

    public static DockerIgnore Load()
    {
        var lines = Repo.Read(".dockerignore").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        if (lines.Any(l => l.StartsWith('!')))
        {
            throw new NotSupportedException("Exceptions (!) in .dockerignore are not understood by this test.");
        }

        return new DockerIgnore(lines.Select(ToRegex).ToList());
    }

    /// <summary>True when the path (relative to the context, '/'-separated) or a folder above it is excluded.</summary>
    public bool Excludes(string relative)
    {
        var segments = relative.Replace('\\', '/').Trim('/').Split('/');
        for (var n = 1; n <= segments.Length; n++)
        {
            var prefix = string.Join('/', segments[..n]);
            if (_patterns.Any(p => p.IsMatch(prefix)))
            {
                return true;
            }
        }

        return false;
    }

    private static Regex ToRegex(string pattern)
    {
        var p = pattern.Trim('/');
        var regex = new System.Text.StringBuilder("^");
        for (var i = 0; i < p.Length; i++)
        {
            if (p[i] == '*' && i + 1 < p.Length && p[i + 1] == '*')
            {
                var slash = i + 2 < p.Length && p[i + 2] == '/';
                regex.Append(slash ? "(.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
            {
                regex.Append(p[i] switch
                {
                    '*' => "[^/]*",
                    '?' => "[^/]",
                    var c => Regex.Escape(c.ToString()),
                });
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
