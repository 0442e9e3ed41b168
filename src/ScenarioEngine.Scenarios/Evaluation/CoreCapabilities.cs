using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ScenarioEngine.Scenarios.Evaluation;

/// <summary>
/// HSEEP's core capabilities as shipped (Evaluation/core-capabilities.yaml), plus a scenario's
/// own. Kept as a data file so a translation fix is not a code change.
/// </summary>
public static class CoreCapabilities
{
    private static readonly Lazy<IReadOnlyList<CapabilityDefinition>> Lazy = new(Load);

    public static IReadOnlyList<CapabilityDefinition> Bundled => Lazy.Value;

    /// <summary>Every capability a scenario's objectives may name: the bundled list, then the scenario's own.</summary>
    public static IReadOnlyDictionary<string, CapabilityDefinition> For(ScenarioDefinition scenario)
    {
        var all = Bundled.ToDictionary(c => c.Id, StringComparer.Ordinal);
        foreach (var own in scenario.Capabilities)
        {
            all.TryAdd(own.Id, own);
        }

        return all;
    }

    private static IReadOnlyList<CapabilityDefinition> Load()
    {
        using var stream = typeof(CoreCapabilities).Assembly.GetManifestResourceStream("ScenarioEngine.Evaluation.core-capabilities.yaml")
            ?? throw new InvalidOperationException("The bundled core capability list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var rows = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build()
            .Deserialize<List<Row>>(reader);
        return rows.Select(r => new CapabilityDefinition { Id = r.Id!, Name = r.Name! }).ToList();
    }

    private sealed class Row
    {
        public string? Id { get; set; }
        public string? Area { get; set; }
        public Dictionary<string, string>? Name { get; set; }
    }
}
