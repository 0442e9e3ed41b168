using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using ScenarioEngine.Bench.Clients;
using ScenarioEngine.Bench.Measure;
using ScenarioEngine.Bench.Report;
using ScenarioEngine.Bench.Targets;

namespace ScenarioEngine.Bench.Scenarios;

/// <summary>
/// One device floods the server as a leaked join code could (issue 12 §5): it opens more hub
/// connections than it may and calls Sync on each as fast as answers come, while hammering the
/// REST API with attachment checks and uploads. Injects keep flowing to everyone else; their p99
/// should stay within 2× of the run before the flood.
/// </summary>
public static class FloodScenario
{
    private const int FloodConnections = 8;

    public static async Task<FloodResult> RunAsync(ITarget target, BenchOptions options)
    {
        var clients = options.Smoke ? 20 : 200;
        var tracker = new InjectTracker();
        var endpoints = await target.PrepareAsync(clients + 1, options.Teams, options.Warmup + (2 * options.Injects), ClientKind.HubJson);
        var flooderEndpoint = endpoints[^1];
        await using var pool = await ClientPool.ConnectAsync(endpoints.Take(clients).ToList(), ClientKind.HubJson, tracker.OnArrival);
        var errors = 0;
        void OnError() => Interlocked.Increment(ref errors);

        await FanoutScenario.FireWindow(target, tracker, 1, options.Warmup, clients, options, OnError);
        var before = await FanoutScenario.FireWindow(target, tracker, 1 + options.Warmup, options.Injects, clients, options, OnError);

        using var stop = new CancellationTokenSource();
        var flood = new FloodCounts();
        var connections = new List<HubConnection>();
        for (var i = 0; i < FloodConnections; i++)
        {
            var connection = Connect(flooderEndpoint);
            try
            {
                await connection.StartAsync();
                await connection.InvokeAsync<JsonElement>("Sync", 0L, 500);
                connections.Add(connection);
            }
            catch (Exception)
            {
                flood.ConnectionsRefused++;
                await connection.DisposeAsync();
            }
        }

        var loops = connections.Select(c => HubFlood(c, flood, stop.Token))
            .Append(RestFlood(flooderEndpoint, flood, stop.Token))
            .ToList();
        var during = await FanoutScenario.FireWindow(target, tracker, 1 + options.Warmup + options.Injects, options.Injects, clients, options, OnError);
        await stop.CancelAsync();
        await Task.WhenAll(loops);
        foreach (var connection in connections)
        {
            await connection.DisposeAsync();
        }

        var result = new FloodResult
        {
            Target = target.Name,
            Clients = clients,
            Before = before.Latency,
            During = during.Latency,
            P99Ratio = Math.Round(during.Latency.P99 / before.Latency.P99, 2),
            MissingDuring = during.Missing,
            ConnectionsAccepted = connections.Count,
            ConnectionsRefused = flood.ConnectionsRefused,
            HubCallsServed = flood.HubServed,
            HubCallsRefused = flood.HubRefused,
            RestServed = flood.RestServed,
            RestRefused = flood.RestRefused,
            LoadAverage = MachineInfo.LoadAverageNow(),
        };
        Log.Line($"flood: others' p99 {result.Before.P99} -> {result.During.P99} ms (x{result.P99Ratio}), missing {result.MissingDuring}; flooder connections {result.ConnectionsAccepted} accepted / {result.ConnectionsRefused} refused, hub calls {result.HubCallsServed} served / {result.HubCallsRefused} refused, REST {result.RestServed} served / {result.RestRefused} refused (429/413)");
        return result;
    }

    private static HubConnection Connect(ClientEndpoint endpoint) =>
        new HubConnectionBuilder().WithUrl(endpoint.Url, options =>
        {
            options.AccessTokenProvider = () => Task.FromResult(endpoint.Token);
            options.Transports = HttpTransportType.WebSockets;
            options.SkipNegotiation = true;
        })
        .AddJsonProtocol(json => json.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)))
        .Build();

    private static async Task HubFlood(HubConnection connection, FloodCounts counts, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested && connection.State == HubConnectionState.Connected)
        {
            try
            {
                await connection.InvokeAsync<JsonElement>("Sync", 0L, 500, stop);
                Interlocked.Increment(ref counts.HubServed);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception)
            {
                Interlocked.Increment(ref counts.HubRefused);
            }
        }
    }

    private static async Task RestFlood(ClientEndpoint endpoint, FloodCounts counts, CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = new Uri(endpoint.Url, "/"), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", endpoint.Token);
        var photo = new byte[256 * 1024];
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            try
            {
                using var request = i % 2 == 0
                    ? new HttpRequestMessage(HttpMethod.Head, "/api/devices/messages/1/attachments/none")
                    : new HttpRequestMessage(HttpMethod.Put, $"/api/devices/attachments/{Guid.NewGuid()}") { Content = Photo(photo) };
                using var response = await http.SendAsync(request, stop);
                if ((int)response.StatusCode is 429 or 413)
                {
                    Interlocked.Increment(ref counts.RestRefused);
                }
                else
                {
                    Interlocked.Increment(ref counts.RestServed);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref counts.RestRefused);
            }
        }
    }

    private static ByteArrayContent Photo(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return content;
    }

    private sealed class FloodCounts
    {
        public int ConnectionsRefused;
        public int HubServed;
        public int HubRefused;
        public int RestServed;
        public int RestRefused;
    }
}
