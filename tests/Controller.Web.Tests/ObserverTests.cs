using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using ScenarioEngine.Devices;
using ScenarioEngine.Exercises;
using ScenarioEngine.Testing;
using ScenarioEngine.Web.Auth;
using ScenarioEngine.Web.Dashboard;

namespace ScenarioEngine.Web.Tests;

/// <summary>The read-only observer (evaluator, guest): sees the control room, has no buttons, and is refused anyway.</summary>
public sealed class ObserverTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    [Fact]
    public async Task Observer_sees_the_exercise_page_without_action_buttons_or_join_codes_where_a_controller_has_them()
    {
        var exercise = await fixture.Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        using var observer = await DashboardSession.SignInAsync(fixture.Node.BaseAddress, WebNode.ObserverUser);
        using var controller = await DashboardSession.SignInAsync(fixture.Node.BaseAddress);

        var seen = await observer.GetStringAsync($"/exercises/{exercise.ExerciseId}");
        var controlled = await controller.GetStringAsync($"/exercises/{exercise.ExerciseId}");

        string[] actions = ["data-testid=\"start\"", "data-testid=\"signal-stop\"", "data-testid=\"hold\"", "data-testid=\"fire\"", "data-testid=\"tab-codes\"", "data-testid=\"sign-in-log-link\""];
        Assert.Contains("data-testid=\"timeline\"", seen, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"read-only\"", seen, StringComparison.Ordinal);
        Assert.All(actions, action => Assert.DoesNotContain(action, seen, StringComparison.Ordinal));
        Assert.DoesNotContain(ControllerClient.JoinCodeOf(exercise, "team-a"), seen, StringComparison.Ordinal);
        Assert.All(actions.Where(a => !a.Contains("fire", StringComparison.Ordinal)), action => Assert.Contains(action, controlled, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dashboard_refuses_every_command_of_an_observer_even_without_its_button_and_changes_nothing()
    {
        var exercise = await fixture.Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        await using var phone = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"));
        var signal = await fixture.Controller.RaiseSignalAsync(exercise.ExerciseId, SignalKind.Stop);
        var data = DataFor(Roles.Observer, WebNode.ObserverUser);

        Func<Task>[] commands =
        [
            () => data.ActAsync(exercise.ExerciseId, (e, by) => e.Start(by)),
            () => data.ActAsync(exercise.ExerciseId, (e, by) => e.FireNow("2", by)),
            () => data.RaiseSignalAsync(exercise, SignalKind.Endex),
            () => data.ClearSignalAsync(exercise.ExerciseId, signal.SignalId),
            () => data.RevokeAsync(exercise.ExerciseId, phone.Session.DeviceId),
            () => data.RotateAsync(RecipientAddress.Team(new ExerciseId(exercise.ExerciseId), "team-a")),
            () => data.ImportMselAsync(exercise.ExerciseId, "msel.csv", [], System.Globalization.CultureInfo.InvariantCulture),
            () => data.CreateAsync(EmbeddedNodeFixture.NewExerciseId(), null, System.Globalization.CultureInfo.InvariantCulture),
        ];
        foreach (var command in commands)
        {
            await Assert.ThrowsAsync<UnauthorizedAccessException>(command);
        }

        var after = await fixture.Controller.GetAsync(exercise.ExerciseId);
        Assert.Equal(ClockStatus.Ready, after.Status);
        Assert.Equal(InjectStatus.Pending, after.Injects.Single(i => i.Number == "2").Status);
        Assert.Equal(exercise.JoinCodes.Select(c => c.Code), after.JoinCodes.Select(c => c.Code));
        Assert.False(Assert.Single(await fixture.Controller.GetDevicesAsync(exercise.ExerciseId)).Revoked);
        Assert.Null(Assert.Single(await fixture.Controller.GetSignalsAsync(exercise.ExerciseId)).ClearedAt);
        Assert.False(await data.CanActAsync());
    }

    [Fact]
    public async Task Dashboard_carries_out_the_same_command_for_a_controller_under_their_name()
    {
        var exercise = await fixture.Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var data = DataFor(Roles.Controller, "site-controller-2");

        var started = await data.ActAsync(exercise.ExerciseId, (e, by) => e.Start(by));

        Assert.Equal(ClockStatus.Running, started.Status);
        var events = await fixture.Node.Services.GetRequiredService<IGrainFactory>().GetGrain<IExerciseGrain>(exercise.ExerciseId).GetEvents(0, 100);
        Assert.Equal("site-controller-2", Assert.Single(events, e => e.Kind == ExerciseEvents.Started).By);
    }

    // The dashboard's own data service, given the signed-in account a circuit would have.
    private DashboardData DataFor(string role, string name) => new(
        fixture.Node.Services.GetRequiredService<IGrainFactory>(),
        new SignedIn(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimNames.Name, name), new Claim(ClaimNames.Role, role)], "Cookies", ClaimNames.Name, ClaimNames.Role))),
        fixture.Node.Services.GetRequiredService<IAuthorizationService>(),
        fixture.Node.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ScenarioEngine.Web.Hosting.WebOptions>>());

    private sealed class SignedIn(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
