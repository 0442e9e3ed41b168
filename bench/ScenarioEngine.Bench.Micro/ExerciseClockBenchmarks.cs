using BenchmarkDotNet.Attributes;
using ScenarioEngine.Grains.Exercises;

namespace ScenarioEngine.Bench.Micro;

/// <summary>Clock maths run on every snapshot and every timer arm: scenario time now, and the wall time of an inject.</summary>
[MemoryDiagnoser]
public class ExerciseClockBenchmarks
{
    private readonly DateTimeOffset _start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private ExerciseClock _clock = null!;

    [GlobalSetup]
    public void Setup() => _clock = ExerciseClock.Ready.Start(_start).Pause(_start.AddMinutes(5)).Resume(_start.AddMinutes(10)).WithSpeed(_start.AddMinutes(20), 2.0);

    [Benchmark]
    public TimeSpan ScenarioTimeAt() => _clock.ScenarioTimeAt(_start.AddHours(1));

    [Benchmark]
    public DateTimeOffset? WallTimeOf() => _clock.WallTimeOf(TimeSpan.FromHours(3));

    [Benchmark]
    public ExerciseClock PauseAndResume() => _clock.Pause(_start.AddHours(1)).Resume(_start.AddHours(2));
}
