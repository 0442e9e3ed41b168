using ScenarioEngine.Exercises;
using ScenarioEngine.Grains.Exercises;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Grains.Tests;

public sealed class TriggerEvaluatorTests
{
    private static readonly ScenarioDefinition Branching = ScenarioLoader.Parse(TestScenarios.Branching, "branching.yaml");
    private static readonly Dictionary<string, InjectProgress> Nothing = [];

    [Fact]
    public void Choice_from_the_same_team_triggers_only_its_branch()
    {
        var observe = new ResponseFacts("1", "team-a", null, new Dictionary<string, string> { ["decision"] = "Observe" });

        Assert.Equal(["2"], TriggerEvaluator.TriggeredByResponse(Branching, Nothing, observe).Select(i => i.Number));
    }

    [Fact]
    public void Same_team_trigger_ignores_another_teams_answer_but_any_team_trigger_takes_it()
    {
        var fromB = (string choice) => new ResponseFacts("1", "team-b", null, new Dictionary<string, string> { ["decision"] = choice });

        Assert.Empty(TriggerEvaluator.TriggeredByResponse(Branching, Nothing, fromB("observe")));
        Assert.Equal(["3"], TriggerEvaluator.TriggeredByResponse(Branching, Nothing, fromB("raid")).Select(i => i.Number));
    }

    [Fact]
    public void Any_response_answers_the_contingency_and_an_already_triggered_inject_is_not_triggered_again()
    {
        var answer = new ResponseFacts("1", "team-a", "we are on it", null);
        var triggered = new Dictionary<string, InjectProgress> { ["2"] = new() { Status = InjectStatus.Pending, TriggeredAt = TimeSpan.FromMinutes(3) } };

        Assert.Equal(["4"], TriggerEvaluator.ContingenciesAnswered(Branching, Nothing, answer).Select(i => i.Number));
        Assert.Empty(TriggerEvaluator.TriggeredByResponse(Branching, triggered, answer with { Fields = new Dictionary<string, string> { ["decision"] = "observe" } }));
    }

    [Theory]
    [InlineData(ConditionKind.FieldContains, "account", "40817", "Счёт 40817810", true)]
    [InlineData(ConditionKind.FieldContains, "account", "40817", "30101", false)]
    [InlineData(ConditionKind.FieldContains, null, "minivan", "A grey MINIVAN", true)]
    [InlineData(ConditionKind.ChoiceEquals, "decision", "raid", "observe", false)]
    [InlineData(ConditionKind.AnyResponse, null, null, "", true)]
    public void Conditions_compare_without_regard_to_case(ConditionKind kind, string? field, string? value, string answer, bool matches)
    {
        var condition = new ResponseCondition { Kind = kind, Field = field, Value = value };
        var fields = field is null ? null : new Dictionary<string, string> { [field] = answer };

        Assert.Equal(matches, TriggerEvaluator.Matches(condition, null, field is null ? answer : null, fields));
    }

    [Fact]
    public void Site_state_trigger_fires_on_its_state_only()
    {
        Assert.Empty(TriggerEvaluator.TriggeredBySiteState(Branching, Nothing, "warehouse", "quiet"));
        Assert.Equal(["6"], TriggerEvaluator.TriggeredBySiteState(Branching, Nothing, "warehouse", "RAIDED").Select(i => i.Number));
    }

    /// <summary>Property: whatever responses arrive in whatever order, each response trigger is satisfied at most once and only by a matching response.</summary>
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Random_responses_trigger_each_branch_at_most_once_and_only_on_a_match(int seed)
    {
        var random = new Random(seed);
        var progress = new Dictionary<string, InjectProgress>();
        var triggeredBy = new Dictionary<string, ResponseFacts>();
        for (var n = 0; n < 200; n++)
        {
            var response = new ResponseFacts("1", random.Next(2) == 0 ? "team-a" : "team-b", null,
                new Dictionary<string, string> { ["decision"] = random.Next(3) switch { 0 => "observe", 1 => "raid", _ => "wait" } });
            foreach (var inject in TriggerEvaluator.TriggeredByResponse(Branching, progress, response).ToList())
            {
                Assert.True(triggeredBy.TryAdd(inject.Number, response), $"{inject.Number} triggered twice");
                progress[inject.Number] = new InjectProgress { Status = InjectStatus.Pending, TriggeredAt = TimeSpan.FromMinutes(n) };
            }
        }

        Assert.Equal(("team-a", "observe"), (triggeredBy["2"].TeamId, triggeredBy["2"].Fields!["decision"]));
        Assert.Equal("raid", triggeredBy["3"].Fields!["decision"]);
    }

    [Fact]
    public void Contingency_waits_its_inject_response_deadline_after_that_inject_fired()
    {
        var contingency = Branching.Injects.Single(i => i.Number == "4");
        var fired = new Dictionary<string, InjectProgress> { ["1"] = new() { Status = InjectStatus.Fired, FiredAtScenarioTime = TimeSpan.FromMinutes(1) } };

        Assert.Null(InjectSchedule.DueAt(contingency, Nothing));
        Assert.Equal(TimeSpan.FromMinutes(11), InjectSchedule.DueAt(contingency, fired));
        Assert.True(InjectSchedule.NeedsResponseCheck(contingency, fired));
        Assert.True(contingency.Contingency);
    }
}
