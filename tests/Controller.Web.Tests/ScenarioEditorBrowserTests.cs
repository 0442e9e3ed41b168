using Microsoft.Playwright;
using ScenarioEngine.Testing;
using static Microsoft.Playwright.Assertions;

namespace ScenarioEngine.Web.Tests;

/// <summary>
/// The scenario editor with two designers at once: two headless Chromium pages, each its own
/// browser context and Blazor circuit, on one draft of a real server.
/// </summary>
[Collection(nameof(DashboardBrowserCollection))]
public sealed class ScenarioEditorBrowserTests(DashboardBrowserFixture fixture)
{
    private async Task<string> NewLibraryScenarioAsync()
    {
        var id = $"editor-{Guid.NewGuid():N}"[..20];
        using var yaml = new StringContent(TestScenarios.TwoTeamsOneActor.Replace("id: two-teams-one-actor", $"id: {id}", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/yaml");
        (await fixture.Controller.Http.PostAsync("/api/scenarios", yaml)).EnsureSuccessStatusCode();
        return id;
    }

    [Theory]
    [InlineData("en", "version", "was changed by another designer")]
    [InlineData("ru", "версия", "изменил другой разработчик")]
    public async Task Two_designers_see_each_others_edits_live_a_stale_edit_of_one_cell_is_refused_and_undo_restores(string language, string version, string refused)
    {
        var id = await NewLibraryScenarioAsync();
        var locale = language == "ru" ? "ru-RU" : "en-GB";
        var a = await fixture.SignedInPageAsync(locale: locale);
        var b = await fixture.SignedInPageAsync(locale: locale);
        await DashboardBrowserFixture.GoAsync(a, $"/scenarios/{id}/edit");
        await DashboardBrowserFixture.GoAsync(b, $"/scenarios/{id}/edit");
        await Expect(a.GetByTestId("version")).ToHaveTextAsync($"{version} 1");
        await Expect(b.GetByTestId("version")).ToHaveTextAsync($"{version} 1");

        // A edits a cell; B's page shows it without reloading.
        var subject = a.GetByTestId("cell-i2-subject.en");
        await subject.FillAsync("Bank lead, revised");
        await subject.PressAsync("Tab");
        await Expect(b.GetByTestId("cell-i2-subject.en")).ToHaveValueAsync("Bank lead, revised");
        await Expect(b.GetByTestId("version")).ToHaveTextAsync($"{version} 2");

        // B is typing in a cell when A changes it: B keeps the typing and sees A's value under it…
        var mine = b.GetByTestId("cell-i1-message.ru");
        await mine.FillAsync("Версия Б");
        var theirs = a.GetByTestId("cell-i1-message.ru");
        await theirs.FillAsync("Версия А");
        await theirs.PressAsync("Tab");
        await Expect(b.GetByTestId("cell-i1-message.ru-changed")).ToContainTextAsync("Версия А");
        await Expect(mine).ToHaveValueAsync("Версия Б");

        // …and B's edit, made from the value B saw before, is refused with the value the cell holds now.
        await mine.PressAsync("Tab");
        await Expect(b.GetByTestId("edit-refused")).ToContainTextAsync(refused);
        await Expect(b.GetByTestId("edit-refused")).ToContainTextAsync("Версия Б");
        await Expect(b.GetByTestId("refused-current")).ToHaveTextAsync("Версия А");
        await Expect(mine).ToHaveValueAsync("Версия А");
        await Expect(b.GetByTestId("version")).ToHaveTextAsync($"{version} 3");
        await DashboardBrowserFixture.ScreenshotAsync(b, $"editor-conflict-{language}");

        // The phone preview shows the inject as the team's app does, in the app's own words.
        await b.GetByTestId("preview-i1").ClickAsync();
        await b.GetByTestId($"preview-lang-{language}").ClickAsync();
        var phone = b.FrameLocator("[data-testid=phone-preview]");
        await Expect(phone.Locator("article.message h1")).ToHaveTextAsync(language == "ru" ? "Наводка" : "Tip-off");
        await Expect(phone.Locator("article.message button.primary")).ToHaveTextAsync(language == "ru" ? "Подтвердить получение" : "Acknowledge");

        // Undo is a new version with the content before A's last change; both pages show it.
        await a.GetByTestId("undo").ClickAsync();
        await Expect(a.GetByTestId("cell-i1-message.ru")).ToHaveValueAsync("У склада видели фургон.");
        await Expect(b.GetByTestId("cell-i1-message.ru")).ToHaveValueAsync("У склада видели фургон.");
        await Expect(b.GetByTestId("version")).ToHaveTextAsync($"{version} 4");
        await Expect(b.GetByTestId("cell-i2-subject.en")).ToHaveValueAsync("Bank lead, revised");
        // The screenshot shows the grid from its first column, as a designer opening it would.
        await a.GetByTestId("editor").Locator("h1").ClickAsync();
        await a.Locator(".grid-scroll").EvaluateAsync("e => e.scrollLeft = 0");
        await DashboardBrowserFixture.ScreenshotAsync(a, $"editor-grid-{language}");

        await b.GetByTestId("tab-versions").ClickAsync();
        await b.GetByTestId("diff-3").ClickAsync();
        await Expect(b.GetByTestId("diff")).ToContainTextAsync("Версия А");
        await Expect(b.GetByTestId("versions").Locator("tbody tr")).ToHaveCountAsync(4);
        await DashboardBrowserFixture.ScreenshotAsync(b, $"editor-versions-{language}");
    }

    [Fact]
    public async Task Live_validation_names_the_problem_in_the_importers_words_and_an_observer_cannot_edit()
    {
        var id = await NewLibraryScenarioAsync();
        var page = await fixture.SignedInPageAsync(locale: "ru-RU");
        await DashboardBrowserFixture.GoAsync(page, $"/scenarios/{id}/edit");

        var subject = page.GetByTestId("cell-i2-subject.ru");
        await subject.FillAsync(string.Empty);
        await subject.PressAsync("Tab");
        await Expect(page.GetByTestId("problems")).ToContainTextAsync("injects[1].subject");
        await Expect(page.GetByTestId("row-i2")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("has-problem"));

        var observer = await fixture.SignedInPageAsync(userName: WebNode.ObserverUser);
        await DashboardBrowserFixture.GoAsync(observer, $"/scenarios/{id}/edit");
        await Expect(observer.GetByTestId("read-only")).ToBeVisibleAsync();
        await Expect(observer.GetByTestId("undo")).ToHaveCountAsync(0);
        await Expect(observer.GetByTestId("add-row")).ToHaveCountAsync(0);
        await Expect(observer.GetByTestId("cell-i1-subject.en")).ToHaveAttributeAsync("readonly", string.Empty);
    }

    // The branching drill with a persona sending inject 1 and its own classification line, as the phone shows them.
    private static readonly string BranchingWithPersona = TestScenarios.Branching
        .Replace("    subject: { en: \"Tip-off\"", "    fromPersona: hotline\n    subject: { en: \"Tip-off\"", StringComparison.Ordinal)
        + """

        personas:
          - id: hotline
            name: { en: "Hotline", ru: "Горячая линия" }
            organisation: { en: "Anti-trafficking hotline", ru: "Горячая линия по торговле людьми" }
            initials: HL
            colour: "#1f6feb"
        classificationLine: { en: "DRILL — DRILL — DRILL", ru: "ТРЕНИРОВКА — ТРЕНИРОВКА" }
        """;

    [Theory]
    [InlineData("en", "Wait for backup", "Hotline", "DRILL — DRILL — DRILL")]
    [InlineData("ru", "Ждать подкрепления", "Горячая линия", "ТРЕНИРОВКА — ТРЕНИРОВКА")]
    public async Task A_designer_adds_a_choice_to_a_response_form_points_a_trigger_at_it_and_sees_the_persona_in_the_phone_preview(
        string language, string label, string persona, string marking)
    {
        var id = $"details-{Guid.NewGuid():N}"[..20];
        using var yaml = new StringContent(BranchingWithPersona.Replace("id: branching", $"id: {id}", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/yaml");
        (await fixture.Controller.Http.PostAsync("/api/scenarios", yaml)).EnsureSuccessStatusCode();
        var page = await fixture.SignedInPageAsync(locale: language == "ru" ? "ru-RU" : "en-GB");
        await DashboardBrowserFixture.GoAsync(page, $"/scenarios/{id}/edit");

        // The response form of inject 1: a third option, labelled in the designer's language.
        await page.GetByTestId("details-i1").ClickAsync();
        var choices = page.GetByTestId("cell-i1-form.decision.choices");
        await Expect(choices).ToHaveValueAsync("observe, raid");
        await choices.FillAsync("observe, raid, wait");
        await choices.PressAsync("Tab");
        var option = page.GetByTestId($"cell-i1-form.decision.choice.wait.{language}");
        await option.FillAsync(label);
        await option.PressAsync("Tab");
        var required = page.GetByTestId("cell-i1-form.decision.required");
        await required.CheckAsync();
        await Expect(page.GetByTestId("version")).ToContainTextAsync("4");

        // Inject 2's trigger names a choice the form lacks: the problem shows at that cell…
        await page.GetByTestId("details-i2").ClickAsync();
        var value = page.GetByTestId("cell-i2-trigger.value");
        await Expect(page.GetByTestId("cell-i2-trigger.kind")).ToHaveValueAsync("OnResponse");
        await value.FillAsync("hold");
        await value.PressAsync("Tab");
        await Expect(page.GetByTestId("cell-i2-trigger.value-problem")).ToContainTextAsync("hold");
        await Expect(page.GetByTestId("cell-i2-trigger.value-problem")).ToContainTextAsync("observe, raid, wait");
        await Expect(page.GetByTestId("row-i2")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("has-problem"));

        // …and goes once the trigger waits for the new option.
        await value.FillAsync("wait");
        await value.PressAsync("Tab");
        await Expect(page.GetByTestId("cell-i2-trigger.value-problem")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("no-problems")).ToBeVisibleAsync();
        await page.GetByTestId("details-i1").ClickAsync();
        await Expect(page.GetByTestId("cell-i1-trigger.kind")).ToHaveValueAsync(string.Empty);
        await Expect(page.GetByTestId("cell-i1-trigger.value")).ToHaveCountAsync(0);
        await page.GetByTestId("editor").Locator("h1").ClickAsync();
        await page.Locator(".grid-scroll").EvaluateAsync("e => e.scrollLeft = 0");
        await DashboardBrowserFixture.ScreenshotAsync(page, $"editor-details-{language}");

        // The phone preview of inject 1 shows the persona's avatar and name, and the scenario's marking.
        await page.GetByTestId($"preview-lang-{language}").ClickAsync();
        var phone = page.FrameLocator("[data-testid=phone-preview]");
        await Expect(phone.GetByTestId("preview-persona")).ToContainTextAsync(persona);
        await Expect(phone.Locator("[data-testid=preview-persona] .avatar")).ToHaveTextAsync("HL");
        await Expect(phone.Locator("[data-testid=preview-persona] .avatar")).ToHaveAttributeAsync("style", "background:#1f6feb");
        await Expect(phone.GetByTestId("marking")).ToHaveTextAsync(marking);
        await Expect(phone.Locator("dl.meta dd").First).ToHaveTextAsync(persona);
        await page.Locator(".phone-card").ScreenshotAsync(new LocatorScreenshotOptions
        {
            Path = Path.Combine(DashboardBrowserFixture.ScreenshotDirectory, $"dashboard-editor-preview-persona-{language}.png"),
        });

        // The versions list the form's and the trigger's changes cell by cell; undo takes back the last.
        await page.GetByTestId("undo").ClickAsync();
        await Expect(page.GetByTestId("problem-count")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bok\\b"));
        await page.GetByTestId("tab-versions").ClickAsync();
        await page.GetByTestId("diff-2").ClickAsync();
        await Expect(page.GetByTestId("diff")).ToContainTextAsync("observe, raid, wait");
    }

    [Fact]
    public async Task An_exercise_before_startex_is_edited_in_the_editor_and_refuses_edits_once_it_has_started()
    {
        var id = $"exdraft-{Guid.NewGuid():N}"[..20];
        await fixture.Controller.CreateExerciseAsync(id);
        var page = await fixture.SignedInPageAsync(locale: "en-GB");
        await DashboardBrowserFixture.GoAsync(page, $"/exercises/{id}");
        await page.GetByTestId("edit-exercise-scenario").ClickAsync();
        await Expect(page.GetByTestId("exercise-draft")).ToBeVisibleAsync();

        var subject = page.GetByTestId("cell-i2-subject.en");
        await subject.FillAsync("Bank lead, for this run");
        await subject.PressAsync("Tab");
        await Expect(page.GetByTestId("version")).ToContainTextAsync("2");
        var applied = await fixture.Controller.Http.GetStringAsync($"/api/exercises/{id}");
        Assert.Contains("Bank lead, for this run", applied, StringComparison.Ordinal);

        (await fixture.Controller.Http.PostAsync($"/api/exercises/{id}/start", null)).EnsureSuccessStatusCode();
        await subject.FillAsync("Too late");
        await subject.PressAsync("Tab");
        await Expect(page.GetByTestId("edit-refused")).ToContainTextAsync("has started");
        await page.ReloadAsync();
        await Expect(page.GetByTestId("exercise-started")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("cell-i2-subject.en")).ToHaveAttributeAsync("readonly", string.Empty);
        Assert.DoesNotContain("Too late", await fixture.Controller.Http.GetStringAsync($"/api/exercises/{id}"), StringComparison.Ordinal);
    }
}
