using ScenarioEngine.Delivery;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Web.Tests;

/// <summary>
/// Media reports and social posts are published to the teams' news feed as articles, over real
/// SignalR connections: every addressed team gets one, a team outside a per-team "universe" gets
/// none, and opening one is its read receipt.
/// </summary>
public sealed class MediaFeedWireTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    private const string Scenario =
        """
        id: media-feed
        title: { en: "Media drill", ru: "Учение со СМИ" }
        languages: [en, ru]
        defaultLanguage: en
        teams:
          - id: team-a
            name: { en: "Team A", ru: "Группа А" }
          - id: team-b
            name: { en: "Team B", ru: "Группа Б" }
        personas:
          - id: gazette
            name: { en: "Harbour Gazette", ru: "«Портовая газета»" }
            kind: press
            initials: HG
            colour: "#9a6700"
        injects:
          - number: "1"
            fromPersona: gazette
            method: mediaReport
            to: { everyone: true }
            subject: { en: "Police seen at the cannery", ru: "У завода видели полицию" }
            message: { en: "Unmarked vans since dawn.", ru: "Машины без номеров с рассвета." }
          - number: "2"
            method: social
            to: { teams: [team-b] }
            subject: { en: "TEAM-B-UNIVERSE post", ru: "TEAM-B-UNIVERSE пост" }
            message: { en: "Only team B's world hears of this.", ru: "Только мир группы Б знает об этом." }
        """;

    [Fact]
    public async Task A_media_report_reaches_every_team_as_an_article_and_a_per_team_post_only_its_team()
    {
        var exerciseId = EmbeddedNodeFixture.NewExerciseId();
        var snapshot = await fixture.Controller.CreateExerciseAsync(exerciseId, Scenario);
        await using var a = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-a"));
        await using var b = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-b"));
        await fixture.Controller.StartAsync(exerciseId);

        await fixture.Controller.FireAsync(exerciseId, "1");
        await fixture.Controller.FireAsync(exerciseId, "2");
        var report = await a.WaitForPushAsync(m => m.InjectNumber == "1");
        await b.WaitForPushAsync(m => m.InjectNumber == "2");

        Assert.Equal(MessageKind.Article, report.Kind);
        Assert.Equal("gazette", report.Persona?.Id);
        Assert.Equal("Harbour Gazette", report.From["en"]);
        Assert.Equal("EXERCISE — EXERCISE — EXERCISE", report.ClassificationLine["en"]);
        await b.SyncAsync();
        var held = b.Held;
        Assert.All(held, m => Assert.Equal(MessageKind.Article, m.Kind));
        Assert.Contains(held, m => m.InjectNumber == "2" && m.Method == Scenarios.DeliveryMethod.Social);
        await a.SyncAsync();
        Assert.Contains(a.Held, m => m.InjectNumber == "1");
        Assert.DoesNotContain(a.Held, m => m.InjectNumber == "2");
        Assert.DoesNotContain("TEAM-B-UNIVERSE", string.Join('\n', a.RawFrames), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_an_article_is_its_read_receipt_in_the_delivery_matrix()
    {
        var exerciseId = EmbeddedNodeFixture.NewExerciseId();
        var snapshot = await fixture.Controller.CreateExerciseAsync(exerciseId, Scenario);
        await using var a = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(snapshot, "team-a"));
        await fixture.Controller.StartAsync(exerciseId);
        await fixture.Controller.FireAsync(exerciseId, "1");
        var article = await a.WaitForPushAsync(m => m.InjectNumber == "1");

        await a.SeenAsync(article.Sequence);

        var deliveries = await fixture.Controller.GetDeliveriesAsync(exerciseId);
        var entry = deliveries.Single(d => d.Recipient.Id == "team-a").Deliveries.Single(d => d.Sequence == article.Sequence);
        Assert.NotNull(entry.SeenAt);
    }
}
