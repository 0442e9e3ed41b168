using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ScenarioEngine.Bench.Measure;

/// <summary>
/// The objects of a server, type by type. A snapshot before the clients connect and one after,
/// both right after a full blocking GC, subtracted and divided by the connections, say what each
/// connection keeps alive; the same for bare SignalR (B1) in the same run says which of it is
/// SignalR's own. Only objects reachable from the GC's roots are counted (<see cref="Reachable"/>). The
/// bytes are summed with ClrMD over a heap dump written by the runtime's createdump: the
/// <c>dotnet-gcdump report</c> of this version prints one object's size per type (6,576 strings
/// "22 bytes"), so its totals are wrong for every type of more than one object. The .gcdump is
/// still written beside the results (when the tool is installed: <c>dotnet tool install -g
/// dotnet-gcdump</c>) for PerfView or Visual Studio, with its report for the object counts.
/// </summary>
public static class GcDump
{
    /// <summary>The byte arrays of free blocks in Kestrel's memory pool, counted apart from <c>System.Byte[]</c>.</summary>
    public const string FreePoolBlocks = "System.Byte[] of free blocks in Kestrel's memory pool";

    private const string PoolQueueSlots = "System.Collections.Concurrent.ConcurrentQueueSegment<Microsoft.AspNetCore.MemoryPoolBlock>+Slot[]";

    /// <summary>Bytes and object count per type, from one dump.</summary>
    public sealed record Heap(IReadOnlyDictionary<string, (long Bytes, long Count)> Types);

    public static async Task<Heap?> CollectAsync(int pid, string directory, string name)
    {
        Directory.CreateDirectory(directory);
        if (Find() is { } tool)
        {
            // Collecting a gcdump also runs a full blocking GC, so the heap dump below holds little garbage.
            var file = Path.Combine(directory, name + ".gcdump");
            if (await RunAsync(tool, ["collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", file]) is not null
                && await RunAsync(tool, ["report", file]) is { } report)
            {
                await File.WriteAllTextAsync(Path.ChangeExtension(file, ".txt"), report);
            }
        }
        else
        {
            Log.Line("dotnet-gcdump not found (dotnet tool install -g dotnet-gcdump); the ClrMD sums are taken after the harness's own induced GC");
        }

        return await WalkAsync(pid, directory);
    }

    /// <summary>
    /// Sums the process's heap by type. The runtime's own createdump writes a heap dump (a second or two
    /// of suspension) that ClrMD then reads from the file: walking the live process instead reads every
    /// object through ptrace and held a 10,000-connection server stopped for minutes.
    /// </summary>
    private static async Task<Heap?> WalkAsync(int pid, string directory)
    {
        var runtimeFolder = RuntimeFolder(pid);
        if (runtimeFolder is null)
        {
            Log.Line($"no .NET runtime found in process {pid}'s memory map; no heap by type");
            return null;
        }

        var dump = Path.Combine(directory, $"heap-{pid}.dmp");
        try
        {
            if (await RunAsync(Path.Combine(runtimeFolder, "createdump"), ["--withheap", "-f", dump, pid.ToString(CultureInfo.InvariantCulture)]) is null)
            {
                return null;
            }

            return await Task.Run(() => Sum(dump, Path.Combine(runtimeFolder, "libmscordaccore.so")));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Log.Line($"could not read the heap of process {pid}: {e.GetType().Name}: {e.Message}");
            return null;
        }
        finally
        {
            File.Delete(dump);
        }
    }

    private static Heap Sum(string dump, string dac)
    {
        using var target = Microsoft.Diagnostics.Runtime.DataTarget.LoadDump(dump);

        // ClrMD does not look for the DAC in the runtime's folder on Linux and reads the runtime's version
        // there as 0.0, so the version check is skipped: the DAC comes from the dumped runtime's own folder.
        using var runtime = target.ClrVersions[0].CreateRuntime(dac, ignoreMismatch: true);
        var live = Reachable(runtime.Heap);
        var types = new Dictionary<string, (long Bytes, long Count)>(StringComparer.Ordinal);
        var queuedBlocks = new List<Microsoft.Diagnostics.Runtime.ClrObject>();
        foreach (var item in runtime.Heap.EnumerateObjects())
        {
            if (!item.IsValid || item.IsFree || !live.Contains(item.Address))
            {
                continue;
            }

            var type = item.Type?.Name ?? "?";
            var (bytes, count) = types.GetValueOrDefault(type);
            types[type] = (bytes + (long)item.Size, count + 1);
            if (type == PoolQueueSlots)
            {
                queuedBlocks.AddRange(item.EnumerateReferences());
            }
        }

        // Blocks waiting in the pool's queue belong to no connection (a dequeued slot is cleared): the
        // spare capacity left by the last burst of pushes, which .NET 10 evicts when the server is idle.
        var free = queuedBlocks
            .SelectMany(block => block.EnumerateReferences())
            .Where(array => array.Type?.Name == "System.Byte[]")
            .DistinctBy(array => array.Address)
            .Aggregate((Bytes: 0L, Count: 0L), (sum, array) => (sum.Bytes + (long)array.Size, sum.Count + 1));
        if (free.Count > 0)
        {
            var arrays = types["System.Byte[]"];
            types["System.Byte[]"] = (arrays.Bytes - free.Bytes, arrays.Count - free.Count);
            types[FreePoolBlocks] = free;
        }

        return new Heap(types);
    }

    /// <summary>
    /// The objects reachable from the GC's roots. The dump is written a second or more after the full GC
    /// (at 10,000 connections, several), and the server allocates meanwhile: without this, whatever it
    /// threw away in that gap (pings, metrics, grain messages) was counted as kept by the connections.
    /// </summary>
    private static HashSet<ulong> Reachable(Microsoft.Diagnostics.Runtime.ClrHeap heap)
    {
        var live = new HashSet<ulong>();
        var pending = new Stack<Microsoft.Diagnostics.Runtime.ClrObject>();
        foreach (var root in heap.EnumerateRoots())
        {
            if (root.Object.IsValid && live.Add(root.Object.Address))
            {
                pending.Push(root.Object);
            }
        }

        while (pending.TryPop(out var item))
        {
            foreach (var reference in item.EnumerateReferences(carefully: true))
            {
                if (reference.IsValid && live.Add(reference.Address))
                {
                    pending.Push(reference);
                }
            }
        }

        return live;
    }

    private static string? RuntimeFolder(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/maps").FirstOrDefault(l => l.EndsWith("/libcoreclr.so", StringComparison.Ordinal));
            return line is null ? null : Path.GetDirectoryName(line[line.IndexOf('/', StringComparison.Ordinal)..]);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Bytes per connection by type, (after − before) / connections, for each target, side by side
    /// with the baseline target; the largest differences from the baseline first.
    /// </summary>
    public static string Compare(string baselineName, (Heap Before, Heap After) baseline, string targetName, (Heap Before, Heap After) target, int connections, int top = 40)
    {
        static Dictionary<string, double> PerConnection((Heap Before, Heap After) dumps, int n) =>
            dumps.After.Types.Keys.Union(dumps.Before.Types.Keys).ToDictionary(
                t => t,
                t => (dumps.After.Types.GetValueOrDefault(t).Bytes - dumps.Before.Types.GetValueOrDefault(t).Bytes) / (double)n);

        var b = PerConnection(baseline, connections);
        var s = PerConnection(target, connections);
        var rows = s.Keys.Union(b.Keys)
            .Select(t => (Type: t, Target: s.GetValueOrDefault(t), Baseline: b.GetValueOrDefault(t)))
            .OrderByDescending(r => r.Target - r.Baseline)
            .ToList();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"| type | {targetName} B/conn | {baselineName} B/conn | difference |");
        text.AppendLine("|---|---:|---:|---:|");
        foreach (var (type, t, bl) in rows.Take(top))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| `{type.Replace("|", "\\|", StringComparison.Ordinal)}` | {t:0} | {bl:0} | {t - bl:+0;-0;0} |");
        }

        var totalTarget = s.Values.Sum();
        var totalBaseline = b.Values.Sum();
        text.AppendLine(CultureInfo.InvariantCulture, $"| **all types** | **{totalTarget:0}** | **{totalBaseline:0}** | **{totalTarget - totalBaseline:+0;-0;0}** |");
        var heldTarget = totalTarget - s.GetValueOrDefault(FreePoolBlocks);
        var heldBaseline = totalBaseline - b.GetValueOrDefault(FreePoolBlocks);
        text.AppendLine(CultureInfo.InvariantCulture, $"| **all types but free pool blocks** | **{heldTarget:0}** | **{heldBaseline:0}** | **{heldTarget - heldBaseline:+0;-0;0}** |");
        return text.ToString();
    }

    private static string? Find()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Append(Path.Combine(home, ".dotnet", "tools"))
            .Select(dir => Path.Combine(dir, "dotnet-gcdump"));
        return candidates.FirstOrDefault(File.Exists);
    }

    private static async Task<string?> RunAsync(string tool, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            Log.Line($"dotnet-gcdump {arguments[0]} took over 5 minutes; stopped");
            return null;
        }

        if (process.ExitCode != 0)
        {
            Log.Line($"dotnet-gcdump {arguments[0]} failed ({process.ExitCode}): {(await error).Trim()}");
            return null;
        }

        return await output;
    }
}
