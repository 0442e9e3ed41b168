using ScenarioEngine.Delivery;
using ScenarioEngine.Evidence;
using ScenarioEngine.Exercises;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Grains.Tests.Evidence;

/// <summary>Scanning evidence labels in an in-process cluster: once per scan id, one entry per item and team, conditions, other exercises' labels, onEvidence.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class EvidenceGrainTests(GrainCluster cluster)
{
    public const string Props = """
        evidence:
          - id: ledger
            site: site-1
            name: { en: "Ledger", ru: "Журнал" }
            hiddenAt: { en: "SPOILER-HIDING-PLACE", ru: "SPOILER-HIDING-PLACE" }
            text: { en: "Names and debts.", ru: "Имена и долги." }
          - id: key
            site: site-1
            name: { en: "Key", ru: "Ключ" }
            hiddenAt: { en: "On a nail", ru: "На гвозде" }
            text: { en: "A barn key.", ru: "Ключ от барака." }
            condition: { afterInject: "2" }

        """;

    public const string FoundLedger = """

          - number: "9"
            to: { teams: [team-a, team-b] }
            subject: { en: "About the ledger", ru: "О журнале" }
            message: { en: "Check the names.", ru: "Проверьте имена." }
            trigger: { onEvidence: { item: ledger, delay: "0:10:00" } }
        """;

    private static readonly DeviceIdentity Anna = new("phone-a", "Anna");

    [Fact]
    public async Task Scanning_a_label_twice_and_retrying_a_scan_give_the_team_one_entry_without_the_hiding_place()
    {
        var (id, evidence) = await Exercise();
        var code = (await evidence.GetLabels()).Single(l => l.ItemId == "ledger").Code;

        var first = await evidence.Scan("team-a", new EvidenceScan { ScanId = "s-1", Code = code }, Anna);
        var retry = await evidence.Scan("team-a", new EvidenceScan { ScanId = "s-1", Code = code }, Anna);
        var again = await evidence.Scan("team-a", new EvidenceScan { ScanId = "s-2", Code = code }, Anna);

        Assert.Equal((EvidenceScanOutcome.Found, false), (first.Outcome, first.Duplicate));
        Assert.Equal((EvidenceScanOutcome.Found, true, first.Sequence), (retry.Outcome, retry.Duplicate, retry.Sequence));
        Assert.Equal((EvidenceScanOutcome.AlreadyFound, false, first.Sequence), (again.Outcome, again.Duplicate, again.Sequence));
        var entry = Assert.Single(await Inbox(id, "team-a"), m => m.Kind == MessageKind.Evidence);
        Assert.Equal(("Ledger", "Names and debts.", "Warehouse", first.Sequence), (entry.Subject["en"], entry.Message["en"], entry.From["en"], (long?)entry.Sequence));
        Assert.DoesNotContain("SPOILER", System.Text.Json.JsonSerializer.Serialize(entry), StringComparison.Ordinal);
        Assert.Equal(["s-1", "s-2"], (await evidence.ReadScans(0, 100)).Select(s => s.ScanId));
        Assert.Empty(await Inbox(id, "team-b"));
    }

    [Fact]
    public async Task A_scan_before_the_condition_holds_answers_not_yet_is_logged_and_a_later_scan_finds_the_item()
    {
        var (id, evidence) = await Exercise();
        var code = (await evidence.GetLabels()).Single(l => l.ItemId == "key").Code;

        var early = await evidence.Scan("team-b", new EvidenceScan { ScanId = "s-1", Code = code }, Anna);
        await WaitForEventAsync(id, e => e.Kind == ExerciseEvents.EvidenceNotYet);
        await cluster.Grains.GetGrain<IExerciseGrain>(id).FireNow("2", "director");
        var later = await evidence.Scan("team-b", new EvidenceScan { ScanId = "s-2", Code = code }, Anna);

        Assert.Equal((EvidenceScanOutcome.NotYet, null, null), (early.Outcome, early.Item, early.Sequence));
        Assert.Equal(EvidenceScanOutcome.Found, later.Outcome);
        var logged = await evidence.ReadScans(0, 100);
        Assert.Equal([EvidenceScanOutcome.NotYet, EvidenceScanOutcome.Found], logged.Select(s => s.Outcome));
        Assert.All(logged, s => Assert.Equal(("team-b", "key", "site-1", "Anna"), (s.TeamId, s.ItemId, s.SiteId, s.DeviceName)));
        Assert.Single(await Inbox(id, "team-b"), m => m.Kind == MessageKind.Evidence);
    }

    [Fact]
    public async Task Another_exercises_label_of_the_same_scenario_does_nothing_here()
    {
        var (id, evidence) = await Exercise();
        var (_, other) = await Exercise();
        var foreign = (await other.GetLabels()).Single(l => l.ItemId == "ledger").Code;

        var receipt = await evidence.Scan("team-a", new EvidenceScan { ScanId = "s-1", Code = foreign }, Anna);

        Assert.Equal(EvidenceScanOutcome.NotThisExercise, receipt.Outcome);
        Assert.DoesNotContain(await Inbox(id, "team-a"), m => m.Kind == MessageKind.Evidence);
        Assert.Null(Assert.Single(await evidence.ReadScans(0, 100)).ItemId);
    }

    [Fact]
    public async Task Finding_an_item_owes_the_onEvidence_inject_to_the_finding_team_after_its_delay()
    {
        var (id, evidence) = await Exercise();
        var exercise = cluster.Grains.GetGrain<IExerciseGrain>(id);
        var code = (await evidence.GetLabels()).Single(l => l.ItemId == "ledger").Code;

        await evidence.Scan("team-b", new EvidenceScan { ScanId = "s-1", Code = code }, Anna);
        var found = await WaitForEventAsync(id, e => e.Kind == ExerciseEvents.EvidenceFound);
        var triggered = await WaitForEventAsync(id, e => e.Kind == ExerciseEvents.InjectTriggered && e.InjectNumber == "9");
        await exercise.JumpTo(triggered.ScenarioTime + TimeSpan.FromMinutes(10), "director");

        Assert.Contains("ledger at site-1 by team-b", found.Detail, StringComparison.Ordinal);
        Assert.Single(await Inbox(id, "team-b"), m => m.InjectNumber == "9");
        Assert.DoesNotContain(await Inbox(id, "team-a"), m => m.InjectNumber == "9");
    }

    private async Task<(string Id, IEvidenceGrain Evidence)> Exercise()
    {
        var id = GrainCluster.NewExerciseId();
        var scenario = ScenarioLoader.Parse(Props + TestScenarios.TwoTeamsOneActor + FoundLedger, "drill.yaml");
        var exercise = cluster.Grains.GetGrain<IExerciseGrain>(id);
        await exercise.Create(scenario);
        await exercise.Start("director");
        return (id, cluster.Grains.GetGrain<IEvidenceGrain>(id));
    }

    private async Task<IReadOnlyList<DeliveredMessage>> Inbox(string id, string team) =>
        (await cluster.Grains.GetGrain<IMailboxGrain>(RecipientAddress.Team(new ExerciseId(id), team).GrainKey).ReadAfter(0, 100)).Messages;

    private async Task<List<ExerciseEvent>> Events(string id) =>
        await Paging.ReadAllToListAsync(cluster.Grains.GetGrain<IExerciseGrain>(id).GetEvents, Paging.MaxPageSize);

    // The evidence grain tells the exercise one-way; the exercise announces each change to the web nodes, so wait on those.
    private async Task<ExerciseEvent> WaitForEventAsync(string id, Func<ExerciseEvent, bool> match)
    {
        while (true)
        {
            if ((await Events(id)).FirstOrDefault(match) is { } found)
            {
                return found;
            }

            await cluster.Node.WaitForAsync($"exercise {id}");
        }
    }
}
