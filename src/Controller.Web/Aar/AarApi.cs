using ScenarioEngine.Evaluation;
using ScenarioEngine.Reports.Aar;
using ScenarioEngine.Web.Api;
using ScenarioEngine.Web.Auth;

namespace ScenarioEngine.Web.Aar;

/// <summary>
/// GET /api/exercises/{id}/aar?format=docx|xlsx|json&amp;lang=ru|en: the after-action report made
/// from the exercise's logs at the moment of asking.
/// </summary>
public static class AarApi
{
    public static IEndpointRouteBuilder MapAarApi(this IEndpointRouteBuilder app)
    {
        // Read-only: controllers and observers (evaluators) may take the report.
        app.MapGet("/api/exercises/{id}/aar", async (string id, string? format, string? lang, AarLogReader reader, IGrainFactory grains) =>
        {
            if (await reader.ReadAsync(id) is not { } logs)
            {
                return ExercisesApi.NotFound(id);
            }

            var language = lang is "ru" or "en" ? lang : logs.Scenario.DefaultLanguage == "ru" ? "ru" : "en";
            // The lead evaluator's stored consolidation, as it stands now (the latest entry per capability and item).
            var report = AarReport.From(logs, await grains.GetGrain<IConsolidationGrain>(id).Current());
            return format?.ToLowerInvariant() switch
            {
                "xlsx" => Results.File(AarXlsx.Write(report, language), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{id}-aar-{language}.xlsx"),
                "json" => Results.File(AarJson.Write(report), "application/json", $"{id}-aar.json"),
                "docx" or null => Results.File(AarDocx.Write(report, language), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"{id}-aar-{language}.docx"),
                _ => Results.Problem(statusCode: 400, title: $"Unknown format '{format}': docx, xlsx or json."),
            };
        }).RequireAuthorization(AuthPolicies.ControlRoom);
        return app;
    }
}
