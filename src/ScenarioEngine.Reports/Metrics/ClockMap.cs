using ScenarioEngine.Exercises;

namespace ScenarioEngine.Reports.Metrics;

/// <summary>
/// Turns a wall-clock moment into exercise (scenario) time using only the event log. Every clock
/// change (start, pause, resume, speed, jump, break, end) is an event stamped with both times, so
/// between two events the clock ran at one rate and a straight line between them is exact; a jump
/// is the one discontinuity, so the stretch before it keeps the rate it had.
/// </summary>
public sealed class ClockMap
{
    private readonly DateTimeOffset[] _at;
    private readonly TimeSpan[] _scenario;
    private readonly double[] _rate;

    public ClockMap(IEnumerable<ExerciseEvent> events)
    {
        var ordered = events.OrderBy(e => e.Sequence).ToList();
        _at = ordered.Select(e => e.At).ToArray();
        _scenario = ordered.Select(e => e.ScenarioTime).ToArray();
        _rate = new double[ordered.Count];
        var running = false;
        var speed = 1.0;
        for (var i = 0; i < ordered.Count; i++)
        {
            switch (ordered[i].Kind)
            {
                case ExerciseEvents.Started or ExerciseEvents.Resumed:
                    running = true;
                    break;
                case ExerciseEvents.Paused or ExerciseEvents.Ended or ExerciseEvents.BreakStarted:
                    running = false;
                    break;
                case ExerciseEvents.SpeedChanged when double.TryParse(ordered[i].Detail, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var s):
                    speed = s;
                    break;
                default:
                    break;
            }

            // The rate after event i, measured where the log allows it (the next event is not a jump), else as the clock last said.
            _rate[i] = running ? speed : 0;
            if (i > 0 && ordered[i].Kind != ExerciseEvents.Jumped && _at[i] > _at[i - 1])
            {
                _rate[i - 1] = (_scenario[i] - _scenario[i - 1]).Ticks / (double)(_at[i] - _at[i - 1]).Ticks;
            }
        }
    }

    public TimeSpan ScenarioTimeAt(DateTimeOffset at)
    {
        if (_at.Length == 0)
        {
            return TimeSpan.Zero;
        }

        var i = Array.BinarySearch(_at, at);
        if (i < 0)
        {
            i = ~i - 1;
        }

        if (i < 0)
        {
            return _scenario[0];
        }

        // Equal wall times: the last event at that moment holds the clock's state.
        while (i + 1 < _at.Length && _at[i + 1] == _at[i])
        {
            i++;
        }

        return _scenario[i] + TimeSpan.FromTicks((long)((at - _at[i]).Ticks * _rate[i]));
    }
}
