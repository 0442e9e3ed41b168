using ScenarioEngine.Delivery;
using ScenarioEngine.Exercises;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Grains.Tests.Media;

/// <summary>The scenario's media on the way to the teams' mailboxes: channels on articles, and the seeded history.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class MediaFeedGrainTests(GrainCluster cluster)
{
    [Fact]
    public async Task Every_team_holds_the_seeded_history_once_with_its_publication_dates_before_startex()
    {
        var id = GrainCluster.NewExerciseId();
        var exercise = cluster.Grains.GetGrain<IExerciseGrain>(id);

        await exercise.Create(ScenarioLoader.Parse(TestScenarios.Media, "media.yaml"));
        await exercise.Create(ScenarioLoader.Parse(TestScenarios.Media, "media.yaml"));

        foreach (var team in new[] { "team-a", "team-b" })
        {
            var feed = await Mailbox(id, team);
            Assert.Equal(["H-old-raid", "H-job-post"], feed.Select(m => m.InjectNumber));
            Assert.All(feed, m => Assert.Equal(MessageKind.Article, m.Kind));
            Assert.Equal(
                [DateTimeOffset.Parse("2026-11-21T09:00:00+03:00"), DateTimeOffset.Parse("2026-11-22T20:15:00+03:00")],
                feed.Select(m => m.PublishedAt!.Value));
            Assert.Equal(["gazette", "chat"], feed.Select(m => m.Channel!.Id));
            Assert.All(feed, m => Assert.Equal("reporter", m.Persona?.Id));
            Assert.Equal(DeliveryMethod.Social, feed[1].Method);
        }

        Assert.Single(await Events(id), e => e.Kind == ExerciseEvents.HistorySeeded);
    }

    [Fact]
    public async Task A_draft_gets_its_history_only_when_made_ready()
    {
        var id = GrainCluster.NewExerciseId();
        var exercise = cluster.Grains.GetGrain<IExerciseGrain>(id);

        await exercise.CreateFrom(ScenarioLoader.Parse(TestScenarios.Media, "media.yaml"), [], draft: true);
        var whileDraft = await Mailbox(id, "team-a");
        await exercise.MakeReady("director");

        Assert.Empty(whileDraft);
        Assert.Equal(2, (await Mailbox(id, "team-b")).Count);
    }

    [Fact]
    public async Task A_media_report_reaches_every_team_as_an_article_of_its_channel_by_the_channels_author()
    {
        var id = GrainCluster.NewExerciseId();
        var exercise = cluster.Grains.GetGrain<IExerciseGrain>(id);
        await exercise.Create(ScenarioLoader.Parse(TestScenarios.Media, "media.yaml"));
        await exercise.Start("director");

        await exercise.FireNow("1", "director");

        foreach (var team in new[] { "team-a", "team-b" })
        {
            var article = Assert.Single(await Mailbox(id, team), m => m.InjectNumber == "1");
            Assert.Equal(MessageKind.Article, article.Kind);
            Assert.Equal("City Gazette", article.Channel!.Name["en"]);
            Assert.Equal(MediaChannelKind.Newspaper, article.Channel.Kind);
            Assert.Equal("Maria, reporter", article.From["en"]);
            Assert.Null(article.PublishedAt);
        }
    }

    private async Task<IReadOnlyList<DeliveredMessage>> Mailbox(string id, string team) =>
        (await cluster.Grains.GetGrain<IMailboxGrain>(RecipientAddress.Team(new ExerciseId(id), team).GrainKey).ReadAfter(0, 100)).Messages;

    private async Task<List<ExerciseEvent>> Events(string id) =>
        await Paging.ReadAllToListAsync(cluster.Grains.GetGrain<IExerciseGrain>(id).GetEvents, Paging.MaxPageSize);
}
