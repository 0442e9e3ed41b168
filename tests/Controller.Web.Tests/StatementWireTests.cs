using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using ScenarioEngine.Delivery;
using ScenarioEngine.Exercises;
using ScenarioEngine.Media;
using ScenarioEngine.Testing;
using ScenarioEngine.Web.Api;

namespace ScenarioEngine.Web.Tests;

/// <summary>
/// Teams' statements to the press over real SignalR connections to a real web node: stored once per
/// statement id, seen by no device (not even the author team's other phone) until a controller
/// approves it, then an article on every team's feed; a rejection tells the author team why.
/// </summary>
public sealed class StatementWireTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    private const string UnderReview = "STATEMENT-UNDER-REVIEW: the sauna's workers are victims, not offenders.";

    [Fact]
    public async Task A_statement_under_review_reaches_no_device_and_once_approved_is_an_article_on_every_teams_feed()
    {
        var (exerciseId, snapshot) = await CreateAsync();
        await using var author = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-a"), "Anna");
        await using var teammate = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-a"));
        await using var other = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-b"));
        var statement = new StatementSubmission { StatementId = "st-1", Text = UnderReview };

        var first = await author.InvokeAsync<StatementReceipt>("PublishStatement", statement);
        var retry = await author.InvokeAsync<StatementReceipt>("PublishStatement", statement);
        var pending = await PendingAsync(exerciseId);

        Assert.False(first.Duplicate);
        Assert.True(retry.Duplicate);
        Assert.Equal(first.StoredAt, retry.StoredAt);
        Assert.StartsWith("Anna", Assert.Single(pending).DeviceName, StringComparison.Ordinal);
        foreach (var phone in new[] { teammate, other })
        {
            Assert.False(await phone.AnyPushWithinAsync(TimeSpan.FromMilliseconds(500)));
        }

        foreach (var phone in new[] { author, teammate, other })
        {
            Assert.DoesNotContain(await phone.SyncAsync(), m => m.StatementId is not null);
            Assert.DoesNotContain(Json(UnderReview), string.Join('\n', phone.RawFrames), StringComparison.Ordinal);
        }

        var approve = await fixture.Controller.Http.PostAsync($"/api/exercises/{exerciseId}/media/statements/{pending[0].Sequence}/approve", null);
        Assert.True(approve.IsSuccessStatusCode, await approve.Content.ReadAsStringAsync());

        foreach (var phone in new[] { author, teammate, other })
        {
            var article = await phone.WaitForPushAsync(m => m.StatementId == "st-1");
            Assert.Equal(MessageKind.Article, article.Kind);
            Assert.Equal(UnderReview, article.Message["en"]);
            Assert.Equal("Team A (police, labour inspection, NGO)", article.From["en"]);
            Assert.Null(article.Channel);
        }

        Assert.Empty(await PendingAsync(exerciseId));
        var approved = Assert.Single(await EventsAsync(exerciseId), e => e.Kind == ExerciseEvents.StatementApproved);
        Assert.Equal("S1", approved.InjectNumber);
        Assert.NotNull(approved.By);
        Assert.Single(await EventsAsync(exerciseId), e => e.Kind == ExerciseEvents.StatementSubmitted);
    }

    [Fact]
    public async Task A_rejected_statement_tells_the_author_team_why_and_reaches_no_other_team()
    {
        var (exerciseId, snapshot) = await CreateAsync();
        await using var author = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-b"), "Boris");
        await using var teammate = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-b"));
        await using var other = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-a"));
        await author.InvokeAsync<StatementReceipt>("PublishStatement", new StatementSubmission { StatementId = "st-2", Text = UnderReview });
        var sequence = Assert.Single(await PendingAsync(exerciseId)).Sequence;

        var reject = await fixture.Controller.Http.PostAsJsonAsync($"/api/exercises/{exerciseId}/media/statements/{sequence}/reject", new RejectStatementRequest("Names a victim; agree a line with the prosecutor first."), WebNode.Json);
        Assert.True(reject.IsSuccessStatusCode, await reject.Content.ReadAsStringAsync());

        var told = await teammate.WaitForPushAsync(m => m.Kind == MessageKind.StatementRejected);
        Assert.Equal("st-2", told.StatementId);
        Assert.Equal("Names a victim; agree a line with the prosecutor first.", told.Message["ru"]);
        Assert.False(await other.AnyPushWithinAsync(TimeSpan.FromMilliseconds(500)));
        Assert.DoesNotContain(Json(UnderReview), string.Join('\n', other.RawFrames), StringComparison.Ordinal);
        var decision = Assert.Single(await fixture.Controller.Http.GetFromJsonAsync<List<StatementDecision>>($"/api/exercises/{exerciseId}/media/decisions", WebNode.Json) ?? []);
        Assert.False(decision.Approved);
        var approveAfter = await fixture.Controller.Http.PostAsync($"/api/exercises/{exerciseId}/media/statements/{sequence}/approve", null);
        Assert.False(approveAfter.IsSuccessStatusCode);
    }

    private async Task<(string, ExerciseSnapshot)> CreateAsync()
    {
        var exerciseId = EmbeddedNodeFixture.NewExerciseId();
        return (exerciseId, await fixture.Controller.CreateExerciseAsync(exerciseId, scenarioYaml: null));
    }

    private async Task<List<StoredStatement>> PendingAsync(string exerciseId) =>
        await fixture.Controller.Http.GetFromJsonAsync<List<StoredStatement>>($"/api/exercises/{exerciseId}/media/statements/pending", WebNode.Json) ?? [];

    private async Task<List<ExerciseEvent>> EventsAsync(string exerciseId) =>
        await Paging.ReadAllToListAsync(fixture.Node.Services.GetRequiredService<IGrainFactory>().GetGrain<IExerciseGrain>(exerciseId).GetEvents, Paging.MaxPageSize);

    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text, WebNode.Json)[1..^1];
}
