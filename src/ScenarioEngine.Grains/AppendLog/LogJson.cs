using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScenarioEngine.Grains.AppendLog;

/// <summary>One JSON shape for everything written to the append-only log, readable with redis-cli too.</summary>
public static class LogJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidDataException($"The log holds a null {typeof(T).Name}.");
}
