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
}
