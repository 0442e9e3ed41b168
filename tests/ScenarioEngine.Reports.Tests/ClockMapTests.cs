using CsCheck;
using ScenarioEngine.Exercises;
using ScenarioEngine.Reports.Metrics;

namespace ScenarioEngine.Reports.Tests;

public sealed class ClockMapTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Every_logged_clock_event_maps_back_to_its_own_exercise_time_and_time_never_runs_backwards_without_a_jump()
    {
        // A run of segments, each lasting some wall seconds at a speed (0 = paused).
        var gen = Gen.Select(Gen.Int[1, 600], Gen.Int[0, 3].Select(i => new[] { 0, 1, 2, 60 }[i])).Array[1, 25];
        gen.Sample(segments =>
        {
            var events = new List<ExerciseEvent> { new() { Sequence = 1, At = T0, ScenarioTime = TimeSpan.Zero, Kind = ExerciseEvents.Started } };
            var (at, scenario) = (T0, TimeSpan.Zero);
            foreach (var (seconds, speed) in segments)
            {
                events.Add(new() { Sequence = events.Count + 1, At = at, ScenarioTime = scenario, Kind = speed == 0 ? ExerciseEvents.Paused : ExerciseEvents.SpeedChanged, Detail = speed.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                if (speed != 0)
                {
                    events.Add(new() { Sequence = events.Count + 1, At = at, ScenarioTime = scenario, Kind = ExerciseEvents.Resumed });
                }

                at = at.AddSeconds(seconds);
                scenario += TimeSpan.FromSeconds(seconds * speed);
            }

            events.Add(new() { Sequence = events.Count + 1, At = at, ScenarioTime = scenario, Kind = ExerciseEvents.Ended });
            var map = new ClockMap(events);

            Assert.All(events, e => Assert.Equal(e.ScenarioTime, map.ScenarioTimeAt(e.At)));
            var samples = Enumerable.Range(0, 200).Select(i => T0 + ((at - T0) * i / 199)).ToList();
            var mapped = samples.Select(map.ScenarioTimeAt).ToList();
            Assert.Equal(mapped.Order(), mapped);
        });
    }

    [Fact]
    public void A_jump_moves_exercise_time_at_once_and_the_clock_runs_on_from_there()
    {
        var events = new List<ExerciseEvent>
        {
            new() { Sequence = 1, At = T0, ScenarioTime = TimeSpan.Zero, Kind = ExerciseEvents.Started },
            new() { Sequence = 2, At = T0.AddMinutes(10), ScenarioTime = TimeSpan.FromHours(3), Kind = ExerciseEvents.Jumped },
            new() { Sequence = 3, At = T0.AddMinutes(20), ScenarioTime = TimeSpan.FromHours(3) + TimeSpan.FromMinutes(10), Kind = ExerciseEvents.Paused },
        };
        var map = new ClockMap(events);

        Assert.Equal(TimeSpan.FromMinutes(5), map.ScenarioTimeAt(T0.AddMinutes(5)));
        Assert.Equal(TimeSpan.FromHours(3) + TimeSpan.FromMinutes(5), map.ScenarioTimeAt(T0.AddMinutes(15)));
        Assert.Equal(TimeSpan.FromHours(3) + TimeSpan.FromMinutes(10), map.ScenarioTimeAt(T0.AddMinutes(50)));
    }
}
