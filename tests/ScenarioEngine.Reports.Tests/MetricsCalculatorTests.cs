using CsCheck;
using ScenarioEngine.Delivery;
using ScenarioEngine.Evaluation;
using ScenarioEngine.Exercises;
using ScenarioEngine.Reports.Metrics;

namespace ScenarioEngine.Reports.Tests;

public sealed class MetricsCalculatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);
    private static readonly ExerciseId Exercise = new("x");

    [Fact]
    public void Times_from_firing_to_each_step_are_taken_from_the_mailbox_log_per_team()
    {
        var metrics = MetricsCalculator.Compute(Logs());

        var a = metrics.Deliveries.Single(d => d.RecipientId == "team-a" && d.InjectNumber == "1");
        Assert.Equal(TimeSpan.FromSeconds(1), a.ToDelivered);
        Assert.Equal(TimeSpan.FromSeconds(2), a.ToSeen);
        Assert.Equal(TimeSpan.FromSeconds(3), a.ToAcknowledged);
        Assert.Equal(TimeSpan.FromSeconds(4), a.ToResponded);
        Assert.Equal(TimeSpan.FromMinutes(1), a.FiredScenarioTime);
        var b = metrics.Deliveries.Single(d => d.RecipientId == "team-b" && d.InjectNumber == "1");
        Assert.Equal((TimeSpan?)TimeSpan.FromSeconds(1), b.ToDelivered);
        Assert.Null(b.ToSeen);
        Assert.Null(b.ToResponded);
    }

    [Fact]
    public void A_deadline_counts_in_exercise_time_so_an_accelerated_clock_is_honoured()
    {
        // The clock runs 60x: 4 wall seconds after firing are 4 exercise minutes, inside the 10 minute deadline.
        var metrics = MetricsCalculator.Compute(Logs());

        var a = metrics.Deliveries.Single(d => d.RecipientId == "team-a" && d.InjectNumber == "1");
        Assert.Equal(TimeSpan.FromMinutes(4), a.ResponseScenarioDelay);
        Assert.True(a.DeadlineMet);
        var b = metrics.Deliveries.Single(d => d.RecipientId == "team-b" && d.InjectNumber == "1");
        Assert.False(b.DeadlineMet);
        Assert.Null(metrics.Deliveries.Single(d => d.InjectNumber == "3").DeadlineMet);
    }

    [Fact]
    public void Contingencies_that_fired_or_stood_down_and_disclosures_with_their_delay_are_reported()
    {
        var metrics = MetricsCalculator.Compute(Logs());

        Assert.Equal([("2", (TimeSpan?)TimeSpan.FromMinutes(12), false), ("4", null, true)], metrics.Contingencies.Select(c => (c.InjectNumber, c.FiredAt, c.StoodDown)));
        var disclosure = Assert.Single(metrics.Disclosures);
        Assert.Equal(("gate-1", "team-a", (TimeSpan?)TimeSpan.FromMinutes(5)), (disclosure.GateId, disclosure.TeamId, disclosure.AfterCueCard));
    }

    [Fact]
    public void An_inject_triggered_if_no_response_counts_as_a_contingency_and_when_it_fired_is_reported()
    {
        var logs = Logs();
        var ifNoResponse = Inject("5") with { Trigger = new TriggerDefinition { Kind = TriggerKind.IfNoResponse, Inject = "1", Delay = TimeSpan.FromMinutes(10) } };
        var withIt = logs with
        {
            Scenario = logs.Scenario with { Injects = [.. logs.Scenario.Injects, ifNoResponse] },
            Events = [.. logs.Events, new ExerciseEvent { Sequence = 8, At = T0.AddSeconds(11), ScenarioTime = TimeSpan.FromMinutes(11), Kind = ExerciseEvents.InjectFired, InjectNumber = "5" }],
        };

        var metrics = MetricsCalculator.Compute(withIt);

        Assert.Equal(("5", (TimeSpan?)TimeSpan.FromMinutes(11), false), metrics.Contingencies.Select(c => (c.InjectNumber, c.FiredAt, c.StoodDown)).Single(c => c.InjectNumber == "5"));
    }

    [Fact]
    public void Only_the_latest_correction_of_an_observation_counts_and_it_carries_its_tasks_capability()
    {
        var metrics = MetricsCalculator.Compute(Logs());

        Assert.Equal([(1L, Rating.S, "operational-coordination"), (2L, Rating.U, "operational-coordination")], metrics.Ratings.Select(r => (r.Sequence, r.Rating, r.Capability!)));
    }

    [Theory]
    [InlineData(new[] { Rating.P, Rating.P, Rating.P }, Rating.P)]
    [InlineData(new[] { Rating.P, Rating.M }, Rating.S)]
    [InlineData(new[] { Rating.P, Rating.P, Rating.P, Rating.U }, Rating.S)]
    [InlineData(new[] { Rating.U }, Rating.U)]
    public void Typical_rating_is_the_mean_rounded_half_towards_the_worse(Rating[] ratings, Rating expected) =>
        Assert.Equal(expected, MetricsCalculator.Typical(ratings));

    [Fact]
    public void Every_delivery_in_the_logs_appears_once_and_a_met_deadline_means_a_response_within_it()
    {
        // Fired at some second, answered some seconds later or (-1) never.
        var gen = Gen.Select(Gen.Int[0, 120], Gen.Int[-1, 120]).Array[1, 30];
        gen.Sample(rows =>
        {
            var deliveries = rows.Select((r, i) => new DeliveryProgress
            {
                Sequence = i + 1,
                InjectNumber = "1",
                QueuedAt = T0.AddSeconds(1 + r.Item1),
                RespondedAt = r.Item2 >= 0 ? T0.AddSeconds(1 + r.Item1 + r.Item2) : null,
            }).ToList();
            var logs = Logs() with
            {
                Deliveries = deliveries.Select((d, i) => new RecipientDeliveries(RecipientAddress.Team(Exercise, $"t{i}"), [d])).ToList(),
                Responses = [],
            };

            var metrics = MetricsCalculator.Compute(logs);

            Assert.Equal(deliveries.Count, metrics.Deliveries.Count);
            Assert.All(metrics.Deliveries, m => Assert.True(m.DeadlineMet != true || m.ResponseScenarioDelay <= m.Deadline));
            Assert.All(metrics.Deliveries, m => Assert.True(m.ToResponded is null || m.ToResponded >= TimeSpan.Zero));
        });
    }

    private static ExerciseLogs Logs()
    {
        var scenario = new ScenarioDefinition
        {
            Id = "s",
            Title = new() { ["en"] = "S" },
            Languages = ["en"],
            DefaultLanguage = "en",
            Teams = [new() { Id = "team-a", Name = new() { ["en"] = "A" } }, new() { Id = "team-b", Name = new() { ["en"] = "B" } }],
            Objectives =
            [
                new()
                {
                    Id = "joint",
                    Title = new() { ["en"] = "Joint" },
                    Capabilities = ["operational-coordination"],
                    CriticalTasks = [new() { Id = "brief", Capability = "operational-coordination", Title = new() { ["en"] = "Brief" } }],
                },
            ],
            Injects =
            [
                Inject("1", deadline: TimeSpan.FromMinutes(10)),
                Inject("2", contingency: true),
                Inject("3", deadline: TimeSpan.FromHours(5)),
                Inject("4", contingency: true),
            ],
        };
        ExerciseEvent E(long seq, double seconds, double scenarioMinutes, string kind, string? inject = null, string? detail = null) =>
            new() { Sequence = seq, At = T0.AddSeconds(seconds), ScenarioTime = TimeSpan.FromMinutes(scenarioMinutes), Kind = kind, InjectNumber = inject, Detail = detail };
        var fired = T0.AddSeconds(1);
        return new ExerciseLogs
        {
            ExerciseId = "x",
            Scenario = scenario,
            Events =
            [
                E(1, 0, 0, ExerciseEvents.Started),
                E(2, 0, 0, ExerciseEvents.SpeedChanged, detail: "60"),
                E(3, 1, 1, ExerciseEvents.InjectFired, "1"),
                E(4, 2, 2, ExerciseEvents.InjectFired, "3"),
                E(5, 12, 12, ExerciseEvents.InjectFired, "2"),
                E(6, 14, 14, ExerciseEvents.ContingencyNotNeeded, "4"),
                E(7, 20, 20, ExerciseEvents.Paused),
            ],
            Deliveries =
            [
                new(RecipientAddress.Team(Exercise, "team-a"),
                [
                    new() { Sequence = 1, InjectNumber = "1", QueuedAt = fired, DeliveredAt = fired.AddSeconds(1), SeenAt = fired.AddSeconds(2), AcknowledgedAt = fired.AddSeconds(3), RespondedAt = fired.AddSeconds(4), ResponseCount = 1 },
                    new() { Sequence = 2, InjectNumber = "3", QueuedAt = T0.AddSeconds(2) },
                ]),
                new(RecipientAddress.Team(Exercise, "team-b"), [new() { Sequence = 1, InjectNumber = "1", QueuedAt = fired, DeliveredAt = fired.AddSeconds(1) }]),
            ],
            Responses = [new(RecipientAddress.Team(Exercise, "team-a"), [new() { ResponseId = "r1", Sequence = 1, InjectNumber = "1", DeviceId = "d", DeviceName = "A1", StoredAt = fired.AddSeconds(4) }])],
            Disclosures = [new() { ActorId = "victim", InjectNumber = "1", GateId = "gate-1", TeamId = "team-a", At = T0.AddSeconds(6), ScenarioTime = TimeSpan.FromMinutes(6), GateOpen = true, DeviceName = "actor" }],
            Observations =
            [
                Observe(1, Rating.M, corrects: null),
                Observe(2, Rating.U, corrects: null),
                Observe(3, Rating.S, corrects: 1),
            ],
        };
    }

    private static Observation Observe(long sequence, Rating rating, long? corrects) => new()
    {
        Sequence = sequence,
        At = T0,
        ScenarioTime = TimeSpan.FromMinutes(sequence),
        Entry = new() { ObjectiveId = "joint", CriticalTaskId = "brief", TeamId = "team-a", Rating = rating, Evaluator = "eva", Corrects = corrects },
    };

    private static InjectDefinition Inject(string number, TimeSpan? deadline = null, bool contingency = false) => new()
    {
        Number = number,
        Subject = new() { ["en"] = number },
        Message = new() { ["en"] = number },
        To = new() { Everyone = true },
        ResponseRequested = deadline is not null,
        ResponseDeadline = deadline,
        Contingency = contingency,
    };
}
