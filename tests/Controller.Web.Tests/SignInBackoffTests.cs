using ScenarioEngine.Web.Auth;

namespace ScenarioEngine.Web.Tests;

/// <summary>The growing wait after failed sign-ins, as plain logic over given instants.</summary>
public sealed class SignInBackoffTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void After_the_free_failures_each_failure_doubles_the_wait_up_to_the_cap()
    {
        var backoff = new SignInBackoff(freeFailures: 2, firstDelay: TimeSpan.FromSeconds(1), maxDelay: TimeSpan.FromSeconds(5));
        var now = T0;
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(TimeSpan.Zero, backoff.Begin("director", now));
            waits.Add(backoff.WaitAfterFailure("director", now));
            now += waits[^1];
        }

        Assert.Equal([0, 0, 1, 2, 4, 5], waits.Select(w => w.TotalSeconds));
    }

    [Fact]
    public void An_attempt_during_the_wait_is_refused_and_not_counted()
    {
        var backoff = new SignInBackoff(freeFailures: 1, firstDelay: TimeSpan.FromSeconds(10), maxDelay: TimeSpan.FromMinutes(1));
        backoff.Begin("director", T0);
        backoff.Begin("director", T0);

        Assert.Equal(TimeSpan.FromSeconds(7), backoff.Begin("director", T0.AddSeconds(3)));
        Assert.Equal(TimeSpan.Zero, backoff.Begin("director", T0.AddSeconds(10)));
        Assert.Equal(TimeSpan.FromSeconds(20), backoff.WaitAfterFailure("director", T0.AddSeconds(10)));
    }

    [Fact]
    public void Parallel_attempts_are_counted_before_their_passwords_are_checked()
    {
        var backoff = new SignInBackoff(freeFailures: 3, firstDelay: TimeSpan.FromSeconds(1), maxDelay: TimeSpan.FromMinutes(1));

        var admitted = Enumerable.Range(0, 20).Count(_ => backoff.Begin("director", T0) == TimeSpan.Zero);

        Assert.Equal(4, admitted);
    }

    [Fact]
    public void Success_forgets_the_failures_of_a_user_name()
    {
        var backoff = new SignInBackoff(freeFailures: 1, firstDelay: TimeSpan.FromSeconds(1), maxDelay: TimeSpan.FromMinutes(1));
        backoff.Begin("director", T0);
        backoff.Begin("director", T0.AddSeconds(1));
        backoff.Succeeded("director");

        Assert.Equal(TimeSpan.Zero, backoff.Begin("director", T0.AddSeconds(1)));
        Assert.Equal(TimeSpan.Zero, backoff.WaitAfterFailure("director", T0.AddSeconds(1)));
    }

    [Fact]
    public void A_refusal_is_noted_once_per_wait_not_per_request()
    {
        var backoff = new SignInBackoff(freeFailures: 0, firstDelay: TimeSpan.FromMinutes(1), maxDelay: TimeSpan.FromMinutes(1));
        backoff.Begin("10.0.0.1", T0);

        Assert.True(backoff.NoteRefusal("10.0.0.1"));
        Assert.False(backoff.NoteRefusal("10.0.0.1"));
        Assert.False(backoff.NoteRefusal("10.0.0.2"));
    }

    [Fact]
    public void A_key_quiet_for_an_hour_starts_again_from_nothing()
    {
        var backoff = new SignInBackoff(freeFailures: 1, firstDelay: TimeSpan.FromSeconds(1), maxDelay: TimeSpan.FromMinutes(1));
        backoff.Begin("director", T0);
        backoff.Begin("director", T0.AddSeconds(1));

        backoff.Begin("director", T0.AddHours(2));

        Assert.Equal(TimeSpan.Zero, backoff.WaitAfterFailure("director", T0.AddHours(2)));
    }
}
