using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ScenarioEngine.Exercises;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Scenarios.Msel;
using ScenarioEngine.Web.Auth;
using ScenarioEngine.Web.Hosting;

namespace ScenarioEngine.Web.Api;

/// <summary>
/// The MSEL as a spreadsheet: export it as CSV or XLSX, and import a designer's sheet into an
/// exercise that has not started. An import with any problem is refused whole, every problem
/// listed with file, row and column in the caller's language (?lang=ru or Accept-Language).
/// </summary>
public static class MselApi
{
    public const long MaxSheetBytes = 10 * 1024 * 1024;

    public static IEndpointRouteBuilder MapMselApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/exercises/{id}/msel").RequireAuthorization(AuthPolicies.ControlRoom);

        api.MapGet("/", async (string id, string? format, string? headers, IGrainFactory grains) =>
        {
            if (await grains.GetGrain<IExerciseGrain>(id).GetScenario() is not { } scenario)
            {
                return ExercisesApi.NotFound(id);
            }

            var sheetFormat = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase) ? SheetFormat.Xlsx : SheetFormat.Csv;
            var bytes = SheetFiles.Write(MselExporter.Rows(scenario, russianHeaders: headers == "ru"), sheetFormat);
            return sheetFormat == SheetFormat.Xlsx
                ? Results.File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{id}-msel.xlsx")
                : Results.File(bytes, "text/csv; charset=utf-8", $"{id}-msel.csv");
        });

        // The body is the file itself (Content-Type text/csv or the XLSX type) or a multipart form with one file.
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

            var (name, content) = await ReadUpload(http, fileName);
            return Results.Ok(await ImportAsync(exercise, scenario, name, content, http.Culture(), http.User.ControllerName()));
        })
        .RequireAuthorization(AuthPolicies.Controller)
        // Bearer callers post the file with no token; a cookie caller's token is checked for every API write (CookieApiAntiforgery).
        .DisableAntiforgery()
        .WithMetadata(new RequestSizeLimitAttribute(maxBytes));

        return app;
    }

    /// <summary>Reads an MSEL sheet (CSV or XLSX) and replaces the exercise's injects; the dashboard calls this too.</summary>
    public static async Task<ExerciseSnapshot> ImportAsync(IExerciseGrain exercise, ScenarioDefinition scenario, string name, byte[] content, System.Globalization.CultureInfo culture, string by)
    {
        if (SheetFiles.FormatOf(name, content) is not { } format)
        {
            throw new ScenarioValidationException(name, [new ScenarioProblem(name, ScenarioText.Format(culture, Msg.MselUnknownFormat, name)) { Code = Msg.MselUnknownFormat }]);
        }

        Sheet sheet;
        try
        {
            sheet = SheetFiles.Read(name, content, format);
        }
        catch (SheetLimitException e)
        {
            throw new ScenarioValidationException(name, [new ScenarioProblem(name, e.MessageIn(culture)) { Code = e.Code }]);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or System.Text.DecoderFallbackException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException or CsvHelper.CsvHelperException or System.Xml.XmlException)
        {
            throw new ScenarioValidationException(name, [new ScenarioProblem(name, ScenarioText.Format(culture, Msg.MselUnreadable, format, e.Message)) { Code = Msg.MselUnreadable }]);
        }

        var imported = MselImporter.Import(sheet, scenario, culture);
        return await exercise.ReplaceInjects(imported.Injects, name, by);
    }

    /// <summary>The endpoint's request size limit bounds the body as it streams in (a 413), declared length or not.</summary>
    private static async Task<(string Name, byte[] Content)> ReadUpload(HttpContext http, string? fileName)
    {
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var file = form.Files.FirstOrDefault() ?? throw new ArgumentException("The form has no file.");
            using var copy = new MemoryStream();
            await file.CopyToAsync(copy, http.RequestAborted);
            return (Path.GetFileName(file.FileName), copy.ToArray());
        }

        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, http.RequestAborted);
        var contentType = http.Request.ContentType ?? string.Empty;
        var name = fileName ?? (contentType.Contains("spreadsheetml", StringComparison.Ordinal) ? "msel.xlsx" : "msel.csv");
        return (Path.GetFileName(name), body.ToArray());
    }
}
