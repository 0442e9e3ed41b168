using System.Text.RegularExpressions;
using ScenarioEngine.Devices;
using ScenarioEngine.Testing;
using Xunit.Abstractions;
using static ScenarioEngine.Pwa.Tests.Phone;

namespace ScenarioEngine.Pwa.Tests;

/// <summary>An actor's cue cards and the STOP banner, against a real server.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ActorAndSignalTests(BrowserFixture fixture, ITestOutputHelper output)
{
    // TestScenarios.TwoTeamsOneActor: inject 3 is a manual cue card for the actor "witness".
    private const string CueCardInject = "3";

    [Fact]
    public async Task Actor_sees_the_cue_card_large_and_can_call_the_controller()
    {
        var exerciseId = $"pwa-{Guid.NewGuid():N}"[..20];
        var exercise = await fixture.Controller.CreateExerciseAsync(exerciseId);
        await using var phone = await Phone.OpenAsync(fixture.Browser, fixture.Node.BaseAddress, output);
        await phone.OpenAppAsync();
        await phone.JoinAsync(ControllerClient.JoinCodeOf(exercise, "witness"), name: "Boris", agency: "Role-player");
        await Expect(phone.ById("recipient")).ToContainTextAsync("Actor: Witness");

        await fixture.Controller.FireAsync(exerciseId, CueCardInject);

        await Expect(phone.ById("cue-card")).ToContainTextAsync("Say you saw nothing.");
        await phone.ShootBothLanguagesAsync("actor");
        await Expect(phone.Page.GetByText("Скажите, что ничего не видели.")).ToHaveCountAsync(0); // back in English

        await Wait.Until(async () =>
            (await fixture.Controller.GetDeliveriesAsync(exerciseId)).Single(r => r.Recipient.Id == "witness").Deliveries.Single().SeenAt is not null);

        await phone.ById("need-controller").ClickAsync();
        // "sent" once the server has CallController; until then the actor is told to use the radio.
        await Expect(phone.ById("call-result")).ToHaveAttributeAsync("data-outcome", CallOutcome());
        output.WriteLine($"need-controller outcome: {await phone.ById("call-result").GetAttributeAsync("data-outcome")}");

        var deliveries = await fixture.Controller.GetDeliveriesAsync(exerciseId);
        var card = deliveries.Single(r => r.Recipient.Id == "witness").Deliveries.Single();
        Assert.NotNull(card.DeliveredAt);
    }

    [Fact]
    public async Task Actor_sees_the_disclosure_gates_of_a_cue_card_with_their_conditions()
    {
        // TestScenarios.Branching: the guard's cue card C1 comes at STARTEX with one gated fact.
        var exerciseId = $"pwa-{Guid.NewGuid():N}"[..20];
        var exercise = await fixture.Controller.CreateExerciseAsync(exerciseId, TestScenarios.Branching);
        await using var phone = await Phone.OpenAsync(fixture.Browser, fixture.Node.BaseAddress, output);
        await phone.OpenAppAsync();
        await phone.JoinAsync(ControllerClient.JoinCodeOf(exercise, "guard"), name: "Pavel", agency: "Role-player");

        await fixture.Controller.StartAsync(exerciseId);

        await Expect(phone.ById("cue-card")).ToContainTextAsync("You guard the door.");
        var gate = phone.ById("disclosure");
        await Expect(gate).ToHaveAttributeAsync("data-gate", "keys");
        await Expect(gate).ToContainTextAsync("The boss has the keys.");
        await Expect(gate).ToContainTextAsync("Condition: If asked twice.");
        await Expect(gate).ToContainTextAsync("Not before inject 2 has happened.");
        await phone.ShootBothLanguagesAsync("actor-gates", fullPage: true);
    }

    [Fact]
    public async Task A_STOP_covers_the_screen_until_acknowledged_the_server_sees_who_acknowledged_and_clearing_lifts_it()
    {
        var (exerciseId, phone) = await JoinedParticipantAsync();
        await using var _ = phone;
        var deviceId = await ConnectedDeviceIdAsync(exerciseId);

        var signal = await fixture.Controller.RaiseSignalAsync(exerciseId, SignalKind.Stop);

        await Expect(phone.ById("signal-banner")).ToBeVisibleAsync();
        await Expect(phone.ById("signal-banner")).ToHaveAttributeAsync("data-kind", "stop");
        await Expect(phone.Page.Locator("#signal-title")).ToBeFocusedAsync();
        Assert.True(await phone.Page.EvaluateAsync<bool>("document.querySelector('main').inert"));
        await phone.ShootBothLanguagesAsync("stop");
        var before = await fixture.Controller.GetSignalsAsync(exerciseId);
        Assert.Contains(deviceId, before.Single().NotAcknowledgedBy);

        await phone.ById("signal-ack").ClickAsync();

        await Expect(phone.ById("signal-banner")).ToBeHiddenAsync();
        await Expect(phone.ById("signal-strip")).ToBeVisibleAsync();
        await Wait.Until(async () => (await fixture.Controller.GetSignalsAsync(exerciseId)).Single().AcknowledgedBy.Contains(deviceId));

        await fixture.Controller.ClearSignalAsync(exerciseId, signal.SignalId);
        await Expect(phone.ById("signal-strip")).ToBeHiddenAsync();
        Assert.False(await phone.Page.EvaluateAsync<bool>("document.querySelector('main').inert"));
    }

    [Fact]
    public async Task A_real_emergency_says_it_is_not_part_of_the_exercise_in_both_languages()
    {
        var (exerciseId, phone) = await JoinedParticipantAsync();
        await using var _ = phone;

        await fixture.Controller.RaiseSignalAsync(exerciseId, SignalKind.RealEmergency);

        await Expect(phone.ById("signal-banner")).ToHaveAttributeAsync("data-kind", "realEmergency");
        await Expect(phone.ById("signal-banner")).ToContainTextAsync("NOT part of the exercise");
        await phone.ShootBothLanguagesAsync("emergency");
        await phone.SetLanguageAsync("ru");
        await Expect(phone.ById("signal-banner")).ToContainTextAsync("НЕ часть учения");
    }

    [Fact]
    public async Task A_signal_raised_while_the_phone_was_offline_is_shown_when_it_reconnects()
    {
        var (exerciseId, phone) = await JoinedParticipantAsync();
        await using var _ = phone;
        await phone.Context.SetOfflineAsync(true);
        await Expect(phone.ById("connection-state")).ToHaveAttributeAsync("data-state", "offline");

        await fixture.Controller.RaiseSignalAsync(exerciseId, SignalKind.Endex);
        await phone.Context.SetOfflineAsync(false);

        await Expect(phone.ById("signal-banner")).ToHaveAttributeAsync("data-kind", "endex");
    }

    [Fact]
    public async Task A_revoked_phone_goes_back_to_the_join_screen_and_says_why()
    {
        var (exerciseId, phone) = await JoinedParticipantAsync();
        await using var _ = phone;
        var deviceId = await ConnectedDeviceIdAsync(exerciseId);

        await fixture.Controller.RevokeAsync(exerciseId, deviceId);

        await Expect(phone.ById("join-notice")).ToContainTextAsync("removed from the exercise");
        await Expect(phone.ById("join-code")).ToHaveValueAsync(string.Empty);
    }

    /// <summary>The phone's device id, once the server has counted its connection (the hub's OnConnected may trail the client's start).</summary>
    private async Task<string> ConnectedDeviceIdAsync(string exerciseId)
    {
        await Wait.Until(async () => (await fixture.Controller.GetDevicesAsync(exerciseId)) is [{ Connected: true }]);
        return (await fixture.Controller.GetDevicesAsync(exerciseId)).Single().DeviceId;
    }

    private async Task<(string ExerciseId, Phone Phone)> JoinedParticipantAsync()
    {
        var exerciseId = $"pwa-{Guid.NewGuid():N}"[..20];
        var exercise = await fixture.Controller.CreateExerciseAsync(exerciseId);
        var phone = await Phone.OpenAsync(fixture.Browser, fixture.Node.BaseAddress, output);
        await phone.OpenAppAsync();
        await phone.JoinAsync(ControllerClient.JoinCodeOf(exercise, "team-a"));
        return (exerciseId, phone);
    }

    [GeneratedRegex("^(sent|unsupported)$")]
    private static partial Regex CallOutcome();
}
