using ScenarioEngine.Delivery;
using ScenarioEngine.Exercises;
using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Web.Dashboard;

/// <summary>
/// One line of the live feed; <paramref name="By"/> names the controller who did it, when one did.
/// <paramref name="Sequence"/> is the exercise log's sequence for a logged event, and
/// <paramref name="Inject"/> the inject it is about: the page carries both as data- attributes.
/// </summary>
public sealed record FeedItem(DateTimeOffset At, string Kind, string Text, string? By = null, long? Sequence = null, string? Inject = null);

/// <summary>Lines of the live feed a controller can hide: at thousands of devices they come at hundreds a second.</summary>
public enum FeedGroup
{
    Acknowledgements,
    Responses,
    Presence,
}

public static class FeedGroups
{
    /// <summary>The group a kind of line belongs to; none for the drill's own events (fires, signals, the clock…), which always show.</summary>
    public static FeedGroup? Of(string kind) => kind switch
    {
        "acknowledged" => FeedGroup.Acknowledgements,
        "responded" => FeedGroup.Responses,
        "joined" or "left" => FeedGroup.Presence,
        _ => null,
    };
}

/// <summary>How far an inject has got with its N recipients.</summary>
public sealed record InjectProgress(int Recipients, int Delivered, int Acknowledged, int Responded);

/// <summary>Questions the views ask of a board; pure, so they are tested without a browser.</summary>
public static class BoardQueries
{
    public static string RecipientName(this ExerciseBoard board, RecipientAddress recipient)
    {
        var name = recipient.Kind switch
        {
            RecipientKind.Team => board.Scenario.Teams.Find(t => t.Id == recipient.Id)?.Name,
            RecipientKind.Actor => board.Scenario.Actors.Find(a => a.Id == recipient.Id)?.Name,
            _ => board.Scenario.Evaluators.Find(e => e.Id == recipient.Id)?.Name,
        };
        return name is null ? recipient.Id : Text.Pick(name, board.Scenario.DefaultLanguage);
    }

    public static string RecipientName(this ExerciseBoard board, string grainKey) => board.RecipientName(RecipientAddress.Parse(grainKey));

    /// <summary>Every mailbox of the exercise: teams first, then actors, in scenario order.</summary>
    public static IReadOnlyList<RecipientAddress> AllRecipients(this ExerciseBoard board)
    {
        var exercise = new ExerciseId(board.Snapshot.ExerciseId);
        return board.Scenario.Teams.Select(t => RecipientAddress.Team(exercise, t.Id))
            .Concat(board.Scenario.Actors.Select(a => RecipientAddress.Actor(exercise, a.Id)))
            .ToList();
    }

    // Views ask for one (recipient, inject) at a time: for 200 teams × hundreds of injects a linear
    // search per cell made each render quadratic. One index per loaded board, shared by every circuit
    // showing it (an observer's copy of the board keeps the same deliveries list).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<RecipientDeliveries>, Dictionary<RecipientAddress, Dictionary<string, DeliveryProgress>>> ProgressIndexes = new();

    public static DeliveryProgress? Progress(this ExerciseBoard board, RecipientAddress recipient, string injectNumber) =>
        ProgressIndexes.GetValue(board.Deliveries, BuildIndex).TryGetValue(recipient, out var byInject) && byInject.TryGetValue(injectNumber, out var progress)
            ? progress
            : null;

    private static Dictionary<RecipientAddress, Dictionary<string, DeliveryProgress>> BuildIndex(IReadOnlyList<RecipientDeliveries> deliveries)
    {
        var index = new Dictionary<RecipientAddress, Dictionary<string, DeliveryProgress>>();
        foreach (var recipient in deliveries)
        {
            if (index.ContainsKey(recipient.Recipient))
            {
                continue;
            }

            var byInject = new Dictionary<string, DeliveryProgress>(StringComparer.Ordinal);
            foreach (var progress in recipient.Deliveries)
            {
                if (!byInject.TryGetValue(progress.InjectNumber, out var seen) || seen.Sequence < progress.Sequence)
                {
                    byInject[progress.InjectNumber] = progress;
                }
            }

            index.Add(recipient.Recipient, byInject);
        }

        return index;
    }

    public static InjectProgress Progress(this ExerciseBoard board, InjectView inject)
    {
        var entries = inject.Recipients
            .Select(key => board.Progress(RecipientAddress.Parse(key), inject.Number))
            .OfType<DeliveryProgress>()
            .ToList();
        return new InjectProgress(
            inject.Recipients.Count,
            entries.Count(p => p.DeliveredAt is not null),
            entries.Count(p => p.AcknowledgedAt is not null),
            entries.Count(p => p.RespondedAt is not null));
    }

    public static InjectDefinition? Definition(this ExerciseBoard board, string injectNumber) =>
        board.Scenario.Injects.Find(i => i.Number == injectNumber);

    /// <summary>Sites an inject concerns: named in its audience, or the site of an actor it goes to.</summary>
    public static IEnumerable<string> SitesOf(this ExerciseBoard board, InjectView inject)
    {
        var named = board.Definition(inject.Number)?.To.Sites ?? [];
        var actorSites = inject.Recipients.Select(RecipientAddress.Parse)
            .Where(r => r.Kind == RecipientKind.Actor)
            .Select(r => board.Scenario.Actors.Find(a => a.Id == r.Id)?.Site)
            .OfType<string>();
        return named.Concat(actorSites).Distinct();
    }

    /// <summary>Not fired yet and due within <paramref name="window"/> of the clock, or overdue.</summary>
    public static bool IsUpcoming(this InjectView inject, TimeSpan clock, TimeSpan window) =>
        inject.Status is InjectStatus.Pending or InjectStatus.Held && inject.DueAt is { } due && due <= clock + window;

    /// <summary>Pending and its time has come: it fires on the next clock tick.</summary>
    public static bool IsDue(this InjectView inject, TimeSpan clock) =>
        inject.Status == InjectStatus.Pending && inject.DueAt is { } due && due <= clock;

    /// <summary>The feed: responses, acknowledgements, disclosures and the exercise log, newest first.</summary>
    /// <param name="shown">Which lines to keep; the newest <paramref name="max"/> are counted among those kept.</param>
    public static IReadOnlyList<FeedItem> FeedItems(this ExerciseBoard board, IEnumerable<FeedItem> presence, int max = 300, Func<FeedItem, bool>? shown = null)
    {
        var items = new List<FeedItem>(presence);
        foreach (var recipient in board.Deliveries)
        {
            var name = board.RecipientName(recipient.Recipient);
            foreach (var p in recipient.Deliveries)
            {
                if (p.AcknowledgedAt is { } acked)
                {
                    items.Add(new FeedItem(acked, "acknowledged", $"{name} · {p.InjectNumber}"));
                }

                if (p.RespondedAt is { } responded)
                {
                    items.Add(new FeedItem(responded, "responded", $"{name} · {p.InjectNumber} ({p.ResponseCount})"));
                }
            }
        }

        items.AddRange(board.Disclosures.Select(d => new FeedItem(d.At, "disclosure",
            $"{board.RecipientName(RecipientAddress.Actor(new ExerciseId(board.Snapshot.ExerciseId), d.ActorId))} → {d.TeamId} · {d.GateId}{(d.GateOpen ? string.Empty : " ⚠")}")));
        items.AddRange(board.Events.Select(e => new FeedItem(e.At, e.Kind, string.Join(" · ", new[] { e.InjectNumber, e.Detail }.Where(s => !string.IsNullOrEmpty(s))), e.By, e.Sequence, e.InjectNumber)));
        items.AddRange(board.Calls.Select(c => new FeedItem(c.At, c.AnsweredAt is null ? "call" : "call.answered",
            $"{board.RecipientName(c.Recipient)} ({c.DeviceName}){(c.Call.Note is { Length: > 0 } note ? $": {note}" : string.Empty)}")));
        items.AddRange(board.Signals.Select(s => new FeedItem(s.Signal.IssuedAt, "signal", $"{s.Signal.Kind} · {s.AcknowledgedBy.Count}/{s.AcknowledgedBy.Count + s.NotAcknowledgedBy.Count}")));
        return items.Where(shown ?? (_ => true)).OrderByDescending(i => i.At).Take(max).ToList();
    }
}
