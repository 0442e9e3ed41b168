using System.Diagnostics;
using System.Globalization;

namespace ScenarioEngine.Bench.Measure;

/// <summary>CPU time and resident memory of a process, read from /proc (Linux).</summary>
public readonly record struct ProcessSample(TimeSpan Cpu, long WorkingSetBytes, long At)
{
    public static ProcessSample Of(int pid)
    {
        var at = Stopwatch.GetTimestamp();
        try
        {
            // /proc/<pid>/stat: fields 14 and 15 (utime, stime) in clock ticks, after the ")" that ends the name.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            var rssPages = long.Parse(File.ReadAllText($"/proc/{pid}/statm").Split(' ')[1], CultureInfo.InvariantCulture);
            return new(TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond), rssPages * Environment.SystemPageSize, at);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return new(TimeSpan.Zero, 0, at);
        }
    }

    public static ProcessSample Self() => Of(Environment.ProcessId);

    /// <summary>Share of one core used between two samples, in percent.</summary>
    public static double CpuPercent(ProcessSample before, ProcessSample after)
    {
        var wall = (after.At - before.At) / (double)Stopwatch.Frequency;
        return wall <= 0 ? 0 : Math.Round(100 * (after.Cpu - before.Cpu).TotalSeconds / wall, 1);
    }

    private const int ClockTicksPerSecond = 100;
}

/// <summary>The machine the numbers came from, and how busy it was.</summary>
public sealed record MachineInfo(int Cores, double MemoryGiB, string CpuModel, string LoadAverage, string Kernel, string Runtime)
{
    public static MachineInfo Read()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var memKb = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return new(Environment.ProcessorCount, Math.Round(long.Parse(memKb, CultureInfo.InvariantCulture) / 1024.0 / 1024.0, 1), cpu,
            LoadAverageNow(), File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription);
    }

    public static string LoadAverageNow() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
