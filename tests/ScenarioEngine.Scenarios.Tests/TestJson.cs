using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScenarioEngine.Scenarios.Tests;

/// <summary>Scenarios as JSON, to compare two of them field by field (the append-log's shape, without the grains library).</summary>
internal static class TestJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
