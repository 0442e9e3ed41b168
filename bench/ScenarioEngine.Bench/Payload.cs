using System.Globalization;
using System.Text;
using System.Text.Json;
using ScenarioEngine.Delivery;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Bench;

/// <summary>
/// The ~1 KB inject every target sends: ScenarioEngine gets it from a generated scenario, the
/// baselines send the same <see cref="DeliveredMessage"/> as JSON. Inject numbers are "1", "2"…
/// so a client can tell which scheduled fire a push belongs to.
/// </summary>
public static class Payload
{
    public static readonly string Body = BuildBody();

    public static string TeamId(int team) => $"t{team:D4}";

    /// <summary>What the baselines push for inject <paramref name="number"/>, shaped as ScenarioEngine pushes it.</summary>
    public static DeliveredMessage Message(int number, DateTimeOffset firedAt) => new()
    {
        Sequence = number,
        DeliveryId = $"bench|team|t0000|{number}",
        InjectNumber = number.ToString(CultureInfo.InvariantCulture),
        Kind = MessageKind.Inject,
        From = new() { ["en"] = "Benchmark controller" },
        Method = DeliveryMethod.Document,
        Subject = new() { ["en"] = $"Inject {number}" },
        Message = new() { ["en"] = Body },
        FiredAt = firedAt,
        ResponseRequested = true,
    };

    public static int JsonSize => JsonSerializer.SerializeToUtf8Bytes(Message(1, DateTimeOffset.UtcNow), WebNode.Json).Length;

    /// <summary>A scenario with <paramref name="teams"/> teams and <paramref name="injects"/> manual injects, each to every team.</summary>
    public static string ScenarioYaml(int teams, int injects)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("id: bench").AppendLine("title: { en: \"Benchmark\" }").AppendLine("languages: [en]").AppendLine("defaultLanguage: en");
        yaml.AppendLine("teams:");
        for (var t = 0; t < teams; t++)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  - id: {TeamId(t)}").AppendLine(CultureInfo.InvariantCulture, $"    name: {{ en: \"Team {t}\" }}");
        }

        var everyTeam = string.Join(", ", Enumerable.Range(0, teams).Select(TeamId));
        yaml.AppendLine("injects:");
        for (var i = 1; i <= injects; i++)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  - number: \"{i}\"")
                .AppendLine("    from: { en: \"Benchmark controller\" }")
                .AppendLine(CultureInfo.InvariantCulture, $"    to: {{ teams: [{everyTeam}] }}")
                .AppendLine(CultureInfo.InvariantCulture, $"    subject: {{ en: \"Inject {i}\" }}")
                .AppendLine(CultureInfo.InvariantCulture, $"    message: {{ en: \"{Body}\" }}")
                .AppendLine("    responseRequested: true");
        }

        return yaml.ToString();
    }

    // Plain words, no quotes or escapes, so the YAML and the JSON carry it unchanged.
    private static string BuildBody()
    {
        const string sentence = "A caller reports a grey minivan bringing workers to the greenhouse farm at night; check the permits and talk to the foreman. ";
        var body = new StringBuilder();
        while (body.Length < 820)
        {
            body.Append(sentence);
        }

        return body.ToString(0, 820).TrimEnd();
    }
}
