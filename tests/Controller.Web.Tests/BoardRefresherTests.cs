using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ScenarioEngine.Exercises;
using ScenarioEngine.Web.Dashboard;

namespace ScenarioEngine.Web.Tests;

/// <summary>
/// The shared board refresher against a real web node's grains, with time moved by hand: however
/// many changes arrive, the board is read a bounded number of times and every page watching the
/// exercise gets the same board.
/// </summary>
public sealed class BoardRefresherTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task A_burst_of_a_thousand_changes_loads_the_board_at_most_three_times_and_ends_on_the_newest()
    {
        var (id, time, feed, refresher, loads) = await StartAsync();
        var boards = new List<ExerciseBoard?>();
        var (watch, first) = await refresher.WatchAsync(id, b => { lock (boards) { boards.Add(b); } });
        Assert.Equal(id, first!.Snapshot.ExerciseId);
        time.Advance(TimeSpan.FromSeconds(5));
        var before = loads.Count;

        await fixture.Controller.StartAsync(id);
        for (var i = 0; i < 1000; i++)
        {
            feed.Publish(new ExerciseId(id), DashboardEventKind.Progress);
        }

        await SettleAsync(time, loads);
        var loaded = loads.Count - before;
        Assert.InRange(loaded, 2, 3);
        // The last board the page got was read after the last change: it shows the started clock.
        Assert.Equal(ClockStatus.Running, boards[^1]!.Snapshot.Status);
        watch.Dispose();
    }

    [Fact]
    public async Task A_lone_change_after_a_quiet_spell_loads_at_once_without_waiting_for_the_interval()
    {
        var (id, time, feed, refresher, loads) = await StartAsync();
        var boards = new List<ExerciseBoard?>();
        var (watch, _) = await refresher.WatchAsync(id, b => { lock (boards) { boards.Add(b); } });
        time.Advance(TimeSpan.FromSeconds(5));
        var before = loads.Count;

        await fixture.Controller.StartAsync(id);
        feed.Publish(new ExerciseId(id), DashboardEventKind.Exercise);

        // No time has passed on the refresher's clock: the board arrives all the same. (Waiting for the
        // started board, not for a count: the first board's callback can land after WatchAsync returns.)
        await WaitUntilAsync(() => { lock (boards) { return boards.Any(b => b?.Snapshot.Status == ClockStatus.Running); } });
        Assert.Equal(1, loads.Count - before);
        watch.Dispose();
    }

    [Fact]
    public async Task Two_pages_on_one_exercise_share_one_load_per_change()
    {
        var (id, time, feed, refresher, loads) = await StartAsync();
        var first = new List<ExerciseBoard?>();
        var second = new List<ExerciseBoard?>();
        var (watchA, boardA) = await refresher.WatchAsync(id, b => { lock (first) { first.Add(b); } });
        var (watchB, boardB) = await refresher.WatchAsync(id, b => { lock (second) { second.Add(b); } });
        // The second page opened on a board nothing has changed since: it was not read again.
        Assert.Same(boardA, boardB);
        Assert.Equal(1, loads.Count);

        // Each page's callback saw the first board (at most once): the one both pages opened on.
        Assert.All(first.Concat(second), b => Assert.Same(boardA, b));
        first.Clear();
        second.Clear();

        time.Advance(TimeSpan.FromSeconds(5));
        feed.Publish(new ExerciseId(id), DashboardEventKind.Devices);
        await SettleAsync(time, loads);

        // Only boards after the opening one: the opening board's own callback can land late, after the
        // lists were cleared (seen once in a full CI run), and that one is allowed above.
        List<ExerciseBoard?> NewOnes(List<ExerciseBoard?> boards)
        {
            lock (boards)
            {
                return boards.Where(b => !ReferenceEquals(b, boardA)).ToList();
            }
        }

        Assert.Equal(2, loads.Count);
        var firstNew = Assert.Single(NewOnes(first));
        var secondNew = Assert.Single(NewOnes(second));
        Assert.Same(firstNew, secondNew);
        Assert.NotNull(firstNew);
        watchA.Dispose();
        watchB.Dispose();
    }

    [Fact]
    public async Task Changes_during_a_slow_load_bring_exactly_one_more_load_after_it()
    {
        var id = EmbeddedNodeFixture.NewExerciseId();
        await fixture.Controller.CreateExerciseAsync(id);
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-25T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var feed = new DashboardFeed(time, NullLogger<DashboardFeed>.Instance);
        var grains = fixture.Node.Services.GetRequiredService<IGrainFactory>();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        using var refresher = new BoardRefresher(
            async exercise =>
            {
                // The second load is held until the test opens the gate, as a slow Redis would hold it.
                if (Interlocked.Increment(ref started) == 2)
                {
                    await gate.Task;
                }

                return await BoardLoader.LoadAsync(grains, exercise);
            },
            feed, time, NullLogger<BoardRefresher>.Instance, Interval);
        var (watch, _) = await refresher.WatchAsync(id, _ => { });
        time.Advance(TimeSpan.FromSeconds(5));

        feed.Publish(new ExerciseId(id), DashboardEventKind.Progress);
        Assert.Equal(2, Volatile.Read(ref started));
        for (var i = 0; i < 500; i++)
        {
            feed.Publish(new ExerciseId(id), DashboardEventKind.Progress);
            time.Advance(TimeSpan.FromMilliseconds(10));
        }

        // Five seconds passed during the load; none started beside it.
        Assert.Equal(2, Volatile.Read(ref started));
        gate.SetResult();
        await WaitUntilAsync(() => Volatile.Read(ref started) == 3);
        time.Advance(TimeSpan.FromSeconds(5));
        await Task.Delay(200);
        Assert.Equal(3, Volatile.Read(ref started));
        watch.Dispose();
    }

    private async Task<(string Id, FakeTimeProvider Time, DashboardFeed Feed, BoardRefresher Refresher, LoadCount Loads)> StartAsync()
    {
        var id = EmbeddedNodeFixture.NewExerciseId();
        await fixture.Controller.CreateExerciseAsync(id);
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-25T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var feed = new DashboardFeed(time, NullLogger<DashboardFeed>.Instance);
        var grains = fixture.Node.Services.GetRequiredService<IGrainFactory>();
        var loads = new LoadCount();
        var refresher = new BoardRefresher(
            exercise =>
            {
                loads.Add();
                return BoardLoader.LoadAsync(grains, exercise);
            },
            feed, time, NullLogger<BoardRefresher>.Instance, Interval);
        return (id, time, feed, refresher, loads);
    }

    // Lets every started load finish and every scheduled one start, a bounded number of rounds.
    private static async Task SettleAsync(FakeTimeProvider time, LoadCount loads)
    {
        for (var round = 0; round < 10; round++)
        {
            var seen = loads.Count;
            await Task.Delay(150);
            time.Advance(Interval);
            await Task.Delay(150);
            if (loads.Count == seen)
            {
                return;
            }
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        // Bounded but generous: the node shares two cores with browser tests running beside it.
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }

    private sealed class LoadCount
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Add() => Interlocked.Increment(ref _count);
    }
}
