namespace ScenarioEngine.Grains.Hosting;

public static class StorageNames
{
    /// <summary>The grain storage provider every ScenarioEngine grain persists through.</summary>
    public const string Grains = "scenario";
}
