using ScenarioEngine.Delivery;
using ScenarioEngine.SimCell;

namespace ScenarioEngine.Web.SimCell;

/// <summary>One line of a thread between a team and a persona.</summary>
public sealed record ThreadEntry
{
    public required DateTimeOffset At { get; init; }

    /// <summary>True for what the team wrote; false for what the persona (a controller) sent.</summary>
    public required bool FromTeam { get; init; }

    /// <summary>The message's number ("R3", "A1"); null for a team's request.</summary>
    public string? Number { get; init; }
    public required IReadOnlyDictionary<string, string> Text { get; init; }
    public IReadOnlyList<string> Attachments { get; init; } = [];

    /// <summary>The phone that wrote, or the controller who sent; null where the team's phone would not know it.</summary>
    public string? Who { get; init; }
}

public sealed record ThreadView
{
    public required string ThreadId { get; init; }
    public required string TeamId { get; init; }
    public required string PersonaId { get; init; }
    public required IReadOnlyList<ThreadEntry> Entries { get; init; }

    public DateTimeOffset LastAt => Entries.Count == 0 ? DateTimeOffset.MinValue : Entries[^1].At;
}

/// <summary>
/// Threads, one per team and persona, put together from the logs. Pure: the desk builds them from
/// the request, reply and ad-hoc logs (with who sent what); "view as a team" from the team's own
/// requests and mailbox, which is exactly what its phones hold.
/// </summary>
public static class ThreadBuilder
{
    public static IReadOnlyList<ThreadView> ForDesk(IEnumerable<StoredRequest> requests, IEnumerable<StoredReply> replies, IEnumerable<StoredAdHoc> adHoc)
    {
        var entries = requests.Select(r => (r.TeamId, r.PersonaId, Entry: Asked(r)))
            .Concat(replies.Select(r => (r.Reply.TeamId, r.Reply.PersonaId, Entry: new ThreadEntry
            {
                At = r.SentAt,
                FromTeam = false,
                Number = $"R{r.Sequence}",
                Text = r.Text,
                Attachments = r.Reply.Attachments,
                Who = r.Reply.Controller,
            })))
            .Concat(adHoc.SelectMany(a => a.Message.Teams.Select(team => (TeamId: team, a.Message.PersonaId, Entry: new ThreadEntry
            {
                At = a.SentAt,
                FromTeam = false,
                Number = a.Number,
                Text = a.Message.Text,
                Attachments = a.Message.Attachments,
                Who = a.Message.Controller,
            }))));
        return Group(entries);
    }

    public static IReadOnlyList<ThreadView> ForTeam(string teamId, IEnumerable<StoredRequest> requests, IEnumerable<DeliveredMessage> mailbox)
    {
        var entries = requests.Where(r => r.TeamId == teamId).Select(r => (r.TeamId, r.PersonaId, Entry: Asked(r)))
            .Concat(mailbox.Where(m => m.Kind == MessageKind.Reply && m.Persona is not null).Select(m => (TeamId: teamId, PersonaId: m.Persona!.Id, Entry: new ThreadEntry
            {
                At = m.FiredAt,
                FromTeam = false,
                Number = m.InjectNumber,
                Text = m.Message,
                Attachments = m.Attachments.Select(a => a.Id).ToList(),
            })));
        return Group(entries);
    }

    private static ThreadEntry Asked(StoredRequest request) => new()
    {
        At = request.StoredAt,
        FromTeam = true,
        Text = new Dictionary<string, string> { [string.Empty] = request.Text },
        Attachments = request.AttachmentIds,
        Who = request.DeviceName,
    };

    private static List<ThreadView> Group(IEnumerable<(string TeamId, string PersonaId, ThreadEntry Entry)> entries) =>
        entries
            .GroupBy(e => Threads.Id(e.TeamId, e.PersonaId), StringComparer.Ordinal)
            .Select(g => new ThreadView
            {
                ThreadId = g.Key,
                TeamId = g.First().TeamId,
                PersonaId = g.First().PersonaId,
                Entries = g.Select(e => e.Entry).OrderBy(e => e.At).ToList(),
            })
            .OrderByDescending(t => t.LastAt)
            .ToList();
}
