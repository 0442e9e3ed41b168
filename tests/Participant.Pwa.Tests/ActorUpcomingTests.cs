using System.Net.Http.Json;
using ScenarioEngine.Testing;
using Xunit.Abstractions;
using static ScenarioEngine.Pwa.Tests.Phone;

namespace ScenarioEngine.Pwa.Tests;

/// <summary>An actor's phone shows the next cue card's title and the wait in wall time, and "paused" with the clock (issue 17).</summary>
[Collection(BrowserCollection.Name)]
public sealed class ActorUpcomingTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Actor_sees_the_next_card_in_about_ten_minutes_at_double_speed_and_paused_when_the_clock_stops()
    {
        var exerciseId = $"pwa-{Guid.NewGuid():N}"[..20];
        var exercise = await fixture.Controller.CreateExerciseAsync(exerciseId, UpcomingCueCardScenario.Yaml);
        await using var phone = await Phone.OpenAsync(fixture.Browser, fixture.Node.BaseAddress, output);
        await phone.OpenAppAsync();
        await phone.JoinAsync(ControllerClient.JoinCodeOf(exercise, "olga"), name: "Olga", agency: "Actors");

        // The raid is due 20 exercise minutes after STARTEX; at 2× that is 10 minutes of wall time.
        (await fixture.Controller.Http.PostAsJsonAsync($"/api/exercises/{exerciseId}/clock/speed", new { speed = 2.0 })).EnsureSuccessStatusCode();
        await fixture.Controller.StartAsync(exerciseId);

        await Expect(phone.ById("cue-card")).ToContainTextAsync("Wait at the reception");
        await Expect(phone.ById("cue-next-line")).ToHaveTextAsync("Next: The raid: hide in the back room, in about 10 minutes");
        await Expect(phone.ById("cue-later")).ToHaveTextAsync("Later: Ask for a doctor, in about 20 minutes");
        await Expect(phone.Page.GetByText("SECRET", new() { Exact = false })).ToHaveCountAsync(0);
        await phone.Page.ScreenshotAsync(new() { Path = OfflineAttachmentTests.DocsScreenshot("phone-actor-next-en") });
        await phone.SetLanguageAsync("ru");
        await phone.CloseMenuAsync();
        await Expect(phone.ById("cue-next-line")).ToHaveTextAsync("Далее: Рейд: спрячьтесь в подсобке, примерно через 10 минут");
        await phone.Page.ScreenshotAsync(new() { Path = OfflineAttachmentTests.DocsScreenshot("phone-actor-next-ru") });
        await phone.SetLanguageAsync("en");
        await phone.CloseMenuAsync();

        // Paused, then a card released by hand: the phone asks again and the wait stops.
        (await fixture.Controller.Http.PostAsync($"/api/exercises/{exerciseId}/pause", null)).EnsureSuccessStatusCode();
        await fixture.Controller.FireAsync(exerciseId, "C4");

        await Expect(phone.ById("cue-next")).ToHaveAttributeAsync("data-wait", "paused");
        await Expect(phone.ById("cue-next-line")).ToHaveTextAsync("Next: The raid: hide in the back room, exercise clock paused");
    }
}
