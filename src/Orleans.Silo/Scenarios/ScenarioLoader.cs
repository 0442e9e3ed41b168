using System.Globalization;
using ScenarioEngine.Scenarios;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ScenarioEngine.Silo.Scenarios;

public sealed record ScenarioProblem(string Where, string Message)
{
    public override string ToString() => $"{Where}: {Message}";
}

public sealed class ScenarioValidationException(string source, IReadOnlyList<ScenarioProblem> problems)
    : Exception($"{source} has {problems.Count} problem(s):{Environment.NewLine}{string.Join(Environment.NewLine, problems)}")
{
    public IReadOnlyList<ScenarioProblem> Problems { get; } = problems;
}

/// <summary>
/// Reads a scenario YAML file and checks it whole: every problem is reported at once and nothing
/// is returned unless the scenario is valid.
/// </summary>
public static class ScenarioLoader
{
    public const string SampleName = "anti-trafficking-sample";

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    public static ScenarioDefinition LoadSample(string name = SampleName)
    {
        var resource = $"ScenarioEngine.Samples.{name}.yaml";
        using var stream = typeof(ScenarioLoader).Assembly.GetManifestResourceStream(resource)
            ?? throw new FileNotFoundException($"No bundled sample scenario '{name}'.", resource);
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), $"{name}.yaml");
    }

    public static ScenarioDefinition Parse(string yaml, string source)
    {
        ScenarioDocument? document;
        try
        {
            document = Deserializer.Deserialize<ScenarioDocument>(yaml);
        }
        catch (YamlException e)
        {
            throw new ScenarioValidationException(source,
                [new ScenarioProblem($"line {e.Start.Line}, column {e.Start.Column}", e.InnerException?.Message ?? e.Message)]);
        }

        if (document is null)
        {
            throw new ScenarioValidationException(source, [new ScenarioProblem("file", "The file is empty.")]);
        }

        var problems = new List<ScenarioProblem>();
        var scenario = Map(document, problems);
        return problems.Count == 0 ? scenario : throw new ScenarioValidationException(source, problems);
    }

    private static ScenarioDefinition Map(ScenarioDocument doc, List<ScenarioProblem> problems)
    {
        var languages = doc.Languages is { Count: > 0 } ? doc.Languages : ["en"];
        var defaultLanguage = doc.DefaultLanguage ?? languages[0];
        if (!languages.Contains(defaultLanguage))
        {
            problems.Add(new("defaultLanguage", $"'{defaultLanguage}' is not one of the languages ({string.Join(", ", languages)})."));
        }

        var text = new TextChecker(languages, problems);
        var sites = (doc.Sites ?? []).Select((s, i) => new SiteDefinition
        {
            Id = RequireId(s.Id, $"sites[{i}]", problems),
            Name = text.Required(s.Name, $"sites[{i}].name"),
            Description = s.Description ?? [],
        }).ToList();
        var actors = (doc.Actors ?? []).Select((a, i) => new ActorDefinition
        {
            Id = RequireId(a.Id, $"actors[{i}]", problems),
            Name = text.Required(a.Name, $"actors[{i}].name"),
            Role = a.Role ?? [],
            Site = a.Site,
        }).ToList();
        var teams = (doc.Teams ?? []).Select((t, i) => new TeamDefinition
        {
            Id = RequireId(t.Id, $"teams[{i}]", problems),
            Name = text.Required(t.Name, $"teams[{i}].name"),
            Agencies = t.Agencies ?? [],
        }).ToList();
        var injects = (doc.Injects ?? []).Select((inject, i) => MapInject(inject, $"injects[{i}]", text, problems)).ToList();

        RejectDuplicates(sites.Select(s => s.Id), "site id", problems);
        RejectDuplicates(actors.Select(a => a.Id), "actor id", problems);
        RejectDuplicates(teams.Select(t => t.Id), "team id", problems);
        RejectDuplicates(injects.Select(i => i.Number), "inject number", problems);

        var siteIds = sites.Select(s => s.Id).ToHashSet();
        foreach (var (actor, i) in actors.Select((a, i) => (a, i)).Where(x => x.a.Site is not null && !siteIds.Contains(x.a.Site)))
        {
            problems.Add(new($"actors[{i}].site", $"No site '{actor.Site}'."));
        }

        var teamIds = teams.Select(t => t.Id).ToHashSet();
        var actorIds = actors.Select(a => a.Id).ToHashSet();
        foreach (var (inject, i) in injects.Select((x, i) => (x, i)))
        {
            problems.AddRange(inject.To.Teams.Where(t => !teamIds.Contains(t)).Select(t => new ScenarioProblem($"injects[{i}].to.teams", $"No team '{t}'.")));
            problems.AddRange(inject.To.Actors.Where(a => !actorIds.Contains(a)).Select(a => new ScenarioProblem($"injects[{i}].to.actors", $"No actor '{a}'.")));
        }

        return new ScenarioDefinition
        {
            Id = RequireId(doc.Id, "scenario", problems),
            Title = text.Required(doc.Title, "title"),
            Languages = languages,
            DefaultLanguage = defaultLanguage,
            Sites = sites,
            Actors = actors,
            Teams = teams,
            Injects = injects,
        };
    }

    private static InjectDefinition MapInject(InjectDocument doc, string where, TextChecker text, List<ScenarioProblem> problems)
    {
        TimeSpan? at = null;
        if (!string.IsNullOrWhiteSpace(doc.At))
        {
            if (TimeSpan.TryParseExact(doc.At, [@"h\:mm\:ss", @"hh\:mm\:ss", @"d\.hh\:mm\:ss", @"h\:mm"], CultureInfo.InvariantCulture, out var parsed) && parsed >= TimeSpan.Zero)
            {
                at = parsed;
            }
            else
            {
                problems.Add(new($"{where}.at", $"'{doc.At}' is not a time offset like 0:05:00 or 1.02:30:00 (days.hours:minutes:seconds)."));
            }
        }

        var method = DeliveryMethod.Document;
        if (doc.Method is not null && !Enum.TryParse(doc.Method, ignoreCase: true, out method))
        {
            problems.Add(new($"{where}.method", $"'{doc.Method}' is not a delivery method ({string.Join(", ", Enum.GetNames<DeliveryMethod>())})."));
        }

        var to = new AudienceDefinition { Teams = doc.To?.Teams ?? [], Actors = doc.To?.Actors ?? [] };
        if (to.Teams.Count == 0 && to.Actors.Count == 0)
        {
            problems.Add(new($"{where}.to", "An inject needs at least one team or actor to go to."));
        }

        return new InjectDefinition
        {
            Number = string.IsNullOrWhiteSpace(doc.Number) ? Missing($"{where}.number", problems) : doc.Number.Trim(),
            At = at,
            From = doc.From ?? [],
            Method = method,
            To = to,
            Subject = text.Required(doc.Subject, $"{where}.subject"),
            Message = text.Required(doc.Message, $"{where}.message"),
            ExpectedAction = doc.ExpectedAction ?? [],
            ControllerNotes = doc.Notes,
            ResponseRequested = doc.ResponseRequested,
        };
    }

    private static string RequireId(string? id, string where, List<ScenarioProblem> problems) =>
        string.IsNullOrWhiteSpace(id) ? Missing($"{where}.id", problems)
        : id.Contains('|', StringComparison.Ordinal) ? Invalid($"{where}.id", $"'{id}' may not contain '|'.", problems)
        : id.Trim();

    private static string Missing(string where, List<ScenarioProblem> problems) => Invalid(where, "Required.", problems);

    private static string Invalid(string where, string message, List<ScenarioProblem> problems)
    {
        problems.Add(new(where, message));
        return string.Empty;
    }

    private static void RejectDuplicates(IEnumerable<string> ids, string what, List<ScenarioProblem> problems) =>
        problems.AddRange(ids.Where(id => id.Length > 0).GroupBy(id => id).Where(g => g.Count() > 1)
            .Select(g => new ScenarioProblem(what, $"'{g.Key}' is used {g.Count()} times.")));

    /// <summary>Every text a person reads must exist in every language of the scenario.</summary>
    private sealed class TextChecker(IReadOnlyList<string> languages, List<ScenarioProblem> problems)
    {
        public Dictionary<string, string> Required(Dictionary<string, string>? text, string where)
        {
            if (text is null || text.Count == 0)
            {
                problems.Add(new(where, "Required."));
                return [];
            }

            problems.AddRange(languages.Where(l => string.IsNullOrWhiteSpace(text.GetValueOrDefault(l)))
                .Select(l => new ScenarioProblem(where, $"Missing the '{l}' text.")));
            return text;
        }
    }
}
