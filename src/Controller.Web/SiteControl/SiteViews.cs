using ScenarioEngine.Delivery;
using ScenarioEngine.Devices;
using ScenarioEngine.Evidence;
using ScenarioEngine.Exercises;
using ScenarioEngine.Grains.Exercises;
using ScenarioEngine.Grains.SiteControl;
using ScenarioEngine.Scenarios;
using ScenarioEngine.SiteControl;

namespace ScenarioEngine.Web.SiteControl;

/// <summary>Everything a site view is made from, read from the grains in one go.</summary>
public sealed record SiteSources
{
    public required ExerciseSnapshot Snapshot { get; init; }
    public required ScenarioDefinition Scenario { get; init; }
    public required IReadOnlyList<RecipientDeliveries> Deliveries { get; init; }
    public required IReadOnlyList<DevicePresence> Devices { get; init; }
    public required IReadOnlyList<SafetySignalStatus> Signals { get; init; }
    public required IReadOnlyList<ControllerCallRecord> Calls { get; init; }
    public required IReadOnlyList<DisclosureRecord> Disclosures { get; init; }

    /// <summary>The exercise's scan log (every site's; <see cref="SiteViews.Build"/> keeps one site's finds).</summary>
    public IReadOnlyList<EvidenceScanRecord> EvidenceScans { get; init; } = [];
}

/// <summary>Cuts one site out of an exercise. <see cref="Build"/> is pure: what a site controller sees is decided there and tested without a node.</summary>
public static class SiteViews
{
    public static async Task<SiteSources?> LoadAsync(IGrainFactory grains, string exerciseId)
    {
        var exercise = grains.GetGrain<IExerciseGrain>(exerciseId);
        var snapshot = exercise.GetSnapshot();
        var scenario = exercise.GetScenario();
        var deliveries = exercise.GetDeliveries();
        var devices = grains.GetGrain<IDeviceRosterGrain>(exerciseId).GetDevices();
        var signals = grains.GetGrain<ISafetySignalsGrain>(exerciseId).GetSignalStatus();
        var calls = grains.GetGrain<IControllerCallsGrain>(exerciseId).GetCalls();
        var disclosures = exercise.GetDisclosures();
        var scans = Paging.ReadAllToListAsync(grains.GetGrain<IEvidenceGrain>(exerciseId).ReadScans, Paging.MaxPageSize);
        if (await snapshot is not { } found || await scenario is not { } definition)
        {
            return null;
        }

        return new SiteSources
        {
            Snapshot = found,
            Scenario = definition,
            Deliveries = await deliveries,
            Devices = await devices,
            Signals = await signals,
            Calls = await calls,
            Disclosures = await disclosures,
            EvidenceScans = await scans,
        };
    }

    public static async Task<SiteView?> LoadAsync(IGrainFactory grains, string exerciseId, string siteId)
    {
        var teams = grains.GetGrain<ISiteControlGrain>(ISiteControlGrain.Key(new ExerciseId(exerciseId), siteId)).GetTeamsOnSite();
        return await LoadAsync(grains, exerciseId) is { } sources && sources.Scenario.Sites.Exists(s => s.Id == siteId)
            ? Build(sources, siteId, await teams)
            : null;
    }

    public static SiteView Build(SiteSources sources, string siteId, IReadOnlyList<string> teamsOnSite)
    {
        var scenario = sources.Scenario;
        var site = scenario.Sites.Single(s => s.Id == siteId);
        var exercise = new ExerciseId(sources.Snapshot.ExerciseId);
        var actorIds = SiteRules.ActorIds(scenario, siteId);
        var state = sources.Snapshot.Sites.FirstOrDefault(s => s.Id == siteId);
        return new SiteView
        {
            ExerciseId = exercise.Value,
            SiteId = siteId,
            Name = site.Name,
            Clock = sources.Snapshot.Status,
            State = state?.State,
            States = state?.States ?? site.States,
            Actors = scenario.Actors.Where(a => a.Site == siteId).Select(actor => Actor(sources, exercise, actor, siteId)).ToList(),
            Disclosures = sources.Disclosures.Where(d => actorIds.Contains(d.ActorId)).OrderByDescending(d => d.At).ToList(),
            Teams = scenario.Teams.Select(t => new SiteTeamView(
                t.Id,
                t.Name,
                teamsOnSite.Contains(t.Id),
                sources.Devices.Count(d => d.Recipient == RecipientAddress.Team(exercise, t.Id) && d.Connected && !d.Revoked))).ToList(),
            Stops = sources.Signals.Where(s => s.SiteId == siteId && s.ClearedAt is null).ToList(),
            Evidence = EvidenceFound(sources, siteId),
        };
    }

    /// <summary>Each team's first find of each of this site's items, newest first; a second scan of the same label is no news.</summary>
    private static List<SiteEvidenceFound> EvidenceFound(SiteSources sources, string siteId) =>
        sources.EvidenceScans
            .Where(s => s.SiteId == siteId && s.Outcome == EvidenceScanOutcome.Found && s.ItemId is not null)
            .GroupBy(s => (s.TeamId, s.ItemId))
            .Select(g => g.MinBy(s => s.Sequence)!)
            .Select(s => new SiteEvidenceFound(s.ItemId!, sources.Scenario.FindEvidence(s.ItemId)?.Name ?? new() { ["en"] = s.ItemId! }, s.TeamId, s.ScannedAt))
            .OrderByDescending(f => f.At)
            .ToList();

    private static SiteActorView Actor(SiteSources sources, ExerciseId exercise, ActorDefinition actor, string siteId)
    {
        var address = RecipientAddress.Actor(exercise, actor.Id);
        var latest = sources.Deliveries.FirstOrDefault(d => d.Recipient == address)?.Deliveries.MaxBy(p => p.Sequence);
        var next = sources.Snapshot.Injects
            .Where(i => i.Status is InjectStatus.Pending or InjectStatus.Held && i.Enabled)
            .Select(i => (View: i, Definition: sources.Scenario.Injects.Find(d => d.Number == i.Number)))
            .Where(p => p.Definition is { } d && InjectAudience.ActorIds(sources.Scenario, d).Contains(actor.Id))
            .OrderBy(p => p.View.DueAt ?? TimeSpan.MaxValue)
            .Select(p => Card(p.Definition!, null, p.View))
            .FirstOrDefault();
        return new SiteActorView
        {
            Id = actor.Id,
            Name = actor.Name,
            Role = actor.Role,
            Online = sources.Devices.Any(d => d.Recipient == address && d.Connected && !d.Revoked),
            Current = latest is not null && sources.Scenario.Injects.Find(d => d.Number == latest.InjectNumber) is { } current ? Card(current, latest.State, null) : null,
            Next = next,
            Calls = sources.Calls.Where(c => SiteRules.IsAtSite(c, sources.Scenario, siteId) && c.Recipient.Id == actor.Id).ToList(),
        };
    }

    private static SiteCueCard Card(InjectDefinition inject, DeliveryState? delivery, InjectView? view) => new()
    {
        Number = inject.Number,
        Subject = inject.Subject,
        Message = inject.Message,
        Delivery = delivery,
        Status = view?.Status,
        DueAt = view?.DueAt,
    };
}
