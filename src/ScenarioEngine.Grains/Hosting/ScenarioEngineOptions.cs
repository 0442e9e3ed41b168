using System.ComponentModel.DataAnnotations;

namespace ScenarioEngine.Grains.Hosting;

/// <summary>The "ScenarioEngine" configuration section, shared by the silo and the web host.</summary>
public sealed class ScenarioEngineOptions
{
    public const string Section = "ScenarioEngine";

    /// <summary>Orleans cluster id; every process of one deployment uses the same one.</summary>
    [Required]
    public string ClusterId { get; set; } = "scenario-engine";

    /// <summary>Orleans service id; it also prefixes the append-only log's Redis keys.</summary>
    [Required]
    public string ServiceId { get; set; } = "scenario-engine";

    /// <summary>Silo-to-silo port; 0 picks a free one (tests).</summary>
    [Range(0, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port Orleans clients (web nodes in cluster mode) connect to.</summary>
    [Range(0, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>Address this silo advertises to the cluster; loopback by default.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>
    /// How often a running exercise's durable reminder checks its clock. After a silo failure a due
    /// inject fires at most this late. Tests shorten it; Orleans' own minimum is lowered to match.
    /// </summary>
    public TimeSpan ClockWatchdogPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
