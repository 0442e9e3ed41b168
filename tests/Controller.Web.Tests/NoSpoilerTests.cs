using ScenarioEngine.Grains.Exercises;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Web.Tests;

/// <summary>
/// Records every frame participants' devices receive while the whole bundled sample exercise
/// runs, and fails on anything a participant must not see: controller notes, expected actions,
/// cue cards, and other teams' injects.
/// </summary>
public sealed class NoSpoilerTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    [Fact]
    public async Task Participants_receive_nothing_but_their_own_teams_injects_through_a_whole_sample_exercise()
    {
        var sample = ScenarioLoader.LoadSample();
        var exerciseId = EmbeddedNodeFixture.NewExerciseId();
        var exercise = await fixture.Controller.CreateExerciseAsync(exerciseId, scenarioYaml: null);
        var participants = new List<DeviceClient>();
        var actors = new List<DeviceClient>();
        foreach (var code in exercise.JoinCodes)
        {
            var device = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, code.Code);
            (code.Recipient.Kind == RecipientKind.Team ? participants : actors).Add(device);
        }

        foreach (var inject in sample.Injects)
        {
            await fixture.Controller.FireAsync(exerciseId, inject.Number);
        }

        foreach (var device in participants.Concat(actors))
        {
            await device.SyncAsync();
        }

        Assert.NotEmpty(participants);
        Assert.NotEmpty(actors);
        foreach (var participant in participants)
        {
            var team = participant.Session.RecipientId;
            var wire = string.Join('\n', participant.RawFrames);
            var forbidden = sample.Injects.SelectMany(i =>
                    i.ExpectedAction.Values
                        .Concat(i.ControllerNotes is null ? [] : [i.ControllerNotes])
                        .Concat(InjectAudience.TeamIds(sample, i).Contains(team) ? [] : i.Subject.Values.Concat(i.Message.Values)))
                .Where(text => !string.IsNullOrWhiteSpace(text));
            Assert.All(forbidden, text => Assert.DoesNotContain(Json(text), wire, StringComparison.Ordinal));
            Assert.DoesNotContain("\"kind\":\"cueCard\"", wire, StringComparison.Ordinal);
            Assert.DoesNotContain("controllerNotes", wire, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("expectedAction", wire, StringComparison.OrdinalIgnoreCase);
            var ownInjects = sample.Injects.Count(i => InjectAudience.TeamIds(sample, i).Contains(team));
            // Plus the seeded history (articles from before STARTEX), which every team holds from the start.
            Assert.Equal(ownInjects + sample.History.Count, participant.Held.Count);
        }

        foreach (var device in participants.Concat(actors))
        {
            await device.DisposeAsync();
        }
    }

    // Text appears on the wire JSON-encoded (non-ASCII escaped), so compare in that form.
    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text, WebNode.Json)[1..^1];
}
