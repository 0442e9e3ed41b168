using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using ScenarioEngine.Bench.Clients;
using ScenarioEngine.Bench.Measure;
using ScenarioEngine.Bench.Report;
using ScenarioEngine.Bench.Targets;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Bench.Scenarios;

/// <summary>
/// The control room at scale (issue 16 §1): N raw SignalR devices in T teams, an inject to everyone
/// every 2 s, responses at 200/s, and K real headless Chromium pages signed in to the control room,
/// each on one view (timeline, matrix, feed, timeline, matrix…). Per page: the time from the
/// harness's fire to the moment the browser put that inject on the page (a MutationObserver in the
/// page notes Date.now(); same machine, same wall clock), and the longest main-thread task (a frozen
/// browser). For the web process: CPU and GC allocation rate over the window; K = 0 in the same run is
/// the baseline, so the circuits' share is CPU(K) − CPU(0).
/// </summary>
public static class ControlRoomScenario
{
    public const double TargetP95Milliseconds = 1000;

    /// <summary>The circuits' share of the web node, in % of one core.</summary>
    public const double TargetCircuitCpuPercent = 25;

    public const int InjectIntervalMs = 2000;

    private static readonly string[] Views = ["timeline", "matrix", "feed"];

    // Notes the first Date.now() at which each view shows each fired inject: the timeline row turns
    // "fired", the matrix gains its row, the feed its "inject.fired" line. The matrix and the feed list
    // newest first, so a page left at its top, as a controller following the drill leaves it, gets
    // each new row in view.
    private const string InitScript =
        """
        (() => {
          const seen = {};
          let longest = 0, longTasks = 0;
          window.__controlRoom = { seen, longest: () => longest, longTasks: () => longTasks };
          const note = (n, now) => { if (n && !(n in seen)) seen[n] = now; };
          const check = () => {
            const now = Date.now();
            for (const el of document.querySelectorAll('tr[data-testid^="inject-"][data-status="fired"]')) note(el.dataset.testid.slice(7), now);
            for (const el of document.querySelectorAll('tr[data-testid^="matrix-"]')) note(el.dataset.testid.slice(7), now);
            for (const el of document.querySelectorAll('li.feed-inject-fired[data-inject]')) note(el.dataset.inject, now);
          };
          new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status', 'data-testid', 'data-inject'] });
          try {
            new PerformanceObserver(list => { for (const e of list.getEntries()) { longTasks++; longest = Math.max(longest, e.duration); } })
              .observe({ type: 'longtask', buffered: true });
          } catch { }
        })();
        """;

    public static async Task<List<ControlRoomResult>> RunAsync(EngineTarget target, BenchOptions options)
    {
        var clients = options.ControlRoomClients ?? (options.Smoke ? 20 : 5000);
        var teams = Math.Min(options.ControlRoomTeams ?? (options.Smoke ? 2 : 200), clients);
        var window = TimeSpan.FromSeconds(options.ControlRoomSeconds ?? (options.Smoke ? 6 : 30));
        var warmup = TimeSpan.FromSeconds(options.Smoke ? 2 : 6);
        var responsesPerSecond = options.Smoke ? 20 : 200;
        var pageCounts = options.Pages;
        var injectsPerStep = (int)Math.Ceiling((window + warmup).TotalMilliseconds / InjectIntervalMs) + 1;
        var totalInjects = injectsPerStep * pageCounts.Count;

        var endpoints = await target.PrepareAsync(clients, teams, totalInjects, ClientKind.RawSignalR);
        await target.Controller.StartAsync(target.ExerciseId);
        var lastSequence = new long[clients];
        var received = new int[clients];
        await using var pool = await ClientPool.ConnectAsync(endpoints, ClientKind.RawSignalR, (client, _, sequence, _) =>
        {
            Volatile.Write(ref lastSequence[client], sequence);
            Interlocked.Increment(ref received[client]);
        });
        Log.Line($"{target.Name} control room: {pool.OpenCount}/{clients} devices in {teams} teams connected; pages {string.Join(",", pageCounts)}; {window.TotalSeconds:0} s measured per step");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = HeadlessChromium.RequireInstalled(),
            Headless = true,
            Args = HeadlessChromium.Args,
        });

        var web = target.Servers[^1];
        var results = new List<ControlRoomResult>();
        var next = 1;
        foreach (var pages in pageCounts)
        {
            var step = await StepAsync(target, web, browser, pool, lastSequence, pages, next, injectsPerStep, warmup, window, responsesPerSecond, clients, teams, options.FeedHide);
            next += injectsPerStep;
            results.Add(step);
        }

        // The last step without pages: the first step of a run also pays for the web process's JIT and
        // tiering, so the default runs K = 0 first as a warm-up and again at the end as the baseline.
        var baseline = results.LastOrDefault(r => r.Pages == 0);
        foreach (var r in results)
        {
            r.CircuitCpuPercent = baseline is null ? null : Math.Round(r.WebCpuPercent - baseline.WebCpuPercent, 1);
            r.Judged = !options.Smoke;
        }

        return results;
    }

    private static async Task<ControlRoomResult> StepAsync(
        EngineTarget target, ProcessHost web, IBrowser browser, ClientPool pool, long[] lastSequence, int pageCount,
        int first, int injects, TimeSpan warmup, TimeSpan window, int responsesPerSecond, int clients, int teams, IReadOnlyList<string> feedHide)
    {
        var contexts = new List<IBrowserContext>();
        var pages = new List<(IPage Page, string View)>();
        try
        {
            for (var i = 0; i < pageCount; i++)
            {
                var view = Views[i % Views.Length];
                var context = await browser.NewContextAsync(new BrowserNewContextOptions
                {
                    BaseURL = web.BaseAddress.ToString(),
                    ViewportSize = new ViewportSize { Width = 1600, Height = 900 },
                    Locale = "en-GB",
                });
                context.SetDefaultTimeout(60_000);
                contexts.Add(context);
                await context.AddInitScriptAsync(InitScript);
                var page = await context.NewPageAsync();
                await SignInAsync(page);
                await page.GotoAsync($"/exercises/{target.ExerciseId}/{view}");
                await page.Locator("[data-testid=interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
                await page.GetByTestId($"view-{view}").WaitForAsync();
                if (view == "feed")
                {
                    foreach (var group in feedHide)
                    {
                        await page.GetByTestId($"feed-show-{group}").UncheckAsync();
                    }
                }

                pages.Add((page, view));
            }

            // Fires every 2 s for the warm-up and the window; responses at the offered rate throughout.
            var fired = new DateTimeOffset?[injects];
            var fireErrors = 0;
            var responses = 0;
            using var stopResponses = new CancellationTokenSource();
            var responding = RespondAsync(pool, lastSequence, responsesPerSecond, () => Interlocked.Increment(ref responses), stopResponses.Token);
            var warmInjects = (int)(warmup.TotalMilliseconds / InjectIntervalMs);
            var fires = new List<Task>();
            ProcessSample cpuBefore = default;
            double? allocatedBefore = null;
            var windowStarted = Stopwatch.GetTimestamp();
            await OpenLoop.RunAsync(injects, TimeSpan.FromMilliseconds(InjectIntervalMs), Stopwatch.GetTimestamp() + OpenLoop.Ticks(TimeSpan.FromMilliseconds(100)), (i, _) =>
            {
                if (i == warmInjects)
                {
                    cpuBefore = ProcessSample.Of(web.ProcessId!.Value);
                    windowStarted = Stopwatch.GetTimestamp();
                    allocatedBefore = AllocatedAsync(web.BaseAddress).GetAwaiter().GetResult();
                }

                fired[i] = DateTimeOffset.UtcNow;
                fires.Add(target.FireAsync(first + i).ContinueWith(t => { if (t.IsFaulted) { Interlocked.Increment(ref fireErrors); } }, TaskScheduler.Default));
            });

            // The last inject of the window has its interval to arrive, as every other had.
            await Task.Delay(InjectIntervalMs);
            var cpuAfter = ProcessSample.Of(web.ProcessId!.Value);
            var seconds = Stopwatch.GetElapsedTime(windowStarted).TotalSeconds;
            var allocatedAfter = await AllocatedAsync(web.BaseAddress);
            await stopResponses.CancelAsync();
            await responding;
            await Task.WhenAll(fires).WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

            var perPage = new List<ControlRoomPage>();
            foreach (var (page, view) in pages)
            {
                var seen = JsonSerializer.Deserialize<Dictionary<string, double>>(await page.EvaluateAsync<string>("JSON.stringify(window.__controlRoom.seen)")) ?? [];
                var longest = await page.EvaluateAsync<double>("window.__controlRoom.longest()");
                var longTasks = await page.EvaluateAsync<int>("window.__controlRoom.longTasks()");
                var latencies = new List<double>();
                var missing = 0;
                for (var i = warmInjects; i < injects; i++)
                {
                    var number = (first + i).ToString(CultureInfo.InvariantCulture);
                    if (fired[i] is { } at && seen.TryGetValue(number, out var shownAt))
                    {
                        latencies.Add(Math.Max(0, shownAt - at.ToUnixTimeMilliseconds()));
                    }
                    else
                    {
                        missing++;
                    }
                }

                perPage.Add(new ControlRoomPage
                {
                    View = view == "feed" && feedHide.Count > 0 ? $"feed without {string.Join(", ", feedHide)}" : view,
                    Shown = latencies.Count,
                    Missing = missing,
                    P50 = Percentile(latencies, 0.50),
                    P95 = Percentile(latencies, 0.95),
                    Max = latencies.Count == 0 ? double.NaN : latencies.Max(),
                    LongestTaskMs = Math.Round(longest),
                    LongTasks = longTasks,
                });
            }

            var result = new ControlRoomResult
            {
                Target = target.Name,
                Devices = clients,
                Teams = teams,
                Open = pool.OpenCount,
                Pages = pageCount,
                Injects = injects - warmInjects,
                FireErrors = fireErrors,
                ResponsesPerSecond = Math.Round(responses / (seconds + (warmup.TotalMilliseconds / 1000)), 1),
                PerPage = perPage,
                WebCpuPercent = Math.Round(ProcessSample.CpuPercent(cpuBefore, cpuAfter), 1),
                AllocatedMiBPerSecond = allocatedBefore is { } a && allocatedAfter is { } b && seconds > 0 ? Math.Round((b - a) / 1024 / 1024 / seconds, 1) : null,
                LoadAverage = MachineInfo.LoadAverageNow(),
            };
            Log.Line($"  K={pageCount}: web CPU {result.WebCpuPercent}%, alloc {result.AllocatedMiBPerSecond} MiB/s; "
                + string.Join("; ", perPage.Select(p => $"{p.View} p50 {p.P50} p95 {p.P95} max {p.Max} ms, missing {p.Missing}, longest task {p.LongestTaskMs} ms")));
            return result;
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.CloseAsync();
            }
        }
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/sign-in");
        await page.FillAsync("input[name='Input.UserName']", WebNode.ControllerUser);
        await page.FillAsync("input[name='Input.Password']", WebNode.ControllerPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
    }

    // Spread evenly: a tick every 10 ms sends its share, each from the next device that has an entry to answer.
    private static async Task RespondAsync(ClientPool pool, long[] lastSequence, int perSecond, Action counted, CancellationToken stop)
    {
        var raw = pool.Clients.OfType<RawClient>().ToList();
        var sent = 0L;
        var started = Stopwatch.GetTimestamp();
        var n = 0;
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        try
        {
            while (await tick.WaitForNextTickAsync(stop))
            {
                var due = (long)(Stopwatch.GetElapsedTime(started).TotalSeconds * perSecond);
                for (; sent < due; sent++)
                {
                    for (var tries = 0; tries < raw.Count; tries++)
                    {
                        var client = raw[n++ % raw.Count];
                        var sequence = Volatile.Read(ref lastSequence[client.Index]);
                        if (sequence > 0 && client.IsOpen)
                        {
                            _ = client.RespondAsync($"cr-{Guid.NewGuid():N}", sequence, "Seen; on our way.").ContinueWith(t => { if (t.IsCompletedSuccessfully) { counted(); } }, TaskScheduler.Default);
                            break;
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<double?> AllocatedAsync(Uri server) =>
        await Prometheus.SumAsync(server, "dotnet_gc_heap_total_allocated_bytes_total")
        ?? await Prometheus.SumAsync(server, "process_runtime_dotnet_gc_allocations_size_bytes_total");

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        return Math.Round(sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)]);
    }
}
