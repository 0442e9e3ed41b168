using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;
using ScenarioEngine.Delivery;
using ScenarioEngine.Grains.AppendLog;
using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Bench.Micro;

/// <summary>One push: the mailbox writes the entry to the log as JSON, SignalR frames it once per send.</summary>
[MemoryDiagnoser]
public class DeliveredMessageBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private DeliveredMessage _message = null!;
    private string _json = string.Empty;
    private InvocationMessage _invocation = null!;
    private JsonHubProtocol _jsonProtocol = null!;
    private MessagePackHubProtocol _messagePackProtocol = null!;

    [GlobalSetup]
    public void Setup()
    {
        _message = new DeliveredMessage
        {
            Sequence = 42,
            DeliveryId = "exercise|team|team-a|42",
            InjectNumber = "42",
            Kind = MessageKind.Inject,
            From = new() { ["en"] = "Hotline operator", ["ru"] = "Оператор горячей линии" },
            Method = DeliveryMethod.PhoneCall,
            Subject = new() { ["en"] = "Anonymous tip-off", ["ru"] = "Анонимное сообщение" },
            Message = new() { ["en"] = new string('a', 800) },
            FiredAt = DateTimeOffset.UtcNow,
            ResponseRequested = true,
        };
        _json = LogJson.Serialize(_message);
        _invocation = new InvocationMessage("Deliver", [_message]);
        var json = new JsonHubProtocolOptions();
        json.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        _jsonProtocol = new JsonHubProtocol(Options.Create(json));
        _messagePackProtocol = new MessagePackHubProtocol();
    }

    [Benchmark]
    public string LogJsonSerialize() => LogJson.Serialize(_message);

    [Benchmark]
    public DeliveredMessage LogJsonDeserialize() => LogJson.Deserialize<DeliveredMessage>(_json);

    [Benchmark]
    public int SignalRJsonFrame()
    {
        _buffer.ResetWrittenCount();
        _jsonProtocol.WriteMessage(_invocation, _buffer);
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public int SignalRMessagePackFrame()
    {
        _buffer.ResetWrittenCount();
        _messagePackProtocol.WriteMessage(_invocation, _buffer);
        return _buffer.WrittenCount;
    }
}
