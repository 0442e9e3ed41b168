using ScenarioEngine.Scenarios;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Scenarios.Tests;

public sealed class MediaChannelTests
{
    [Fact]
    public void Channels_name_their_author_persona_and_media_injects_name_their_channel()
    {
        var scenario = ScenarioLoader.Parse(TestScenarios.Media, "media.yaml");

        var gazette = scenario.FindChannel("gazette")!;
        Assert.Equal(MediaChannelKind.Newspaper, gazette.Kind);
        Assert.Equal("reporter", gazette.Author);
        Assert.Equal("Городская газета", gazette.Name["ru"]);
        Assert.Equal(MediaChannelKind.Social, scenario.FindChannel("chat")!.Kind);
        Assert.Equal("gazette", scenario.Injects.Single().Channel);
    }

    [Fact]
    public void Seeded_history_is_dated_by_an_offset_before_startex_or_by_a_date()
    {
        var scenario = ScenarioLoader.Parse(TestScenarios.Media, "media.yaml");

        Assert.Equal(DateTimeOffset.Parse("2026-11-21T09:00:00+03:00"), scenario.History.Single(a => a.Id == "old-raid").Published);
        Assert.Equal(DateTimeOffset.Parse("2026-11-22T20:15:00+03:00"), scenario.History.Single(a => a.Id == "job-post").Published);
    }

    [Fact]
    public void Sample_publishes_its_media_report_on_a_channel_and_seeds_history_in_both_languages()
    {
        var sample = ScenarioLoader.LoadSample();

        Assert.Equal("city-news", sample.Injects.Single(i => i.Number == "11").Channel);
        Assert.All(sample.MediaChannels, c => Assert.NotNull(sample.FindPersona(c.Author)));
        Assert.NotEmpty(sample.History);
        Assert.All(sample.History, a => Assert.True(a.Published < sample.ScenarioStart && a.Subject.ContainsKey("ru") && a.Subject.ContainsKey("en")));
    }

    [Fact]
    public void Writing_the_scenario_back_keeps_channels_history_and_the_injects_channel()
    {
        var scenario = ScenarioLoader.Parse(TestScenarios.Media, "media.yaml");

        var again = ScenarioLoader.Parse(ScenarioWriter.ToYaml(scenario), "media.yaml");

        Assert.Equal(scenario.MediaChannels.Select(c => (c.Id, c.Name["ru"], c.Kind, c.Author)), again.MediaChannels.Select(c => (c.Id, c.Name["ru"], c.Kind, c.Author)));
        Assert.Equal(scenario.History.Select(a => (a.Id, a.Channel, a.Published, a.Subject["en"])), again.History.Select(a => (a.Id, a.Channel, a.Published, a.Subject["en"])));
        Assert.Equal("gazette", again.Injects.Single().Channel);
    }

    [Fact]
    public void Bad_channels_and_history_are_all_reported_with_their_places()
    {
        var yaml = TestScenarios.Media
            .Replace("kind: newspaper", "kind: radio", StringComparison.Ordinal)
            .Replace("    author: reporter\n  - id: chat", "    author: ghost\n  - id: chat", StringComparison.Ordinal)
            .Replace("at: \"-2.00:00:00\"", "at: \"2.00:00:00\"", StringComparison.Ordinal)
            .Replace("channel: chat\n    published", "channel: tv9\n    published", StringComparison.Ordinal)
            .Replace("method: mediaReport\n    channel: gazette", "method: social\n    channel: gazette", StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Parse(yaml, "media.yaml"));

        Assert.Equal(
            [
                ("history[0].at", Msg.ArticleNotBeforeStart),
                ("history[1].channel", Msg.NoChannel),
                ("injects[0].channel", Msg.ChannelKindMismatch),
                ("mediaChannels[0].author", Msg.ChannelAuthorUnknown),
                ("mediaChannels[0].kind", Msg.ChannelKindInvalid),
            ],
            error.Problems.Select(p => (p.Where, p.Code!)).Order());
    }

    [Fact]
    public void A_channel_on_an_inject_that_is_not_media_is_refused()
    {
        var yaml = TestScenarios.Media.Replace("method: mediaReport", "method: email", StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Parse(yaml, "media.yaml"));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(("injects[0].channel", Msg.ChannelOnlyOnMedia), (problem.Where, problem.Code));
        Assert.Contains("mediaReport or social", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_offset_before_startex_without_a_scenario_start_says_what_is_missing_in_russian_too()
    {
        var yaml = TestScenarios.Media.Replace("scenarioStart: \"2026-11-23T09:00:00+03:00\"\n", string.Empty, StringComparison.Ordinal);

        var error = Assert.Throws<ScenarioValidationException>(() => ScenarioLoader.Parse(yaml, "media.yaml", System.Globalization.CultureInfo.GetCultureInfo("ru")));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(("history[0].at", Msg.ArticleOffsetNeedsScenarioStart), (problem.Where, problem.Code));
        Assert.Contains("scenarioStart", problem.Message, StringComparison.Ordinal);
        Assert.Contains("смещения", problem.Message, StringComparison.Ordinal);
    }
}
