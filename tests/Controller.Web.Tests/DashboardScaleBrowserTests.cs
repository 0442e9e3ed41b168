using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ScenarioEngine.Web.Tests;

/// <summary>
/// The control room with many teams and many fired injects (issue 16 §1): the matrix and the live
/// feed are virtualised, so the page holds only the rows (and the matrix the team columns) on screen
/// and scrolling brings the rest.
/// </summary>
[Collection(nameof(DashboardBrowserCollection))]
public sealed class DashboardScaleBrowserTests(DashboardBrowserFixture fixture)
{
    private const int Teams = 60;
    private const int Injects = 100;

    /// <summary>Rows on screen (about 18 at 1366×768) and the overscan either side, with room to spare.</summary>
    private const int MaxRowsInPage = 60;

    /// <summary>No phone has joined: an entry is queued or sent, never delivered.</summary>
    private static readonly Regex NoDeviceYet = new("^(queued|sent)$");

    [Fact]
    public async Task Matrix_and_feed_of_sixty_teams_and_a_hundred_fired_injects_keep_only_the_rows_and_columns_on_screen()
    {
        var id = EmbeddedNodeFixture.NewExerciseId();
        await fixture.Controller.CreateExerciseAsync(id, ScenarioYaml(Teams, Injects + 1));
        await fixture.Controller.StartAsync(id);
        for (var i = 1; i <= Injects; i++)
        {
            await fixture.Controller.FireAsync(id, i.ToString(CultureInfo.InvariantCulture));
        }

        var page = await fixture.SignedInPageAsync();
        await DashboardBrowserFixture.GoAsync(page, $"/exercises/{id}/matrix");
        var rows = page.Locator("tr[data-testid^='matrix-']");
        var newest = $"{Injects}";
        // Newest first, as the feed: the last fire is the top row, the first ones are below the window.
        await Expect(rows.First).ToHaveAttributeAsync("data-testid", $"matrix-{newest}");
        await Expect(page.GetByTestId("matrix-1")).ToHaveCountAsync(0);
        // Only the team columns in view and a chunk beyond are drawn; the last teams are off to the right.
        var cells = page.GetByTestId($"matrix-{newest}").Locator("td[data-testid^='cell-']");
        await Expect(page.GetByTestId($"cell-{newest}-t0000")).ToHaveAttributeAsync("data-state", NoDeviceYet);
        await Expect(page.GetByTestId($"cell-{newest}-t{Teams - 1:D4}")).ToHaveCountAsync(0);
        Assert.InRange(await cells.CountAsync(), 24, Teams - 8);
        Assert.InRange(await rows.CountAsync(), 10, MaxRowsInPage);
        // The table is as wide as every column, so the scrollbar is the whole matrix's.
        var (scrollWidth, clientWidth) = await ScrollWidthsAsync(page);
        Assert.True(scrollWidth > clientWidth * 1.5, $"scroll width {scrollWidth} for {clientWidth} shown");
        await DashboardBrowserFixture.ScreenshotAsync(page, "matrix-many");

        await page.Locator(".scroll").EvaluateAsync("e => e.scrollLeft = e.scrollWidth");
        await Expect(page.GetByTestId($"cell-{newest}-t{Teams - 1:D4}")).ToHaveAttributeAsync("data-state", NoDeviceYet);
        await Expect(page.GetByTestId($"cell-{newest}-t0000")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("matrix").Locator("th.vertical").Last).ToHaveAttributeAsync("title", $"Team {Teams - 1}");
        Assert.Equal((scrollWidth, clientWidth), await ScrollWidthsAsync(page));
        await page.Locator(".scroll").EvaluateAsync("e => e.scrollLeft = 0");
        await Expect(page.GetByTestId($"cell-{newest}-t0000")).ToBeAttachedAsync();

        await page.Locator(".scroll").EvaluateAsync("e => e.scrollTop = e.scrollHeight");
        await Expect(page.GetByTestId("matrix-1")).ToBeAttachedAsync();
        await Expect(page.GetByTestId("cell-1-t0000")).ToHaveAttributeAsync("data-state", NoDeviceYet);
        await Expect(page.GetByTestId($"matrix-{newest}")).ToHaveCountAsync(0);
        Assert.InRange(await rows.CountAsync(), 10, MaxRowsInPage);

        // A fire while the page is open lands on top, in view, with no scrolling.
        await page.Locator(".scroll").EvaluateAsync("e => e.scrollTop = 0");
        await Expect(rows.First).ToHaveAttributeAsync("data-testid", $"matrix-{newest}");
        var wasOnTop = await rows.First.ElementHandleAsync();
        var next = $"{Injects + 1}";
        await fixture.Controller.FireAsync(id, next);
        await Expect(rows.First).ToHaveAttributeAsync("data-testid", $"matrix-{next}");
        await Expect(page.GetByTestId($"cell-{next}-t0000")).ToHaveAttributeAsync("data-state", NoDeviceYet);
        // Rows are keyed: the old top row moved down as it was, rather than being rewritten into the new one.
        Assert.Equal($"matrix-{newest}", await wasOnTop.GetAttributeAsync("data-testid"));

        await page.GetByTestId("tab-feed").ClickAsync();
        var items = page.GetByTestId("feed").Locator("li[data-event-seq]");
        // Newest first, as before: the last fire is on top, each logged event carries its sequence.
        await Expect(items.First).ToHaveAttributeAsync("data-inject", (Injects + 1).ToString(CultureInfo.InvariantCulture));
        Assert.InRange(await items.CountAsync(), 10, MaxRowsInPage);
        await Expect(page.Locator("li.feed-inject-fired[data-inject='1']")).ToHaveCountAsync(0);

        await page.GetByTestId("feed").EvaluateAsync("e => e.scrollTop = e.scrollHeight");
        await Expect(page.Locator("li.feed-inject-fired[data-inject='1']")).ToBeAttachedAsync();
        await Expect(page.Locator("li.feed-clock-started")).ToBeAttachedAsync();
        Assert.InRange(await items.CountAsync(), 10, MaxRowsInPage);
    }

    private static async Task<(int Scroll, int Client)> ScrollWidthsAsync(IPage page)
    {
        var widths = await page.Locator(".scroll").EvaluateAsync<int[]>("e => [e.scrollWidth, e.clientWidth]");
        return (widths[0], widths[1]);
    }

    private static string ScenarioYaml(int teams, int injects)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("id: many-teams").AppendLine("title: { en: \"Many teams\" }").AppendLine("languages: [en]").AppendLine("defaultLanguage: en");
        yaml.AppendLine("teams:");
        for (var t = 0; t < teams; t++)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  - id: t{t:D4}").AppendLine(CultureInfo.InvariantCulture, $"    name: {{ en: \"Team {t}\" }}");
        }

        var everyTeam = string.Join(", ", Enumerable.Range(0, teams).Select(t => $"t{t:D4}"));
        yaml.AppendLine("injects:");
        for (var i = 1; i <= injects; i++)
        {
            yaml.AppendLine(CultureInfo.InvariantCulture, $"  - number: \"{i}\"")
                .AppendLine("    from: { en: \"Control\" }")
                .AppendLine(CultureInfo.InvariantCulture, $"    to: {{ teams: [{everyTeam}] }}")
                .AppendLine(CultureInfo.InvariantCulture, $"    subject: {{ en: \"Inject {i}\" }}")
                .AppendLine("    message: { en: \"Check in with control.\" }");
        }

        return yaml.ToString();
    }
}
