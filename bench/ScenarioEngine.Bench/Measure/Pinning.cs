using System.Diagnostics;
using System.Globalization;
using ScenarioEngine.Bench.Targets;

namespace ScenarioEngine.Bench.Measure;

/// <summary>
/// <c>--pin SERVERS:CLIENTS</c> (cpu lists as taskset takes them, e.g. <c>1:0</c>): every thread of
/// the target's server processes and of its redis-server on SERVERS, the harness and its clients on
/// CLIENTS. On two cores this gives B1 and B5 the same one core, so B5's extra hops and processes
/// are measured on the same budget and not mixed with the load generator's scheduling.
/// </summary>
public static class Pinning
{
    public static async Task ApplyAsync(ITarget target, string pin)
    {
        var parts = pin.Split(':');
        if (parts.Length != 2)
        {
            throw new ArgumentException($"--pin is SERVERS:CLIENTS, e.g. 1:0, not {pin}.");
        }

        var servers = target.Servers.Select(s => s.ProcessId).OfType<int>().ToList();
        if (target is EngineTarget { Redis: { } redis })
        {
            servers.AddRange(RedisPids(redis.Port));
        }

        foreach (var pid in servers)
        {
            await TasksetAsync(parts[0], pid);
        }

        await TasksetAsync(parts[1], Environment.ProcessId);
        Log.Line($"pinned {target.Name}'s {servers.Count} server processes to cpu {parts[0]}, the harness to cpu {parts[1]}");
    }

    private static IEnumerable<int> RedisPids(int port)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string command;
            try
            {
                command = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            // redis-server retitles itself "/usr/bin/redis-server 127.0.0.1:PORT" once it runs.
            var portText = port.ToString(CultureInfo.InvariantCulture);
            if (Path.GetFileName(command.Split(' ')[0]) == "redis-server"
                && (command.Contains($":{portText} ", StringComparison.Ordinal) || command.TrimEnd().EndsWith($":{portText}", StringComparison.Ordinal) || command.Contains($"--port {portText} ", StringComparison.Ordinal)))
            {
                yield return pid;
            }
        }
    }

    private static async Task TasksetAsync(string cpus, int pid)
    {
        // -a: every thread the process has now; threads started later inherit the mask.
        using var process = Process.Start(new ProcessStartInfo("taskset", ["-a", "-p", "-c", cpus, pid.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"taskset -a -p -c {cpus} {pid} failed: {await process.StandardError.ReadToEndAsync()}");
        }
    }
}
