using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ScenarioEngine.Exercises;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Scenarios.Eeg;
using ScenarioEngine.Scenarios.Msel;
using ScenarioEngine.Web.Auth;
using ScenarioEngine.Web.Hosting;

namespace ScenarioEngine.Web.Api;

/// <summary>What an accepted EEG import did: the exercise after it, how many critical tasks, and the warnings (a one-language sheet).</summary>
public sealed record EegImportResponse(ExerciseSnapshot Exercise, int Objectives, int CriticalTasks, IReadOnlyList<ScenarioProblem> Warnings);

/// <summary>
/// The exercise evaluation guide as a spreadsheet, the MSEL import's way: the same upload forms,
/// size limit, hostile-file caps (SheetFiles reads as a stream under SheetLimits) and problem
/// reports with file, row and column in the caller's language. Refused whole on any problem.
/// </summary>
public static class EegApi
{
    public static IEndpointRouteBuilder MapEegApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/exercises/{id}/eeg").RequireAuthorization(AuthPolicies.ControlRoom);

        api.MapGet("/", async (string id, string? format, string? headers, IGrainFactory grains) =>
        {
            if (await grains.GetGrain<IExerciseGrain>(id).GetScenario() is not { } scenario)
            {
                return ExercisesApi.NotFound(id);
            }

            if (headers is not (null or "en" or "ru") || format?.ToLowerInvariant() is not (null or "csv" or "xlsx"))
            {
                return Results.Problem(statusCode: 400, title: "Unknown export", detail: "format is csv or xlsx; headers is en or ru.");
            }

            var sheetFormat = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase) ? SheetFormat.Xlsx : SheetFormat.Csv;
            var bytes = SheetFiles.Write(EegImporter.Rows(scenario, russianHeaders: headers == "ru"), sheetFormat);
            return sheetFormat == SheetFormat.Xlsx
                ? Results.File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{id}-eeg.xlsx")
                : Results.File(bytes, "text/csv; charset=utf-8", $"{id}-eeg.csv");
        });

        var maxBytes = app.ServiceProvider.GetRequiredService<IOptions<WebOptions>>().Value.MaxSheetRequestBytes;
        api.MapPost("/", async (string id, string? fileName, HttpContext http, IGrainFactory grains) =>
        {
            if (http.Request.ContentLength > maxBytes)
            {
                return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request too large", detail: $"A spreadsheet may be at most {maxBytes} bytes.");
            }

            var exercise = grains.GetGrain<IExerciseGrain>(id);
            if (await exercise.GetScenario() is not { } scenario)
            {
                return ExercisesApi.NotFound(id);
            }

            var (name, content) = await MselApi.ReadUpload(http, fileName ?? "eeg.csv");
            return Results.Ok(await ImportAsync(exercise, scenario, name, content, http.Culture(), http.User.ControllerName()));
        })
        .RequireAuthorization(AuthPolicies.Controller)
        .DisableAntiforgery()
        .WithMetadata(new RequestSizeLimitAttribute(maxBytes));

        return app;
    }

    /// <summary>Reads an EEG sheet (CSV or XLSX) and replaces the exercise's objectives; the dashboard calls this too.</summary>
    public static async Task<EegImportResponse> ImportAsync(IExerciseGrain exercise, ScenarioDefinition scenario, string name, byte[] content, System.Globalization.CultureInfo culture, string by)
    {
        var sheet = MselApi.ReadSheet(name, content, culture);
        var imported = EegImporter.Import(sheet, scenario, culture);
        var snapshot = await exercise.ReplaceEvaluationGuide(imported.Scenario.Objectives, name, by);
        return new EegImportResponse(snapshot, imported.Scenario.Objectives.Count, imported.TaskCount, imported.Warnings);
    }
}
