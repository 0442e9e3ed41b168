using System.Collections.Immutable;
using System.Diagnostics.Metrics;

namespace ScenarioEngine.Web.Dashboard;

/// <summary>Reads one exercise's board; <see cref="BoardLoader.LoadAsync"/> on a web node.</summary>
public delegate Task<ExerciseBoard?> LoadBoard(string exerciseId);

/// <summary>
/// One shared board per exercise on this web node. Under a stream of changes (an inject to 200
/// teams is 200 progress events, then thousands of receipts) every circuit reloading the whole
/// board for every change kept the node busy with identical reads; now the board is loaded at most
/// once per <see cref="Interval"/> while changes arrive and handed to every circuit watching it.
/// The first change after a quiet spell loads at once (a lone fire shows without waiting); a change
/// during a load or inside the interval schedules exactly one more load, at the interval's end.
/// </summary>
public sealed partial class BoardRefresher : IDisposable
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(300);

    private static readonly Meter Meter = new(ScenarioEngineTelemetry.MeterName);
    private static readonly Counter<long> LoadCounter = Meter.CreateCounter<long>("scenarioengine.dashboard.board_loads", description: "Whole-board loads by the shared dashboard refresher");

    private readonly LoadBoard _load;
    private readonly DashboardFeed _feed;
    private readonly TimeProvider _time;
    private readonly ILogger<BoardRefresher> _logger;
    private readonly Dictionary<string, Watched> _watched = new(StringComparer.Ordinal);
    private long _loads;

    public BoardRefresher(LoadBoard load, DashboardFeed feed, TimeProvider time, ILogger<BoardRefresher> logger, TimeSpan? interval = null)
    {
        _load = load;
        _feed = feed;
        _time = time;
        _logger = logger;
        Interval = interval ?? DefaultInterval;
        _feed.Changed += OnChanged;
    }

    /// <summary>The least time between the starts of two loads of one exercise's board.</summary>
    public TimeSpan Interval { get; }

    /// <summary>Boards loaded since start, all exercises.</summary>
    public long Loads => Interlocked.Read(ref _loads);

    /// <summary>
    /// Calls <paramref name="onBoard"/> with every board loaded for <paramref name="exerciseId"/> until
    /// the result is disposed, and returns the first: the current one if nothing changed since it
    /// was loaded, else the next. The callback runs on the loading thread: it must only hand the
    /// board to its circuit (and may skip boards it has no time for).
    /// </summary>
    public async Task<(IDisposable Subscription, ExerciseBoard? First)> WatchAsync(string exerciseId, Action<ExerciseBoard?> onBoard)
    {
        Watched watched;
        Task<ExerciseBoard?> first;
        var fresh = false;
        lock (_watched)
        {
            if (!_watched.TryGetValue(exerciseId, out watched!))
            {
                watched = new Watched(exerciseId);
                _watched.Add(exerciseId, watched);
            }

            watched.Handlers = watched.Handlers.Add(onBoard);
        }

        lock (watched)
        {
            if (watched.HasBoard && !watched.Stale && !watched.Loading && !watched.Scheduled)
            {
                first = Task.FromResult(watched.Board);
                fresh = true;
            }
            else
            {
                watched.Next ??= new TaskCompletionSource<ExerciseBoard?>(TaskCreationOptions.RunContinuationsAsynchronously);
                first = watched.Next.Task;
            }
        }

        var subscription = new Subscription(this, watched, onBoard);
        if (!fresh)
        {
            Request(watched);
        }

        try
        {
            return (subscription, await first);
        }
        catch
        {
            subscription.Dispose();
            throw;
        }
    }

    /// <summary>Asks for a new board soon (after a command this circuit ran), coalesced like any change.</summary>
    public void Refresh(string exerciseId)
    {
        Watched? watched;
        lock (_watched)
        {
            _watched.TryGetValue(exerciseId, out watched);
        }

        if (watched is not null)
        {
            Request(watched);
        }
    }

    private void OnChanged(DashboardEvent change) => Refresh(change.Exercise.Value);

    private void Request(Watched watched)
    {
        lock (watched)
        {
            watched.Stale = true;
            if (watched.Loading)
            {
                watched.Again = true;
                return;
            }

            if (watched.Scheduled || watched.Closed)
            {
                return;
            }

            var wait = watched.LastStart + Interval - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                Schedule(watched, wait);
                return;
            }

            Begin(watched);
        }

        _ = LoadAsync(watched);
    }

    // Under the watched lock.
    private void Schedule(Watched watched, TimeSpan wait)
    {
        watched.Scheduled = true;
        watched.Timer?.Dispose();
        watched.Timer = _time.CreateTimer(_ => Fire(watched), null, wait, Timeout.InfiniteTimeSpan);
    }

    private void Fire(Watched watched)
    {
        lock (watched)
        {
            watched.Scheduled = false;
            if (watched.Closed || watched.Loading)
            {
                return;
            }

            Begin(watched);
        }

        _ = LoadAsync(watched);
    }

    // Under the watched lock.
    private void Begin(Watched watched)
    {
        watched.Loading = true;
        watched.Stale = false;
        watched.LastStart = _time.GetUtcNow();
    }

    private async Task LoadAsync(Watched watched)
    {
        Interlocked.Increment(ref _loads);
        LoadCounter.Add(1);
        ExerciseBoard? board = null;
        Exception? failure = null;
        try
        {
            board = await _load(watched.ExerciseId);
        }
        catch (Exception e)
        {
            failure = e;
            LogLoadFailed(_logger, watched.ExerciseId, e);
        }

        TaskCompletionSource<ExerciseBoard?>? next;
        ImmutableList<Action<ExerciseBoard?>> handlers;
        var again = false;
        lock (watched)
        {
            watched.Loading = false;
            next = watched.Next;
            watched.Next = null;
            if (failure is null)
            {
                watched.Board = board;
                watched.HasBoard = true;
            }

            if (watched.Again && !watched.Closed)
            {
                watched.Again = false;
                var wait = watched.LastStart + Interval - _time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    Schedule(watched, wait);
                }
                else
                {
                    // The load took the whole interval: the next one starts now.
                    Begin(watched);
                    again = true;
                }
            }

            handlers = watched.Handlers;
        }

        if (again)
        {
            _ = LoadAsync(watched);
        }

        if (failure is not null)
        {
            next?.TrySetException(failure);
            return;
        }

        next?.TrySetResult(board);
        foreach (var handler in handlers)
        {
            try
            {
                handler(board);
            }
            catch (Exception e)
            {
                // One broken circuit must not keep the board from the others.
                LogHandlerFailed(_logger, e);
            }
        }
    }

    private void Unwatch(Watched watched, Action<ExerciseBoard?> handler)
    {
        lock (_watched)
        {
            watched.Handlers = watched.Handlers.Remove(handler);
            if (!watched.Handlers.IsEmpty)
            {
                return;
            }

            _watched.Remove(watched.ExerciseId);
        }

        lock (watched)
        {
            watched.Closed = true;
            watched.Timer?.Dispose();
            watched.Timer = null;
            watched.Next?.TrySetResult(watched.Board);
        }
    }

    public void Dispose()
    {
        _feed.Changed -= OnChanged;
        lock (_watched)
        {
            foreach (var watched in _watched.Values)
            {
                lock (watched)
                {
                    watched.Closed = true;
                    watched.Timer?.Dispose();
                }
            }

            _watched.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Loading the board of exercise {ExerciseId} failed")]
    private static partial void LogLoadFailed(ILogger logger, string exerciseId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A dashboard circuit failed to take a board")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception);

    /// <summary>One exercise's shared board and its load schedule; fields under its own lock, handlers under the dictionary's.</summary>
    private sealed class Watched(string exerciseId)
    {
        public string ExerciseId { get; } = exerciseId;

        public ImmutableList<Action<ExerciseBoard?>> Handlers { get; set; } = [];

        public bool Loading { get; set; }

        public bool Again { get; set; }

        public bool Scheduled { get; set; }

        public bool Stale { get; set; } = true;

        public bool Closed { get; set; }

        public DateTimeOffset LastStart { get; set; } = DateTimeOffset.MinValue;

        public ITimer? Timer { get; set; }

        public ExerciseBoard? Board { get; set; }

        public bool HasBoard { get; set; }

        public TaskCompletionSource<ExerciseBoard?>? Next { get; set; }
    }

    private sealed class Subscription(BoardRefresher owner, Watched watched, Action<ExerciseBoard?> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unwatch(watched, handler);
            }
        }
    }
}
