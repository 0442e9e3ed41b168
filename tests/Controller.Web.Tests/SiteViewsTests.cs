using ScenarioEngine.Delivery;
using ScenarioEngine.Devices;
using ScenarioEngine.Evidence;
using ScenarioEngine.Exercises;
using ScenarioEngine.Grains.SiteControl;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Web.SiteControl;

namespace ScenarioEngine.Web.Tests;

/// <summary>The pure rules of what belongs to a site: who a site's STOP is for, which calls and disclosures a site controller sees.</summary>
public sealed class SiteViewsTests
{
    private static readonly ExerciseId Exercise = new("ex-site");

    private static readonly ScenarioDefinition Scenario = ScenarioLoader.Parse(SiteControllerTests.SiteDrill, "site-drill.yaml");

    [Fact]
    public void Site_stop_is_for_the_sites_actors_and_only_the_known_teams_on_site()
    {
        var recipients = SiteRules.StopRecipients(Exercise, Scenario, "site-1", ["team-b", "no-such-team"]);

        Assert.Equal([RecipientAddress.Actor(Exercise, "witness"), RecipientAddress.Team(Exercise, "team-b")], recipients);
    }

    [Fact]
    public void Site_stop_message_names_the_site_in_each_language()
    {
        var message = SiteRules.StopMessage(Scenario, Scenario.Sites[0]);

        Assert.Contains("Warehouse", message["en"], StringComparison.Ordinal);
        Assert.Contains("Склад", message["ru"], StringComparison.Ordinal);
    }

    [Fact]
    public void Site_view_leaves_out_other_sites_actors_calls_and_disclosures()
    {
        var sources = new SiteSources
        {
            Snapshot = new ExerciseSnapshot
            {
                ExerciseId = Exercise.Value,
                Title = Scenario.Title,
                Status = ClockStatus.Running,
                ScenarioTime = TimeSpan.Zero,
                Speed = 1,
                Injects = [],
                JoinCodes = [],
                AsOf = DateTimeOffset.UnixEpoch,
            },
            Scenario = Scenario,
            Deliveries = [],
            Devices = [],
            Signals = [],
            Calls = [Call("c-here", "witness"), Call("c-there", "farmer")],
            Disclosures = [Disclosure("witness"), Disclosure("farmer")],
            EvidenceScans =
            [
                Scan(1, "team-a", "site-1", EvidenceScanOutcome.Found),
                Scan(2, "team-a", "site-1", EvidenceScanOutcome.AlreadyFound),
                Scan(3, "team-b", "site-1", EvidenceScanOutcome.NotYet),
                Scan(4, "team-b", "site-2", EvidenceScanOutcome.Found),
            ],
        };

        var view = SiteViews.Build(sources, "site-1", ["team-a"]);

        Assert.Equal(["witness"], view.Actors.Select(a => a.Id));
        Assert.Equal(["c-here"], view.Actors.SelectMany(a => a.Calls).Select(c => c.Call.CallId));
        Assert.Equal(["witness"], view.Disclosures.Select(d => d.ActorId));
        Assert.Equal([true, false], view.Teams.Select(t => t.OnSite));
        Assert.Equal([("team-a", "ledger")], view.Evidence.Select(e => (e.TeamId, e.ItemId)));
    }

    private static EvidenceScanRecord Scan(long sequence, string team, string site, EvidenceScanOutcome outcome) => new()
    {
        Sequence = sequence,
        ScanId = $"scan-{sequence}",
        TeamId = team,
        DeviceId = $"d-{team}",
        DeviceName = team,
        ItemId = "ledger",
        SiteId = site,
        Outcome = outcome,
        ScannedAt = DateTimeOffset.UnixEpoch.AddMinutes(sequence),
    };

    private static ControllerCallRecord Call(string id, string actor) => new()
    {
        Call = new ControllerCall { CallId = id },
        DeviceId = $"d-{actor}",
        DeviceName = actor,
        Recipient = RecipientAddress.Actor(Exercise, actor),
        At = DateTimeOffset.UnixEpoch,
    };

    private static DisclosureRecord Disclosure(string actor) => new()
    {
        ActorId = actor,
        InjectNumber = "C1",
        GateId = "g",
        TeamId = "team-a",
        At = DateTimeOffset.UnixEpoch,
        ScenarioTime = TimeSpan.Zero,
        GateOpen = true,
        DeviceName = actor,
    };
}
