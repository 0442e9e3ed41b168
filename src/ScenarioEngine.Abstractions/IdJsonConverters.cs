using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScenarioEngine;

/// <summary>Writes an <see cref="ExerciseId"/> as the plain string it wraps, on the wire and in logs.</summary>
public sealed class ExerciseIdJsonConverter : JsonConverter<ExerciseId>
{
    public override ExerciseId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetString() ?? throw new JsonException("An exercise id cannot be null."));

    public override void Write(Utf8JsonWriter writer, ExerciseId value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
