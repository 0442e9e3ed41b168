using System.Net;
using System.Net.Http.Json;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.DependencyInjection;
using ScenarioEngine.Evaluation;
using ScenarioEngine.Testing;
using W = DocumentFormat.OpenXml.Wordprocessing;
using X = DocumentFormat.OpenXml.Spreadsheet;

namespace ScenarioEngine.Web.Tests;

/// <summary>The lead evaluator's consolidation through the HTTP API: stored append-only, read by observers, and what the AAR exports print.</summary>
public sealed class ConsolidationApiTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    private async Task<(string Id, long Observation)> SampleWithObservationAsync()
    {
        var exercise = await fixture.Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId(), scenarioYaml: null);
        var observation = await fixture.Node.Services.GetRequiredService<IGrainFactory>().GetGrain<IObservationLogGrain>(exercise.ExerciseId).Add(
            new ObservationEntry { ObjectiveId = "joint", CriticalTaskId = null, TeamId = "team-a", Rating = Rating.M, Note = "Briefing skipped.", Evaluator = "eva" },
            TimeSpan.FromMinutes(5));
        return (exercise.ExerciseId, observation.Sequence);
    }

    [Fact]
    public async Task Lead_evaluators_review_and_plan_item_are_in_the_docx_and_xlsx_and_a_later_review_supersedes_the_first()
    {
        var (id, observation) = await SampleWithObservationAsync();
        using var lead = await fixture.Node.SignInLeadEvaluatorAsync();
        var first = new { strengths = new[] { new { text = "Shared radio channel from the start.", observations = new[] { observation } } }, finalRating = "m" };
        var second = new
        {
            strengths = new[] { new { text = "One joint command post.", observations = new[] { observation } } },
            areasForImprovement = new[] { new { text = "No joint briefing before entry.", observations = new[] { observation } } },
            finalRating = "s",
        };

        (await lead.Http.PutAsJsonAsync($"/api/exercises/{id}/consolidation/capabilities/joint/operational-coordination", first)).EnsureSuccessStatusCode();
        (await lead.Http.PutAsJsonAsync($"/api/exercises/{id}/consolidation/capabilities/joint/operational-coordination", second)).EnsureSuccessStatusCode();
        (await lead.Http.PutAsJsonAsync($"/api/exercises/{id}/consolidation/improvements/ip-1", new
        {
            capability = "operational-coordination",
            issue = "No joint briefing",
            correctiveAction = "Joint briefing checklist",
            responsibleAgency = "Regional police",
            start = "2027-01-10",
            end = "2027-03-31",
        })).EnsureSuccessStatusCode();

        using var observer = await fixture.Node.SignInObserverAsync();
        var current = await observer.Http.GetFromJsonAsync<Consolidation>($"/api/exercises/{id}/consolidation", WebNode.Json);
        var history = await observer.Http.GetFromJsonAsync<List<ConsolidationRecord>>($"/api/exercises/{id}/consolidation/history", WebNode.Json);
        var review = Assert.Single(current!.Capabilities);
        Assert.Equal(Rating.S, review.FinalRating);
        Assert.Equal("One joint command post.", Assert.Single(review.Strengths).Text);
        Assert.Equal([1, 2, 3], history!.Select(r => r.Sequence));
        Assert.Equal("Shared radio channel from the start.", history![0].Entry.Review!.Strengths[0].Text);
        Assert.All(history, r => Assert.Equal(WebNode.LeadEvaluatorUser, r.By));

        var docx = await observer.Http.GetAsync($"/api/exercises/{id}/aar?format=docx&lang=en");
        docx.EnsureSuccessStatusCode();
        using (var document = WordprocessingDocument.Open(await docx.Content.ReadAsStreamAsync(), isEditable: false))
        {
            var text = document.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains("One joint command post.", text, StringComparison.Ordinal);
            Assert.Contains("No joint briefing before entry.", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Shared radio channel from the start.", text, StringComparison.Ordinal);
            Assert.Contains(document.MainDocumentPart.Document.Body!.Elements<W.Table>(), t => t.InnerText.Contains("Joint briefing checklist", StringComparison.Ordinal));
        }

        var xlsx = await observer.Http.GetAsync($"/api/exercises/{id}/aar?format=xlsx&lang=ru");
        xlsx.EnsureSuccessStatusCode();
        using var workbook = SpreadsheetDocument.Open(await xlsx.Content.ReadAsStreamAsync(), isEditable: false);
        Assert.Contains(workbook.WorkbookPart!.WorksheetParts, p => p.Worksheet!.InnerText.Contains("Regional police", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Withdrawn_improvement_item_leaves_the_plan_but_stays_in_the_history()
    {
        var (id, _) = await SampleWithObservationAsync();
        var item = new { capability = "financial-investigation", issue = "Slow freezing", correctiveAction = "Template request", responsibleAgency = "FIU", start = "2027-01-01", end = "2027-02-01" };
        (await fixture.Controller.Http.PutAsJsonAsync($"/api/exercises/{id}/consolidation/improvements/ip-7", item)).EnsureSuccessStatusCode();

        (await fixture.Controller.Http.DeleteAsync($"/api/exercises/{id}/consolidation/improvements/ip-7")).EnsureSuccessStatusCode();

        var current = await fixture.Controller.Http.GetFromJsonAsync<Consolidation>($"/api/exercises/{id}/consolidation", WebNode.Json);
        var history = await fixture.Controller.Http.GetFromJsonAsync<List<ConsolidationRecord>>($"/api/exercises/{id}/consolidation/history", WebNode.Json);
        Assert.Empty(current!.ImprovementPlan);
        Assert.Equal(["ip-7", null], history!.Select(r => r.Entry.Item?.Id));
        Assert.Equal("ip-7", history![1].Entry.WithdrawnItem);
    }

    [Fact]
    public async Task Observer_may_not_write_and_a_finding_pointing_to_a_missing_observation_is_refused_and_not_stored()
    {
        var (id, observation) = await SampleWithObservationAsync();
        using var observer = await fixture.Node.SignInObserverAsync();
        var review = new { strengths = new[] { new { text = "Fine.", observations = new[] { observation + 40 } } } };

        var refused = await observer.Http.PutAsJsonAsync($"/api/exercises/{id}/consolidation/capabilities/joint/operational-coordination", review);
        var invalid = await fixture.Controller.Http.PutAsJsonAsync($"/api/exercises/{id}/consolidation/capabilities/joint/operational-coordination", review);
        var wrongCapability = await fixture.Controller.Http.PutAsJsonAsync($"/api/exercises/{id}/consolidation/capabilities/joint/victim-interview", new { finalRating = "p" });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains($"Observation {observation + 40} does not exist", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, wrongCapability.StatusCode);
        Assert.Empty((await fixture.Controller.Http.GetFromJsonAsync<List<ConsolidationRecord>>($"/api/exercises/{id}/consolidation/history", WebNode.Json))!);
    }
}
