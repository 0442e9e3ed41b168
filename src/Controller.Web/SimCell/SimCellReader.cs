using ScenarioEngine.Delivery;
using ScenarioEngine.Exercises;
using ScenarioEngine.SimCell;

namespace ScenarioEngine.Web.SimCell;

/// <summary>What the SimCell desk shows: the open requests, every thread, the ad-hoc injects sent.</summary>
public sealed record SimCellDesk
{
    public required IReadOnlyList<OpenRequest> Open { get; init; }
    public required IReadOnlyList<ThreadView> Threads { get; init; }
    public required IReadOnlyList<StoredAdHoc> AdHoc { get; init; }
}

/// <summary>What a team's phones hold: its mailbox (the inbox) and its threads. Read-only: nothing is marked delivered or seen.</summary>
public sealed record TeamView
{
    public required string TeamId { get; init; }
    public required IReadOnlyList<DeliveredMessage> Inbox { get; init; }
    public required IReadOnlyList<ThreadView> Threads { get; init; }
}

/// <summary>Reads the SimCell's logs and a team's mailbox from the grains, for the dashboard and the API alike.</summary>
public sealed class SimCellReader(IGrainFactory grains)
{
    public async Task<SimCellDesk> DeskAsync(string exerciseId)
    {
        var queue = grains.GetGrain<ISimCellQueueGrain>(exerciseId);
        var messages = grains.GetGrain<IPersonaMessagesGrain>(exerciseId);
        var open = queue.GetOpen();
        var requests = Paging.ReadAllToListAsync(queue.GetRequests, Paging.MaxPageSize);
        var replies = Paging.ReadAllToListAsync(messages.GetReplies, Paging.MaxPageSize);
        var adHoc = Paging.ReadAllToListAsync(messages.GetAdHoc, Paging.MaxPageSize);
        return new SimCellDesk
        {
            Open = await open,
            Threads = ThreadBuilder.ForDesk(await requests, await replies, await adHoc),
            AdHoc = await adHoc,
        };
    }

    /// <summary>Null when the exercise or the team does not exist.</summary>
    public async Task<TeamView?> TeamAsync(string exerciseId, string teamId)
    {
        if (await grains.GetGrain<IExerciseGrain>(exerciseId).GetScenario() is not { } scenario || scenario.Teams.All(t => t.Id != teamId))
        {
            return null;
        }

        var mailbox = grains.GetGrain<IMailboxGrain>(RecipientAddress.Team(new ExerciseId(exerciseId), teamId).GrainKey);
        var inbox = Paging.ReadAllToListAsync(async (after, max) => (await mailbox.ReadAfter(after, max)).Messages, Paging.MaxPageSize);
        var requests = Paging.ReadAllToListAsync(grains.GetGrain<ISimCellQueueGrain>(exerciseId).GetRequests, Paging.MaxPageSize);
        var messages = await inbox;
        return new TeamView
        {
            TeamId = teamId,
            Inbox = messages,
            Threads = ThreadBuilder.ForTeam(teamId, await requests, messages),
        };
    }
}
