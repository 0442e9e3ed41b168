using System.Text.Json;
using System.Text.RegularExpressions;

namespace ScenarioEngine.Web.Tests.Contract;

/// <summary>
/// The device protocol's one contract. The server's records, written with the server's own JSON
/// options, must equal the committed fixtures in contract/device/, which the phone app's tests
/// parse with its guards (src/Participant.Pwa/src/contract.test.ts); the protocol doc must match
/// them too. So a field renamed on one side only fails a test on the other. With
/// UPDATE_CONTRACT_FIXTURES=1 these tests rewrite the fixtures and the doc's generated section
/// instead of failing.
/// </summary>
public sealed partial class DeviceContractTests(ServerJsonOptions json) : IClassFixture<ServerJsonOptions>
{
    private const string HubMethodsFixture = "hub-methods";

    [Fact]
    public void Every_device_message_is_written_as_its_committed_fixture()
    {
        var expected = DeviceContractExamples.All.ToDictionary(
            e => e.Name,
            e => DeviceContract.ToFixtureJson(e.Value, e.Transport == Transport.Rest ? json.Rest : json.Hub));
        expected[HubMethodsFixture] = Reference.HubMethodsJson();

        var problems = new List<string>();
        foreach (var (name, text) in expected)
        {
            var path = Path.Combine(DeviceContract.FixtureDirectory, name + ".json");
            var committed = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : null;
            if (committed == text)
            {
                continue;
            }

            if (DeviceContract.Updating)
            {
                Directory.CreateDirectory(DeviceContract.FixtureDirectory);
                File.WriteAllText(path, text);
            }
            else
            {
                problems.Add(committed is null ? $"{name}.json is missing." : $"{name}.json differs from what the server writes: {FirstDifference(committed, text)}");
            }
        }

        foreach (var path in Directory.Exists(DeviceContract.FixtureDirectory) ? Directory.GetFiles(DeviceContract.FixtureDirectory, "*.json") : [])
        {
            if (!expected.ContainsKey(Path.GetFileNameWithoutExtension(path)))
            {
                if (DeviceContract.Updating)
                {
                    File.Delete(path);
                }
                else
                {
                    problems.Add($"{Path.GetFileName(path)} is not an example of DeviceContractExamples any more.");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Append(DeviceContract.HowToUpdate)));
    }

    [Fact]
    public void The_examples_give_every_property_of_the_protocol_a_value_and_use_every_enum_value()
    {
        var held = new HashSet<(Type, string)>();
        var enumValues = new HashSet<(Type, string)>();
        foreach (var example in DeviceContractExamples.All)
        {
            DeviceContract.Visit(example.Value, example.Transport == Transport.Rest ? json.Rest : json.Hub, held, enumValues);
        }

        var missing = AllTypes()
            .SelectMany(t => t.Type.IsEnum
                ? DeviceContract.JsonEnumValues(t.Type, t.Options).Where(v => !enumValues.Contains((t.Type, v))).Select(v => $"{t.Type.Name} value \"{v}\"")
                : DeviceContract.JsonProperties(t.Type, t.Options).Where(p => !held.Contains((t.Type, p.Name))).Select(p => $"{t.Type.Name}.{p.Name}"))
            .ToList();

        Assert.True(missing.Count == 0,
            "No example in DeviceContractExamples shows these (give each a value that is not null or empty, so the phone app's guards are tested on it): "
            + string.Join(", ", missing));
    }

    [Fact]
    public void The_protocol_doc_has_the_reference_generated_from_the_contract()
    {
        var doc = File.ReadAllText(DeviceContract.DocPath).ReplaceLineEndings("\n");
        var section = Reference.DocSection();
        var begin = doc.IndexOf(DeviceContract.DocBegin, StringComparison.Ordinal);
        var end = doc.IndexOf(DeviceContract.DocEnd, StringComparison.Ordinal);
        var current = begin >= 0 && end > begin ? doc[begin..(end + DeviceContract.DocEnd.Length)] + "\n" : null;
        if (current == section)
        {
            return;
        }

        if (DeviceContract.Updating)
        {
            File.WriteAllText(DeviceContract.DocPath, current is null ? doc.TrimEnd() + "\n\n" + section : doc.Replace(current, section, StringComparison.Ordinal));
            return;
        }

        Assert.Fail(current is null
            ? $"docs/device-protocol.md has no generated reference section. {DeviceContract.HowToUpdate}"
            : $"The reference section of docs/device-protocol.md is not what the contract says: {FirstDifference(current, section, firstLine: doc[..begin].Count(c => c == '\n') + 1)}\n{DeviceContract.HowToUpdate}");
    }

    [Fact]
    public void The_protocol_doc_prose_names_every_method_field_and_enum_value()
    {
        var doc = File.ReadAllText(DeviceContract.DocPath).ReplaceLineEndings("\n");
        var begin = doc.IndexOf(DeviceContract.DocBegin, StringComparison.Ordinal);
        var prose = begin >= 0 ? doc[..begin] : doc;
        // Names count where the doc writes code: `inline` spans and ``` blocks.
        var named = CodeSpan().Matches(prose)
            .SelectMany(m => Identifier().Matches(m.Value).Select(i => i.Value))
            .ToHashSet(StringComparer.Ordinal);

        var expected = DeviceContract.ClientToServer.Concat(DeviceContract.ServerToClient).Select(m => m.Name)
            .Concat(AllTypes().SelectMany(t => t.Type.IsEnum
                ? DeviceContract.JsonEnumValues(t.Type, t.Options)
                : DeviceContract.JsonProperties(t.Type, t.Options).Select(p => p.Name)))
            .Distinct()
            .Where(name => !named.Contains(name))
            .ToList();

        Assert.True(expected.Count == 0,
            "docs/device-protocol.md never names these in code (`name`) outside its generated reference; say what each is for: "
            + string.Join(", ", expected));
    }

    private DeviceContractReference Reference => new(json.Hub, json.Rest);

    private IEnumerable<(Type Type, JsonSerializerOptions Options)> AllTypes() =>
        DeviceContract.ReachableTypes(DeviceContract.HubTypes(), json.Hub).Select(t => (t, json.Hub))
            .Concat(DeviceContract.ReachableTypes(DeviceContract.RestTypes, json.Rest).Select(t => (t, json.Rest)))
            .DistinctBy(t => t.Item1);

    private static string FirstDifference(string committed, string written, int firstLine = 1)
    {
        var a = committed.Split('\n');
        var b = written.Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var left = i < a.Length ? a[i] : "(end)";
            var right = i < b.Length ? b[i] : "(end)";
            if (left != right)
            {
                return $"line {i + firstLine}: committed `{left.Trim()}`, now `{right.Trim()}`";
            }
        }

        return "(same lines)";
    }

    // An inline span may wrap within its paragraph, so newlines count, blank lines do not.
    [GeneratedRegex("```[\\s\\S]*?```|`(?:[^`\\n]|\\n(?!\\n))+`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex("[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Identifier();
}
