using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ScenarioEngine;

/// <summary>
/// The activity source and instruments ScenarioEngine reports through. One trace follows an
/// inject: fire → mailbox append → push → device ack → response.
/// </summary>
public static class ScenarioEngineTelemetry
{
    public const string SourceName = "ScenarioEngine";
    public const string MeterName = "ScenarioEngine";

    public static readonly ActivitySource Source = new(SourceName);

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> InjectsFired =
        Meter.CreateCounter<long>("scenarioengine.injects.fired", description: "Injects fired, by reason.");

    public static readonly Counter<long> DeliveryTransitions =
        Meter.CreateCounter<long>("scenarioengine.deliveries", description: "Deliveries reaching a state, by state.");

    public static readonly Counter<long> ResponsesStored =
        Meter.CreateCounter<long>("scenarioengine.responses.stored", description: "Responses stored (duplicates not counted).");

    public static readonly Histogram<double> FireToDelivered =
        Meter.CreateHistogram<double>("scenarioengine.fire_to_delivered", unit: "ms", description: "From inject fire to a device confirming receipt.");

    public static readonly Histogram<double> FireToAcknowledged =
        Meter.CreateHistogram<double>("scenarioengine.fire_to_acknowledged", unit: "ms", description: "From inject fire to acknowledgement.");

    public static readonly UpDownCounter<long> DevicesConnected =
        Meter.CreateUpDownCounter<long>("scenarioengine.devices.connected", description: "Device connections held by this web node.");
}
