using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;

namespace ScenarioEngine.Bench.Measure;

/// <summary>
/// The managed heap of a server process after a full blocking collection, so "GC heap per
/// connection" is live objects and not garbage waiting for the next GC. The collection is induced
/// from outside through the runtime's diagnostics port (an EventPipe session with the GCHeapCollect
/// keyword, as dotnet-trace's gc-collect profile does); the size is then read from /metrics.
/// </summary>
public static class GcProbe
{
    private const long GcHeapCollectKeyword = 0x800000;
    private const long GcKeyword = 0x1;

    public static async Task<double?> HeapAfterFullGcAsync(int pid, Uri server)
    {
        try
        {
            var client = new DiagnosticsClient(pid);
            using var session = client.StartEventPipeSession(
                new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational, GcHeapCollectKeyword | GcKeyword), requestRundown: false);
            var drain = session.EventStream.CopyToAsync(Stream.Null);
            await Task.Delay(TimeSpan.FromSeconds(1));
            await session.StopAsync(CancellationToken.None);
            await drain.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        catch (Exception e) when (e is ServerNotAvailableException or UnsupportedCommandException or IOException or TimeoutException or ServerErrorException)
        {
            Log.Line($"could not induce a GC in process {pid}: {e.Message}");
        }

        return await Prometheus.GcHeapAsync(server);
    }
}
