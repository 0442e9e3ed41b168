using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace ScenarioEngine.Web.Tests.Contract;

/// <summary>
/// Writes what the contract is, from the server's types: the reference section of
/// docs/device-protocol.md and <c>contract/device/hub-methods.json</c> (the method names the phone
/// app's tests check its calls against).
/// </summary>
public sealed class DeviceContractReference(JsonSerializerOptions hub, JsonSerializerOptions rest)
{
    private readonly NullabilityInfoContext _nullability = new();

    public string DocSection()
    {
        var doc = new StringBuilder();
        doc.AppendLine(DeviceContract.DocBegin);
        doc.AppendLine();
        doc.AppendLine("## Reference");
        doc.AppendLine();
        doc.AppendLine("Generated from the server's types with the JSON options it uses on the wire (`DeviceContractTests` in");
        doc.AppendLine("tests/Controller.Web.Tests). An example of every message, exactly as the server writes it, is in");
        doc.AppendLine("[`contract/device/`](../contract/device/); the phone app's tests parse each with its guards. The server");
        doc.AppendLine("writes every field, `| null` ones as null when empty; the phone may leave those out of what it sends.");
        doc.AppendLine("`{ [key]: string }` is localised text keyed by language, or a form's answers keyed by field id. Dates");
        doc.AppendLine("are ISO-8601 strings with offset; durations are `\"hh:mm:ss\"` or `\"d.hh:mm:ss\"` strings.");
        doc.AppendLine();
        doc.AppendLine("### Hub methods, phone → server");
        doc.AppendLine();
        doc.AppendLine("| method | arguments | returns |");
        doc.AppendLine("| --- | --- | --- |");
        foreach (var method in DeviceContract.ClientToServer)
        {
            doc.AppendLine($"| `{method.Name}` | {Cell(Arguments(method))} | {Cell(Returns(method))} |");
        }

        doc.AppendLine();
        doc.AppendLine("### Hub methods, server → phone");
        doc.AppendLine();
        doc.AppendLine("| method | arguments |");
        doc.AppendLine("| --- | --- |");
        foreach (var method in DeviceContract.ServerToClient)
        {
            doc.AppendLine($"| `{method.Name}` | {Cell(Arguments(method))} |");
        }

        doc.AppendLine();
        doc.AppendLine("### REST");
        doc.AppendLine();
        doc.AppendLine("| request | body | answer |");
        doc.AppendLine("| --- | --- | --- |");
        doc.AppendLine("| `POST /api/devices/join` | `JoinRequest` | `JoinResponse` |");
        doc.AppendLine("| `POST /api/devices/connect-ticket` (device token) | none | `ConnectTicketResponse` |");
        doc.AppendLine();
        doc.AppendLine("### Records");
        var records = DeviceContract.ReachableTypes(DeviceContract.HubTypes(), hub).Select(t => (Type: t, Options: hub))
            .Concat(DeviceContract.ReachableTypes(DeviceContract.RestTypes, rest).Select(t => (Type: t, Options: rest)))
            .DistinctBy(r => r.Type)
            .Where(r => !r.Type.IsEnum);
        foreach (var (type, options) in records)
        {
            doc.AppendLine();
            doc.AppendLine($"#### `{type.Name}`");
            doc.AppendLine();
            doc.AppendLine("| field | type |");
            doc.AppendLine("| --- | --- |");
            foreach (var property in DeviceContract.JsonProperties(type, options))
            {
                var member = property.AttributeProvider as PropertyInfo;
                var nullable = member is not null && !member.PropertyType.IsValueType && _nullability.Create(member).ReadState == NullabilityState.Nullable;
                doc.AppendLine($"| `{property.Name}` | {Cell(Describe(property.PropertyType, nullable, options))} |");
            }
        }

        doc.AppendLine();
        doc.AppendLine(DeviceContract.DocEnd);
        return doc.ToString();
    }

    /// <summary>The hub's methods with their arguments and answers, for the phone app's tests.</summary>
    public string HubMethodsJson()
    {
        JsonObject Methods(IEnumerable<MethodInfo> methods, bool withReturns)
        {
            var all = new JsonObject();
            foreach (var method in methods)
            {
                var entry = new JsonObject
                {
                    ["arguments"] = new JsonObject(method.GetParameters()
                        .Select(p => KeyValuePair.Create(p.Name!, (JsonNode?)Describe(p.ParameterType, IsNullable(p), hub)))),
                };
                if (withReturns)
                {
                    entry["returns"] = DeviceContract.Returned(method) is { } returned ? Describe(returned, nullable: false, hub) : null;
                }

                all[method.Name] = entry;
            }

            return all;
        }

        var json = new JsonObject
        {
            ["phoneToServer"] = Methods(DeviceContract.ClientToServer, withReturns: true),
            ["serverToPhone"] = Methods(DeviceContract.ServerToClient, withReturns: false),
        };
        return DeviceContract.Indent(JsonSerializer.SerializeToUtf8Bytes(json));
    }

    private string Arguments(MethodInfo method) =>
        method.GetParameters() is { Length: > 0 } parameters
            ? "`" + string.Join(", ", parameters.Select(p => $"{p.Name}: {Describe(p.ParameterType, IsNullable(p), hub)}")) + "`"
            : "—";

    private string Returns(MethodInfo method) =>
        DeviceContract.Returned(method) is { } returned ? $"`{Describe(returned, nullable: false, hub)}`" : "nothing";

    private bool IsNullable(ParameterInfo parameter) =>
        !parameter.ParameterType.IsValueType && _nullability.Create(parameter).ReadState == NullabilityState.Nullable;

    private static string Describe(Type type, bool nullable, JsonSerializerOptions options)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return Describe(inner, nullable: true, options);
        }

        var described = Type.GetTypeCode(type) switch
        {
            _ when type.IsEnum => string.Join(" | ", DeviceContract.JsonEnumValues(type, options).Select(v => $"\"{v}\"")),
            TypeCode.String => "string",
            TypeCode.Boolean => "boolean",
            TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64 => "integer",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "number",
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "date-time",
            _ when type == typeof(TimeSpan) => "duration",
            _ => options.GetTypeInfo(type) switch
            {
                { Kind: JsonTypeInfoKind.Dictionary, ElementType: { } value } => $"{{ [key]: {Describe(value, nullable: false, options)} }}",
                { Kind: JsonTypeInfoKind.Enumerable, ElementType: { } element } => Wrap(Describe(element, nullable: false, options)) + "[]",
                _ => type.Name,
            },
        };
        return nullable ? $"{described} | null" : described;
    }

    private static string Wrap(string described) => described.Contains(' ') && !described.StartsWith('{') ? $"({described})" : described;

    /// <summary>A table cell: pipes escaped, so enum unions and nullable types stay in their column.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|");
}
