using ScenarioEngine.Delivery;
using ScenarioEngine.Evaluation;
using ScenarioEngine.Exercises;
using ScenarioEngine.Reports.Metrics;

namespace ScenarioEngine.Reports.Tests;

/// <summary>
/// Logs of a made-up exercise of any size, as the grains would have written them: for report
/// tests and for the AAR bench (which links this file). Deterministic for a seed.
/// </summary>
public static class SyntheticExercise
{
    public static ExerciseLogs Create(ScenarioDefinition? baseScenario, int injects, int teams, int devices, int responses, int observations, int days = 1, int seed = 13)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);
        var exercise = new ExerciseId("synthetic");
        var teamList = baseScenario?.Teams is { Count: > 0 } given && given.Count >= teams ? given.Take(teams).ToList()
            : Enumerable.Range(1, teams).Select(i => new TeamDefinition { Id = $"team-{i:00}", Name = new() { ["en"] = $"Team {i}", ["ru"] = $"Группа {i}" } }).ToList();
        var span = TimeSpan.FromHours(8 * days);
        var injectList = Enumerable.Range(1, injects).Select(i => new InjectDefinition
        {
            Number = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Subject = new() { ["en"] = $"Inject {i}", ["ru"] = $"Вводная {i}" },
            Message = new() { ["en"] = "…", ["ru"] = "…" },
            To = new() { Teams = [teamList[i % teamList.Count].Id, teamList[(i * 7) % teamList.Count].Id] },
            At = span * i / (injects + 1),
            ResponseRequested = true,
            ResponseDeadline = TimeSpan.FromMinutes(30),
            Contingency = i % 25 == 0,
        }).ToList();
        var scenario = (baseScenario ?? new ScenarioDefinition { Id = "synthetic", Title = new() { ["en"] = "Synthetic exercise", ["ru"] = "Синтетическое учение" }, Languages = ["ru", "en"], DefaultLanguage = "ru" }) with
        {
            Teams = teamList,
            Injects = injectList,
            Objectives = baseScenario?.Objectives is { Count: > 0 } objectives ? objectives :
            [
                new()
                {
                    Id = "coordinate",
                    Title = new() { ["en"] = "Coordinate", ["ru"] = "Координировать" },
                    Capabilities = ["operational-coordination"],
                    CriticalTasks = [new() { Id = "brief", Capability = "operational-coordination", Title = new() { ["en"] = "Brief", ["ru"] = "Инструктаж" } }],
                },
            ],
        };

        // Real time at 1x during the day; the clock is paused between days.
        var events = new List<ExerciseEvent>();
        void Log(DateTimeOffset at, TimeSpan scenarioTime, string kind, string? inject = null) =>
            events.Add(new() { Sequence = events.Count + 1, At = at, ScenarioTime = scenarioTime, Kind = kind, InjectNumber = inject });
        DateTimeOffset WallAt(TimeSpan scenarioTime) => start + TimeSpan.FromDays((int)(scenarioTime / TimeSpan.FromHours(8))) + TimeSpan.FromTicks(scenarioTime.Ticks % TimeSpan.FromHours(8).Ticks);
        for (var day = 0; day < days; day++)
        {
            Log(WallAt(TimeSpan.FromHours(8 * day)), TimeSpan.FromHours(8 * day), day == 0 ? ExerciseEvents.Started : ExerciseEvents.Resumed);
            foreach (var inject in injectList.Where(i => (int)(i.At!.Value / TimeSpan.FromHours(8)) == day))
            {
                Log(WallAt(inject.At!.Value), inject.At.Value, ExerciseEvents.InjectFired, inject.Number);
            }

            Log(WallAt(TimeSpan.FromHours(8 * day + 8)) - TimeSpan.FromSeconds(1), TimeSpan.FromHours(8 * day + 8) - TimeSpan.FromSeconds(1), day == days - 1 ? ExerciseEvents.Ended : ExerciseEvents.Paused);
        }

        var progress = teamList.ToDictionary(t => t.Id, _ => new List<DeliveryProgress>());
        foreach (var inject in injectList)
        {
            foreach (var team in inject.To.Teams.Distinct())
            {
                var fired = WallAt(inject.At!.Value);
                var list = progress[team];
                var seen = random.Next(5) > 0;
                list.Add(new DeliveryProgress
                {
                    Sequence = list.Count + 1,
                    InjectNumber = inject.Number,
                    QueuedAt = fired,
                    DeliveredAt = fired.AddSeconds(random.Next(1, 30)),
                    SeenAt = seen ? fired.AddSeconds(random.Next(30, 300)) : null,
                    AcknowledgedAt = seen ? fired.AddSeconds(random.Next(300, 900)) : null,
                });
            }
        }

        var responseLists = teamList.ToDictionary(t => t.Id, _ => new List<StoredResponse>());
        var perDevice = Math.Max(1, devices / teamList.Count);
        for (var i = 0; i < responses; i++)
        {
            var team = teamList[random.Next(teamList.Count)].Id;
            if (progress[team].Count == 0)
            {
                continue;
            }

            var delivery = progress[team][random.Next(progress[team].Count)];
            var stored = delivery.QueuedAt.AddSeconds(random.Next(60, 3600));
            responseLists[team].Add(new StoredResponse
            {
                ResponseId = $"r{i}",
                Sequence = delivery.Sequence,
                InjectNumber = delivery.InjectNumber,
                DeviceId = $"{team}-d{random.Next(perDevice)}",
                DeviceName = $"{team} phone",
                Text = "Done.",
                StoredAt = stored,
            });
            var index = progress[team].IndexOf(delivery);
            progress[team][index] = delivery with { RespondedAt = delivery.RespondedAt is { } r && r < stored ? r : stored, ResponseCount = delivery.ResponseCount + 1 };
        }

        var tasks = scenario.Objectives.SelectMany(o => o.CriticalTasks.Select(t => (Objective: o.Id, Task: t.Id))).ToList();
        var observationList = new List<Observation>();
        for (var i = 0; i < observations; i++)
        {
            var (objective, task) = tasks[random.Next(tasks.Count)];
            var at = TimeSpan.FromSeconds(random.Next((int)(span.TotalSeconds - 1)));
            observationList.Add(new Observation
            {
                Sequence = i + 1,
                At = WallAt(at),
                ScenarioTime = at,
                Entry = new ObservationEntry
                {
                    ObjectiveId = objective,
                    CriticalTaskId = task,
                    TeamId = teamList[random.Next(teamList.Count)].Id,
                    Rating = (Rating)random.Next(4),
                    Note = $"Observation {i + 1}",
                    Evaluator = $"evaluator-{random.Next(1, 11)}",
                    Corrects = i > 10 && random.Next(20) == 0 ? random.Next(1, i) : null,
                },
            });
        }

        return new ExerciseLogs
        {
            ExerciseId = "synthetic",
            Scenario = scenario,
            Events = events,
            Deliveries = progress.Select(p => new RecipientDeliveries(RecipientAddress.Team(exercise, p.Key), p.Value)).ToList(),
            Responses = responseLists.Select(p => new RecipientResponses(RecipientAddress.Team(exercise, p.Key), p.Value)).ToList(),
            Disclosures = [],
            Observations = observationList,
        };
    }
}
