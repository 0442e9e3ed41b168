using ScenarioEngine.Exercises;
using ScenarioEngine.Web.Dashboard;

namespace ScenarioEngine.Web.Tests;

/// <summary>The dashboard's pure helpers: scenario time as controllers type and read it, what counts as upcoming.</summary>
public sealed class DashboardTextTests
{
    [Theory]
    [InlineData("D2 02:30", "1.02:30:00")]
    [InlineData("D1 00:10:00", "00:10:00")]
    [InlineData("26:30", "1.02:30:00")]
    [InlineData("1.02:30:00", "1.02:30:00")]
    [InlineData(" 00:45 ", "00:45:00")]
    public void Scenario_time_is_read_as_day_and_clock_hours_and_minutes_or_a_timespan(string input, string expected)
    {
        Assert.True(Text.TryParseScenarioTime(input, out var time));
        Assert.Equal(TimeSpan.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), time);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("D 02:30")]
    [InlineData("12:xx")]
    public void Scenario_time_that_is_not_a_time_is_refused(string input) =>
        Assert.False(Text.TryParseScenarioTime(input, out _));

    [Fact]
    public void Scenario_time_is_shown_as_day_and_clock_and_round_trips() =>
        Assert.Equal("D2 02:30:05", Text.ScenarioTime(new TimeSpan(1, 2, 30, 5)));

    [Theory]
    [InlineData(InjectStatus.Pending, 20, true)]
    [InlineData(InjectStatus.Held, 20, true)]
    [InlineData(InjectStatus.Pending, 5, true)]
    [InlineData(InjectStatus.Pending, 40, false)]
    [InlineData(InjectStatus.Fired, 20, false)]
    [InlineData(InjectStatus.Skipped, 20, false)]
    public void Inject_is_upcoming_when_not_fired_and_due_within_the_window_or_overdue(InjectStatus status, int dueMinute, bool upcoming)
    {
        var inject = new InjectView
        {
            Number = "1",
            Subject = new() { ["en"] = "x" },
            Status = status,
            Recipients = [],
            ExpectedAction = [],
            DueAt = TimeSpan.FromMinutes(dueMinute),
        };

        Assert.Equal(upcoming, inject.IsUpcoming(clock: TimeSpan.FromMinutes(10), window: TimeSpan.FromMinutes(15)));
    }

    [Fact]
    public void Text_is_picked_in_the_dashboard_language_then_the_scenario_default()
    {
        var text = new Dictionary<string, string> { ["ru"] = "Сауна", ["en"] = "Sauna" };
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("ru");
            Assert.Equal("Сауна", Text.Pick(text, "en"));
            System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("de");
            Assert.Equal("Sauna", Text.Pick(text, "en"));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void Dashboard_languages_are_English_and_every_translation_built()
    {
        Assert.Equal(["en", "ru"], DashboardLanguages.Find());
    }
}
