using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ScenarioEngine.Web.Auth;
using ScenarioEngine.Web.Hubs;

namespace ScenarioEngine.Web.Tests.Contract;

/// <summary>
/// The device protocol as the server defines it: the hub's methods (found by reflection on
/// <see cref="DeviceHub"/> and <see cref="IDeviceClient"/>), the REST join, the records they
/// carry, and how they look as JSON with the server's own serializer options.
/// </summary>
public static class DeviceContract
{
    /// <summary>Set to 1 to rewrite the fixtures and the doc's generated section instead of failing.</summary>
    public const string UpdateVariable = "UPDATE_CONTRACT_FIXTURES";

    public const string DocBegin = "<!-- BEGIN generated from the contract by DeviceContractTests: do not edit by hand (UPDATE_CONTRACT_FIXTURES=1 rewrites it) -->";
    public const string DocEnd = "<!-- END generated -->";

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string FixtureDirectory => Path.Combine(RepoRoot, "contract", "device");

    public static string DocPath => Path.Combine(RepoRoot, "docs", "device-protocol.md");

    public static string HowToUpdate =>
        $"If the change is meant, run `{UpdateVariable}=1 dotnet test tests/Controller.Web.Tests --filter FullyQualifiedName~DeviceContract`, "
        + "then `npm test` in src/Participant.Pwa (its guards must accept the new fixtures), and commit the fixtures, the doc and the app together.";

    /// <summary>What the phone calls on the server: the hub's own public methods, not the connection events.</summary>
    public static IReadOnlyList<MethodInfo> ClientToServer { get; } = typeof(DeviceHub)
        .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType == typeof(DeviceHub))
        .OrderBy(m => m.Name, StringComparer.Ordinal)
        .ToList();

    /// <summary>What the server calls on the phone.</summary>
    public static IReadOnlyList<MethodInfo> ServerToClient { get; } = typeof(IDeviceClient).GetMethods()
        .OrderBy(m => m.Name, StringComparer.Ordinal)
        .ToList();

    /// <summary>The records of the REST join, which no hub method names.</summary>
    public static IReadOnlyList<Type> RestTypes { get; } = [typeof(JoinRequest), typeof(JoinResponse), typeof(ConnectTicketResponse)];

    /// <summary>
    /// The types the hub's methods take or return (unwrapped from <see cref="Task{T}"/>): what the
    /// server pushes first, then what its methods return, then what the phone sends.
    /// </summary>
    public static IEnumerable<Type> HubTypes() =>
        ServerToClient.SelectMany(m => m.GetParameters().Select(p => p.ParameterType))
            .Concat(ClientToServer.Select(Returned).OfType<Type>())
            .Concat(ClientToServer.SelectMany(m => m.GetParameters().Select(p => p.ParameterType)));

    public static Type? Returned(MethodInfo method) =>
        method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)
            ? method.ReturnType.GetGenericArguments()[0]
            : null;

    /// <summary>
    /// Every record and enum reachable from <paramref name="roots"/> through their JSON
    /// properties, each record followed by the ones it holds (depth first).
    /// </summary>
    public static IReadOnlyList<Type> ReachableTypes(IEnumerable<Type> roots, JsonSerializerOptions options)
    {
        var found = new List<Type>();
        void Walk(Type type)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (found.Contains(type))
            {
                return;
            }

            if (type.IsEnum)
            {
                found.Add(type);
                return;
            }

            var info = options.GetTypeInfo(type);
            switch (info.Kind)
            {
                case JsonTypeInfoKind.Object:
                    found.Add(type);
                    foreach (var property in info.Properties)
                    {
                        Walk(property.PropertyType);
                    }

                    break;
                case JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary:
                    Walk(info.ElementType!);
                    break;
            }
        }

        foreach (var root in roots)
        {
            Walk(root);
        }

        return found;
    }

    /// <summary>The JSON a value becomes on the wire with <paramref name="options"/>, indented for review.</summary>
    /// <remarks>
    /// The bytes are the server's; only the layout changes: indented, and non-ASCII text left as
    /// is instead of <c>\uXXXX</c> escapes, so the Russian examples stay readable. Both parse to
    /// the same JSON value.
    /// </remarks>
    public static string ToFixtureJson(object value, JsonSerializerOptions options) =>
        Indent(JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), options));

    public static string Indent(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>The JSON name of every property of a record, as the serializer writes it.</summary>
    public static IEnumerable<JsonPropertyInfo> JsonProperties(Type type, JsonSerializerOptions options) =>
        options.GetTypeInfo(type).Properties.Where(p => p.Get is not null);

    /// <summary>An enum's values as the serializer writes them.</summary>
    public static IReadOnlyList<string> JsonEnumValues(Type enumType, JsonSerializerOptions options) =>
        Enum.GetValues(enumType).Cast<object>()
            .Select(v => JsonSerializer.Serialize(v, enumType, options).Trim('"'))
            .ToList();

    /// <summary>
    /// Walks an example: every (record, property) that holds a value (not null, not an empty list
    /// or map), and every enum value met.
    /// </summary>
    public static void Visit(object? value, JsonSerializerOptions options, HashSet<(Type, string)> properties, HashSet<(Type, string)> enumValues)
    {
        if (value is null)
        {
            return;
        }

        var type = value.GetType();
        if (type.IsEnum)
        {
            enumValues.Add((type, JsonSerializer.Serialize(value, type, options).Trim('"')));
            return;
        }

        var info = options.GetTypeInfo(type);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                foreach (var property in JsonProperties(type, options))
                {
                    var held = property.Get!(value);
                    if (held is not null && !(held is ICollection { Count: 0 }))
                    {
                        properties.Add((type, property.Name));
                    }

                    Visit(held, options, properties, enumValues);
                }

                break;
            case JsonTypeInfoKind.Enumerable:
                foreach (var item in (IEnumerable)value)
                {
                    Visit(item, options, properties, enumValues);
                }

                break;
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ScenarioEngine.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("No ScenarioEngine.sln above " + AppContext.BaseDirectory);
    }
}
