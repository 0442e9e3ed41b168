using ScenarioEngine.Delivery;
using ScenarioEngine.Devices;
using ScenarioEngine.Exercises;
using ScenarioEngine.Scenarios;
using ScenarioEngine.SimCell;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Grains.Tests.SimCell;

/// <summary>The SimCell queue tells the exercise about each new request; the exercise owes an onRequest inject to the team that asked.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class RequestTriggerGrainTests(GrainCluster cluster)
{
    [Fact]
    public async Task A_stored_request_owes_the_inject_to_the_asking_team_and_the_clock_delivers_it_after_the_delay()
    {
        var id = GrainCluster.NewExerciseId();
        var scenario = RequestTriggersTests.WithStatement(ScenarioLoader.Parse(TestScenarios.TwoTeamsOneActor, "drill.yaml"), ["statement"]);
        var exercise = cluster.Grains.GetGrain<IExerciseGrain>(id);
        await exercise.Create(scenario);
        await exercise.Start("director");
        var queue = cluster.Grains.GetGrain<ISimCellQueueGrain>(id);

        await queue.Request("team-b", new PersonaRequest { RequestId = "r-1", PersonaId = "bank", Text = "Send the statement, please" }, new DeviceIdentity("phone-b", "Boris"));
        var triggered = await WaitForEventAsync(id, e => e.Kind == ExerciseEvents.InjectTriggered && e.InjectNumber == "9");
        var early = await Inbox(id, "team-b");
        await exercise.JumpTo(triggered.ScenarioTime + TimeSpan.FromMinutes(10), "director");

        Assert.DoesNotContain(early, m => m.InjectNumber == "9");
        var statement = Assert.Single(await Inbox(id, "team-b"), m => m.InjectNumber == "9");
        Assert.Equal("bank", statement.Persona?.Id);
        Assert.DoesNotContain(await Inbox(id, "team-a"), m => m.InjectNumber == "9");
        // The inject itself stays pending: the next team that asks is owed it too.
        Assert.Equal(InjectStatus.Pending, (await exercise.GetSnapshot())!.Injects.Single(i => i.Number == "9").Status);
        var fired = Assert.Single(await Events(id), e => e.Kind == ExerciseEvents.InjectFired && e.InjectNumber == "9");
        Assert.Contains("team-b", fired.Detail, StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<DeliveredMessage>> Inbox(string id, string team) =>
        (await cluster.Grains.GetGrain<IMailboxGrain>(RecipientAddress.Team(new ExerciseId(id), team).GrainKey).ReadAfter(0, 100)).Messages;

    private async Task<List<ExerciseEvent>> Events(string id) =>
        await Paging.ReadAllToListAsync(cluster.Grains.GetGrain<IExerciseGrain>(id).GetEvents, Paging.MaxPageSize);

    // The queue tells the exercise one-way; the exercise announces each change to the web nodes, so wait on those.
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
