using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ScenarioEngine.Evaluation;
using ScenarioEngine.Testing;
using Xunit.Abstractions;
using static ScenarioEngine.Pwa.Tests.Phone;

namespace ScenarioEngine.Pwa.Tests;

/// <summary>An evaluator's phone against a real server: join with an evaluator code, rate, note what is seen now, and keep working offline.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EvaluatorPhoneTests(BrowserFixture fixture, ITestOutputHelper output)
{
    // The sample scenario: eval-1 covers team-a and team-c; inject 1 goes to team-a; identify-screen is a critical task of the objective "identify".
    private const string Task = "identify-screen";

    private IObservationLogGrain Log(string exerciseId) =>
        fixture.Node.Services.GetRequiredService<IGrainFactory>().GetGrain<IObservationLogGrain>(exerciseId);

    [Fact]
    public async Task Evaluator_rates_with_a_photo_notes_what_is_seen_now_and_what_is_recorded_offline_is_sent_exactly_once()
    {
        var exerciseId = $"pwa-{Guid.NewGuid():N}"[..20];
        var exercise = await fixture.Controller.CreateExerciseAsync(exerciseId, scenarioYaml: null);
        await fixture.Controller.StartAsync(exerciseId);
        await fixture.Controller.FireAsync(exerciseId, "1");
        await using var phone = await Phone.OpenAsync(fixture.Browser, fixture.Node.BaseAddress, output);
        await phone.OpenAppAsync();

        await phone.JoinAsync(ControllerClient.JoinCodeOf(exercise, "eval-1"), "Irina", "NGO");

        await Expect(phone.ById("evaluator")).ToBeVisibleAsync();
        await Expect(phone.ById("tab-inbox")).ToBeHiddenAsync(); // no team mailbox, so no Inbox, Threads or News
        await Expect(phone.ById("eval-team").Locator("option")).ToHaveCountAsync(2);
        await phone.ById("eval-team").SelectOptionAsync("team-a");
        await Expect(phone.ById("in-play")).ToHaveAttributeAsync("data-inject", "1");
        await Expect(phone.ById("exercise-time")).Not.ToBeEmptyAsync();
        var task = phone.Page.Locator($"[data-testid=eval-task][data-task={Task}]");

        // A rating with a note and a photo.
        await phone.ById("eval-note").FillAsync("Screened the women one by one, no interpreter");
        await phone.ById("eval-photo").SetInputFilesAsync(new FilePayload { Name = "door.png", MimeType = "image/png", Buffer = FakeCamera.QrPng("door 2") });
        await Expect(phone.ById("eval-photo-status")).Not.ToBeEmptyAsync();
        await task.GetByTestId("rate-s").ClickAsync();
        await Expect(task.GetByTestId("task-rating")).ToHaveAttributeAsync("data-rating", "s");
        await Expect(phone.Page.Locator("[data-testid=observation][data-state=sent]")).ToHaveCountAsync(1);

        // "Observed now": a note linked to the inject in play for the team.
        await phone.ById("eval-note").FillAsync("Door chained from outside");
        await phone.ById("observed-now").ClickAsync();
        await Expect(phone.Page.Locator("[data-testid=observation][data-state=sent]")).ToHaveCountAsync(2);

        // Offline: a correction of the rating and another note wait on the phone.
        await phone.Context.SetOfflineAsync(true);
        await Expect(phone.ById("connection-state")).ToHaveAttributeAsync("data-state", "offline");
        await phone.ById("eval-note").FillAsync("Interpreter arrived, screening redone properly");
        await task.GetByTestId("rate-p").ClickAsync();
        await phone.ById("eval-note").FillAsync("Minivan left towards the harbour");
        await phone.ById("observed-now").ClickAsync();
        await Expect(phone.Page.Locator("[data-testid=observation][data-state=queued]")).ToHaveCountAsync(2);
        await Expect(task.GetByTestId("task-rating")).ToHaveAttributeAsync("data-rating", "p");
        await Expect(phone.ById("observations-waiting")).Not.ToBeEmptyAsync();
        await ShootObservationsAsync(phone, "evaluator-offline");
        Assert.Equal(2, (await Log(exerciseId).List()).Count);

        await phone.Context.SetOfflineAsync(false);
        await Expect(phone.ById("connection-state")).ToHaveAttributeAsync("data-state", "online");
        await Expect(phone.Page.Locator("[data-testid=observation][data-state=sent]")).ToHaveCountAsync(4);
        await Expect(phone.ById("observations-waiting")).ToBeEmptyAsync();

        var log = await Log(exerciseId).List();
        Assert.Equal(4, log.Count);
        Assert.Equal(4, log.Select(o => o.Entry.ClientId).Distinct().Count());
        var rated = log.Where(o => o.Entry.CriticalTaskId == Task).ToList();
        Assert.Equal([Rating.S, Rating.P], rated.Select(o => o.Entry.Rating));
        Assert.Equal(rated[0].Sequence, rated[1].Entry.Corrects);
        Assert.Single(rated[0].Entry.AttachmentIds);
        Assert.All(log, o => Assert.Equal(("eval-1", "team-a", "1"), (o.Entry.Evaluator, o.Entry.TeamId, o.Entry.InjectNumber)));
        Assert.Equal(
            ["Door chained from outside", "Minivan left towards the harbour"],
            log.Where(o => o.Entry.Rating is null).Select(o => o.Entry.Note));
        var current = Assert.Single(ObservationCorrections.Current(log), o => o.Entry.CriticalTaskId == Task);
        Assert.Equal(Rating.P, current.Entry.Rating);
        using (var photo = await fixture.Controller.Http.GetAsync($"/api/exercises/{exerciseId}/attachments/{rated[0].Entry.AttachmentIds[0]}"))
        {
            photo.EnsureSuccessStatusCode();
            Assert.Equal("image/jpeg", photo.Content.Headers.ContentType?.MediaType);
        }

        // A reload reconnects with an empty outbox: nothing is sent again.
        await phone.Page.ReloadAsync();
        await Expect(phone.ById("connection-state")).ToHaveAttributeAsync("data-state", "online");
        await Expect(phone.Page.Locator("[data-testid=observation][data-state=sent]")).ToHaveCountAsync(4);
        await phone.ById("eval-team").SelectOptionAsync("team-a");
        await Expect(task.GetByTestId("task-rating")).ToHaveAttributeAsync("data-rating", "p");
        await phone.ShootBothLanguagesAsync("evaluator", fullPage: false);
        Assert.Equal(4, (await Log(exerciseId).List()).Count);
    }

    /// <summary>The list of what this phone recorded, at the bottom of a long screen, in English and Russian; leaves it in English.</summary>
    private static async Task ShootObservationsAsync(Phone phone, string name)
    {
        foreach (var language in new[] { "en", "ru" })
        {
            await phone.SetLanguageAsync(language);
            await phone.CloseMenuAsync();
            await phone.Page.Locator("[data-testid=observation]").Last.ScrollIntoViewIfNeededAsync();
            var path = Screenshots.PathOf($"{name}-{language}");
            await phone.Page.ScreenshotAsync(new() { Path = path });
            phone.Log($"screenshot: {path}");
        }

        await phone.SetLanguageAsync("en");
    }
}
