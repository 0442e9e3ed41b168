using ScenarioEngine.Exercises;
using ScenarioEngine.Grains.Exercises;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Grains.Tests.SimCell;

public sealed class RequestTriggersTests
{
    private static readonly ScenarioDefinition Scenario = WithStatement(ScenarioLoader.Parse(TestScenarios.TwoTeamsOneActor, "drill.yaml"), ["statement", "выписк"]);
    private static readonly Dictionary<string, InjectProgress> Nothing = [];

    [Theory]
    [InlineData("Please send the STATEMENT", true)]
    [InlineData("Пришлите ВЫПИСКУ по счёту", true)]
    [InlineData("Who owns the account?", false)]
    public void Keywords_match_case_insensitively_in_either_language(string text, bool fires)
    {
        var triggered = RequestTriggers.Triggered(Scenario, Nothing, [], Ask("team-a", text));

        Assert.Equal(fires ? ["9"] : [], triggered.Select(i => i.Number));
    }

    [Fact]
    public void Without_keywords_any_request_to_the_persona_triggers_but_one_to_another_persona_does_not()
    {
        var open = WithStatement(ScenarioLoader.Parse(TestScenarios.TwoTeamsOneActor, "drill.yaml"), null);

        Assert.Single(RequestTriggers.Triggered(open, Nothing, [], Ask("team-a", "hello")));
        Assert.Empty(RequestTriggers.Triggered(open, Nothing, [], Ask("team-a", "hello") with { PersonaId = "prosecutor" }));
    }

    [Fact]
    public void A_team_already_owed_the_inject_a_team_outside_its_audience_and_a_held_inject_are_not_triggered()
    {
        var owed = new TeamFire { InjectNumber = "9", TeamId = "team-a", DueAt = TimeSpan.FromMinutes(10), Status = InjectStatus.Fired };
        var onlyTeamB = Scenario with { Injects = Scenario.Injects.Select(i => i.Number == "9" ? i with { To = new AudienceDefinition { Teams = ["team-b"] } } : i).ToList() };
        var held = new Dictionary<string, InjectProgress> { ["9"] = new() { Status = InjectStatus.Held } };

        Assert.Empty(RequestTriggers.Triggered(Scenario, Nothing, [owed], Ask("team-a", "statement")));
        Assert.Single(RequestTriggers.Triggered(Scenario, Nothing, [owed], Ask("team-b", "statement")));
        Assert.Empty(RequestTriggers.Triggered(onlyTeamB, Nothing, [], Ask("team-a", "statement")));
        Assert.Empty(RequestTriggers.Triggered(Scenario, held, [], Ask("team-a", "statement")));
    }

    [Fact]
    public void The_clock_sleeps_until_an_owed_team_inject_is_due_then_fires_it_for_that_team()
    {
        var start = DateTimeOffset.Parse("2026-11-30T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var clock = ExerciseClock.Ready.Start(start);
        var progress = Scenario.Injects.Where(i => i.Number != "9").ToDictionary(i => i.Number, _ => new InjectProgress { Status = InjectStatus.Fired });
        var owed = new TeamFire { InjectNumber = "9", TeamId = "team-b", DueAt = TimeSpan.FromMinutes(10), Status = InjectStatus.Pending };

        var before = ClockSteps.Next(Scenario, clock, progress, [], start.AddMinutes(5), [owed]);
        var due = ClockSteps.Next(Scenario, clock, progress, [], start.AddMinutes(10), [owed]);
        var whileHeld = ClockSteps.Next(Scenario, clock, new Dictionary<string, InjectProgress>(progress) { ["9"] = new() { Status = InjectStatus.Held } }, [], start.AddMinutes(10), [owed]);

        Assert.Equal(start.AddMinutes(10), Assert.IsType<IdleStep>(before).WakeAt);
        Assert.Equal("team-b", Assert.IsType<TeamFireStep>(due).Fire.TeamId);
        Assert.Null(Assert.IsType<IdleStep>(whileHeld).WakeAt);
    }

    internal static ScenarioDefinition WithStatement(ScenarioDefinition scenario, List<string>? keywords) => scenario with
    {
        Personas = [new PersonaDefinition { Id = "bank", Name = new() { ["en"] = "Bank", ["ru"] = "Банк" }, Initials = "B", Colour = "#123456" }],
        Injects =
        [
            .. scenario.Injects,
            new InjectDefinition
            {
                Number = "9",
                To = new AudienceDefinition { Everyone = true },
                FromPersona = "bank",
                Subject = new() { ["en"] = "Statement", ["ru"] = "Выписка" },
                Message = new() { ["en"] = "Here it is.", ["ru"] = "Вот она." },
                Trigger = new TriggerDefinition { Kind = TriggerKind.OnRequest, Persona = "bank", Keywords = keywords, Delay = TimeSpan.FromMinutes(10) },
            },
        ],
    };

    private static RequestNotice Ask(string team, string text) => new() { TeamId = team, PersonaId = "bank", RequestId = Guid.NewGuid().ToString("N"), Text = text };
}
