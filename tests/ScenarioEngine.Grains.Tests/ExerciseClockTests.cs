using ScenarioEngine.Exercises;
using ScenarioEngine.Grains.Exercises;

namespace ScenarioEngine.Grains.Tests;

public sealed class ExerciseClockTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Scenario_time_runs_with_wall_time_and_stands_still_while_paused()
    {
        var clock = ExerciseClock.Ready.Start(T0);
        var paused = clock.Pause(T0.AddMinutes(10));
        var resumed = paused.Resume(T0.AddMinutes(30));

        Assert.Equal(TimeSpan.FromMinutes(5), clock.ScenarioTimeAt(T0.AddMinutes(5)));
        Assert.Equal(TimeSpan.FromMinutes(10), paused.ScenarioTimeAt(T0.AddMinutes(25)));
        Assert.Equal(TimeSpan.FromMinutes(15), resumed.ScenarioTimeAt(T0.AddMinutes(35)));
    }

    [Fact]
    public void Speed_change_keeps_scenario_time_continuous_and_scales_what_follows()
    {
        var clock = ExerciseClock.Ready.Start(T0).WithSpeed(T0.AddMinutes(10), 6);

        Assert.Equal(TimeSpan.FromMinutes(10), clock.ScenarioTimeAt(T0.AddMinutes(10)));
        Assert.Equal(TimeSpan.FromMinutes(70), clock.ScenarioTimeAt(T0.AddMinutes(20)));
        Assert.Equal(T0.AddMinutes(15), clock.WallTimeOf(TimeSpan.FromMinutes(40)));
    }

    [Fact]
    public void Wall_time_of_a_moment_already_past_is_now_and_of_any_moment_is_unknown_while_paused()
    {
        var clock = ExerciseClock.Ready.Start(T0);

        Assert.Equal(T0, clock.WallTimeOf(TimeSpan.Zero));
        Assert.Null(clock.Pause(T0.AddMinutes(1)).WallTimeOf(TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-2.0)]
    [InlineData(double.NaN)]
    public void Speed_must_be_positive(double speed) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ExerciseClock.Ready.Start(T0).WithSpeed(T0, speed));

    [Fact]
    public void Clock_refuses_transitions_its_state_does_not_allow()
    {
        var running = ExerciseClock.Ready.Start(T0);

        Assert.Throws<InvalidOperationException>(() => running.Start(T0));
        Assert.Throws<InvalidOperationException>(() => running.Resume(T0));
        Assert.Throws<InvalidOperationException>(() => ExerciseClock.Ready.Pause(T0));
        Assert.Throws<InvalidOperationException>(() => running.End(T0).End(T0));
        Assert.Equal(ClockStatus.Ended, running.Pause(T0).End(T0).Status);
    }
}
