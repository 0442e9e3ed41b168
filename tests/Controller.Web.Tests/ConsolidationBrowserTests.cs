using System.Net.Http.Json;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.DependencyInjection;
using ScenarioEngine.Evaluation;
using ScenarioEngine.Testing;
using static Microsoft.Playwright.Assertions;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace ScenarioEngine.Web.Tests;

/// <summary>The lead evaluator's consolidation form in the control room, in headless Chromium: findings with their evidence, a final rating, the improvement plan.</summary>
[Collection(nameof(DashboardBrowserCollection))]
public sealed class ConsolidationBrowserTests(DashboardBrowserFixture fixture)
{
    /// <summary>The sample scenario with two observations on "joint" (operational coordination) by an evaluator's phone; returns their sequences.</summary>
    private async Task<(string Id, long Good, long Bad)> SampleWithObservationsAsync()
    {
        var exercise = await fixture.Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId(), scenarioYaml: null);
        var log = fixture.Node.Services.GetRequiredService<IGrainFactory>().GetGrain<IObservationLogGrain>(exercise.ExerciseId);
        var good = await log.Add(new ObservationEntry { ObjectiveId = "joint", CriticalTaskId = "joint-briefing", TeamId = "team-a", Rating = Rating.P, Note = "One command post for police and inspectors.", Evaluator = "eval-1" }, TimeSpan.FromMinutes(20));
        var bad = await log.Add(new ObservationEntry { ObjectiveId = "joint", CriticalTaskId = "joint-briefing", TeamId = "team-b", Rating = Rating.M, Note = "Entered before the joint briefing.", Evaluator = "eval-2" }, TimeSpan.FromMinutes(35));
        return (exercise.ExerciseId, good.Sequence, bad.Sequence);
    }

    [Fact]
    public async Task Lead_evaluator_records_findings_with_evidence_a_final_rating_and_a_plan_item_that_the_docx_prints()
    {
        var (id, good, bad) = await SampleWithObservationsAsync();
        var page = await fixture.SignedInPageAsync(1366, 1400, userName: WebNode.LeadEvaluatorUser);
        await DashboardBrowserFixture.GoAsync(page, $"/exercises/{id}/consolidation");

        var review = page.GetByTestId("review-joint-operational-coordination");
        await Expect(review.GetByTestId("final-rating")).ToBeEnabledAsync();
        await review.GetByTestId("final-rating").SelectOptionAsync("S");
        await review.GetByTestId("add-Strengths").ClickAsync();
        var strength = review.GetByTestId("finding-Strengths-0");
        await strength.GetByTestId("finding-text").FillAsync("One command post from the start.");
        await strength.GetByTestId("finding-evidence").SelectOptionAsync([good.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await review.GetByTestId("add-AreasForImprovement").ClickAsync();
        var area = review.GetByTestId("finding-AreasForImprovement-0");
        await area.GetByTestId("finding-text").FillAsync("Team B entered before the joint briefing.");
        await area.GetByTestId("finding-evidence").SelectOptionAsync([bad.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await review.GetByTestId("save-review").ClickAsync();
        await Expect(page.GetByTestId("consolidation-message")).ToHaveTextAsync("Saved as entry 1.");

        var form = page.GetByTestId("item-form");
        await form.GetByTestId("item-capability").SelectOptionAsync("operational-coordination");
        await form.GetByTestId("item-issue").FillAsync("No joint briefing before entry");
        await form.GetByTestId("item-action").FillAsync("Joint briefing checklist signed by both team leads");
        await form.GetByTestId("item-agency").FillAsync("Regional police");
        await form.GetByTestId("item-start").FillAsync("2027-01-10");
        await form.GetByTestId("item-end").FillAsync("2027-03-31");
        await form.GetByTestId("save-item").ClickAsync();
        await Expect(page.GetByTestId("consolidation-message")).ToHaveTextAsync("Saved as entry 2.");
        var rows = page.GetByTestId("improvement-plan").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("Joint briefing checklist signed by both team leads");
        await Expect(rows.First).ToContainTextAsync("2027-03-31");
        await Expect(form.GetByTestId("item-issue")).ToHaveValueAsync(string.Empty);
        await review.ScrollIntoViewIfNeededAsync();
        await DashboardBrowserFixture.ScreenshotAsync(page, "consolidation-en");

        var current = await fixture.Controller.Http.GetFromJsonAsync<Consolidation>($"/api/exercises/{id}/consolidation", WebNode.Json);
        var saved = Assert.Single(current!.Capabilities);
        Assert.Equal((Rating.S, "One command post from the start.", good), (saved.FinalRating, saved.Strengths.Single().Text, saved.Strengths.Single().Observations.Single()));
        Assert.Equal(("Team B entered before the joint briefing.", bad), (saved.AreasForImprovement.Single().Text, saved.AreasForImprovement.Single().Observations.Single()));
        var item = Assert.Single(current.ImprovementPlan);
        Assert.Equal(("Regional police", new DateOnly(2027, 1, 10), new DateOnly(2027, 3, 31)), (item.ResponsibleAgency, item.Start, item.End));

        // Edit the item: a new entry replaces what counts, the table still has one row.
        await page.GetByTestId($"edit-{item.Id}").ClickAsync();
        await Expect(form.GetByTestId("item-agency")).ToHaveValueAsync("Regional police");
        await form.GetByTestId("item-agency").FillAsync("Regional police and labour inspectorate");
        await form.GetByTestId("save-item").ClickAsync();
        await Expect(page.GetByTestId("consolidation-message")).ToHaveTextAsync("Saved as entry 3.");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("Regional police and labour inspectorate");

        using var docx = WordprocessingDocument.Open(new MemoryStream(await fixture.Controller.Http.GetByteArrayAsync($"/api/exercises/{id}/aar?format=docx&lang=en")), isEditable: false);
        var body = docx.MainDocumentPart!.Document!.Body!;
        Assert.Contains(body.Elements<W.Paragraph>(), p => p.InnerText == "Final rating: S: performed with some challenges");
        Assert.Contains(body.Elements<W.Paragraph>(), p => p.InnerText.Contains("One command post from the start.", StringComparison.Ordinal) && p.InnerText.Contains($"#{good}", StringComparison.Ordinal));
        var plan = body.Elements<W.Table>().Single(t => t.InnerText.Contains("Joint briefing checklist", StringComparison.Ordinal));
        Assert.Contains("Regional police and labour inspectorate", plan.InnerText, StringComparison.Ordinal);
        Assert.Equal(2, plan.Elements<W.TableRow>().Count());
    }

    [Fact]
    public async Task Consolidation_form_reads_in_russian_and_an_observer_sees_it_without_any_control()
    {
        var (id, _, _) = await SampleWithObservationsAsync();
        var lead = await fixture.SignedInPageAsync(1366, 1000, locale: "ru-RU", userName: WebNode.LeadEvaluatorUser);
        await DashboardBrowserFixture.GoAsync(lead, $"/exercises/{id}/consolidation");

        await Expect(lead.GetByTestId("tab-consolidation")).ToHaveTextAsync("Сводная оценка");
        var review = lead.GetByTestId("review-joint-operational-coordination");
        await Expect(review.GetByTestId("add-Strengths")).ToHaveTextAsync("Добавить сильную сторону");
        await review.GetByTestId("final-rating").SelectOptionAsync("U");
        await review.GetByTestId("save-review").ClickAsync();
        await Expect(lead.GetByTestId("consolidation-message")).ToHaveTextAsync("Сохранено как запись 1.");
        await DashboardBrowserFixture.ScreenshotAsync(lead, "consolidation-ru");

        var observer = await fixture.SignedInPageAsync(1366, 1000, userName: WebNode.ObserverUser);
        await DashboardBrowserFixture.GoAsync(observer, $"/exercises/{id}/consolidation");
        var seen = observer.GetByTestId("review-joint-operational-coordination");
        await Expect(seen.GetByTestId("final-rating")).ToHaveValueAsync("U");
        await Expect(seen.GetByTestId("final-rating")).ToBeDisabledAsync();
        await Expect(seen.GetByTestId("save-review")).ToHaveCountAsync(0);
        await Expect(observer.GetByTestId("item-form")).ToHaveCountAsync(0);
    }
}
