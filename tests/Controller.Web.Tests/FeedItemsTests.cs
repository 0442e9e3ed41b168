using Microsoft.Extensions.DependencyInjection;
using ScenarioEngine.Devices;
using ScenarioEngine.Testing;
using ScenarioEngine.Web.Dashboard;

namespace ScenarioEngine.Web.Tests;

/// <summary>The live feed's lines from a real board, with the groups a controller can hide.</summary>
public sealed class FeedItemsTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    private static bool DrillOnly(FeedItem item) => FeedGroups.Of(item.Kind) is null;

    [Fact]
    public async Task Hiding_acknowledgements_keeps_the_drill_events_in_order_and_the_newest_of_them_fill_the_window()
    {
        var id = EmbeddedNodeFixture.NewExerciseId();
        var exercise = await fixture.Controller.CreateExerciseAsync(id);
        var teamKey = RecipientAddress.Team(new ExerciseId(id), "team-a").GrainKey;
        var inject = exercise.Injects.First(i => i.Recipients.Contains(teamKey) && !i.Contingency && i.Trigger is null);
        await using var phone = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"), "Anna");
        await fixture.Controller.StartAsync(id);
        await fixture.Controller.FireAsync(id, inject.Number);
        await phone.AcknowledgeAsync((await phone.WaitForPushAsync(m => m.InjectNumber == inject.Number)).Sequence);

        ExerciseBoard board = null!;
        await Wait.Until(async () => (board = await LoadAsync(id)).FeedItems([]).Any(i => i.Kind == "acknowledged"));
        var all = board.FeedItems([]);
        var drill = board.FeedItems([], shown: DrillOnly);

        Assert.Equal(FeedGroup.Acknowledgements, FeedGroups.Of("acknowledged"));
        Assert.DoesNotContain(drill, i => i.Kind == "acknowledged");
        Assert.Contains(drill, i => i.Kind == "inject.fired" && i.Inject == inject.Number);
        Assert.Equal(all.Where(DrillOnly), drill);
        // The acknowledgement is among the newest lines; hidden, it takes no place in the window.
        Assert.Contains(board.FeedItems([], max: 2), i => i.Kind == "acknowledged");
        Assert.Equal(drill.Take(2), board.FeedItems([], max: 2, shown: DrillOnly));
    }

    private async Task<ExerciseBoard> LoadAsync(string id)
    {
        using var scope = fixture.Node.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<DashboardData>().LoadAsync(id))!;
    }
}
