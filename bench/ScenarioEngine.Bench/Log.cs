namespace ScenarioEngine.Bench;

public static class Log
{
    private static readonly DateTime Start = DateTime.UtcNow;

    public static void Line(string text) => Console.WriteLine($"[{(DateTime.UtcNow - Start).TotalSeconds,7:F1}s] {text}");
}
