using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ScenarioEngine.Exercises;
using ScenarioEngine.Library;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Scenarios.Msel;
using ScenarioEngine.Web.Auth;
using ScenarioEngine.Web.Hosting;

namespace ScenarioEngine.Web.Api;

/// <summary>What an accepted import did: the exercise after it, and the report (dialect, columns left out, warnings, loose matches).</summary>
public sealed record MselImportResponse(ExerciseSnapshot Exercise, string? Dialect, IReadOnlyList<string> IgnoredColumns, IReadOnlyList<ScenarioProblem> Warnings, IReadOnlyList<ScenarioProblem> Notes);

/// <summary>
/// The MSEL as a spreadsheet: export it as CSV or XLSX (or the whole scenario as YAML), and import
/// a designer's sheet into an exercise that has not started. An import with any problem is refused
/// whole, every problem listed with file, row and column in the caller's language (?lang=ru or
/// Accept-Language). Columns are mapped with ?map=Header=Field (repeatable); the mapping used is
/// remembered for the exercise, as the control room's mapping dialog remembers it.
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

            return Export(scenario, attachments: null, id, format, headers);
        });

        // The body is the file itself (Content-Type text/csv or the XLSX type) or a multipart form with one file.
        var maxBytes = app.ServiceProvider.GetRequiredService<IOptions<WebOptions>>().Value.MaxSheetRequestBytes;
        api.MapPost("/", async (string id, string? fileName, [FromQuery] string[]? map, bool? strict, HttpContext http, IGrainFactory grains, IOptions<WebOptions> options) =>
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
            var mapping = await MappingFor(grains, id, map);
            var result = await ImportAsync(exercise, scenario, name, content, http.Culture(), Options(mapping, strict, options.Value), http.User.ControllerName());
            await grains.GetGrain<IMselMappingGrain>(id).Set(new Dictionary<string, string>(mapping, StringComparer.Ordinal));
            return Results.Ok(result);
        })
        .RequireAuthorization(AuthPolicies.Controller)
        // Bearer callers post the file with no token; a cookie caller's token is checked for every API write (CookieApiAntiforgery).
        .DisableAntiforgery()
        .WithMetadata(new RequestSizeLimitAttribute(maxBytes));

        return app;
    }

    /// <summary>
    /// A scenario as YAML, or its MSEL as CSV or XLSX with English or Russian headers. With
    /// <paramref name="attachments"/> the YAML carries them inline; without (an exercise's, whose
    /// files live in its log) it names them as files beside it.
    /// </summary>
    public static IResult Export(ScenarioDefinition scenario, Dictionary<string, byte[]>? attachments, string name, string? format, string? headers)
    {
        if (headers is not (null or "en" or "ru") || format?.ToLowerInvariant() is not (null or "csv" or "xlsx" or "yaml"))
        {
            return Results.Problem(statusCode: 400, title: "Unknown export", detail: "format is csv, xlsx or yaml; headers is en or ru.");
        }

        if (string.Equals(format, "yaml", StringComparison.OrdinalIgnoreCase))
        {
            var yaml = attachments is null ? ScenarioWriter.ToYaml(scenario) : ScenarioWriter.ToYaml(new ScenarioPackage(scenario, attachments));
            return Results.File(System.Text.Encoding.UTF8.GetBytes(yaml), "application/yaml; charset=utf-8", $"{name}.yaml");
        }

        var sheetFormat = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase) ? SheetFormat.Xlsx : SheetFormat.Csv;
        var bytes = SheetFiles.Write(MselExporter.Rows(scenario, russianHeaders: headers == "ru"), sheetFormat);
        return sheetFormat == SheetFormat.Xlsx
            ? Results.File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{name}-msel.xlsx")
            : Results.File(bytes, "text/csv; charset=utf-8", $"{name}-msel.csv");
    }

    /// <summary>The remembered mapping of the exercise, with the request's pairs over it.</summary>
    public static async Task<Dictionary<string, string>> MappingFor(IGrainFactory grains, string exerciseId, IEnumerable<string>? pairs)
    {
        var mapping = new Dictionary<string, string>(await grains.GetGrain<IMselMappingGrain>(exerciseId).Get(), StringComparer.OrdinalIgnoreCase);
        try
        {
            foreach (var (header, field) in MselImportOptions.ParseMap(pairs ?? []))
            {
                mapping[header] = field;
            }
        }
        catch (FormatException bad)
        {
            throw new ArgumentException($"map '{bad.Message}' is not Header=Field.");
        }

        return mapping;
    }

    public static MselImportOptions Options(Dictionary<string, string> mapping, bool? strict, WebOptions options) =>
        new() { Map = mapping, StrictLanguages = strict ?? options.StrictMselLanguages };

    /// <summary>Reads a sheet, CSV or XLSX, or says in the reader's language why it cannot.</summary>
    public static Sheet ReadSheet(string name, byte[] content, System.Globalization.CultureInfo culture)
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

        return sheet;
    }

    /// <summary>Reads an MSEL sheet (CSV or XLSX) and replaces the exercise's injects; the dashboard calls this too.</summary>
    public static async Task<MselImportResponse> ImportAsync(IExerciseGrain exercise, ScenarioDefinition scenario, string name, byte[] content, System.Globalization.CultureInfo culture, MselImportOptions options, string by)
    {
        var sheet = ReadSheet(name, content, culture);
        var imported = MselImporter.ImportWithReport(sheet, scenario, options, culture);
        var snapshot = await exercise.ReplaceInjects(imported.Scenario.Injects, name, by);
        var report = imported.Report;
        return new MselImportResponse(snapshot, report.Dialect?.Name(culture.TwoLetterISOLanguageName == "ru"), report.IgnoredColumns, report.Warnings, report.Notes);
    }

    /// <summary>The endpoint's request size limit bounds the body as it streams in (a 413), declared length or not.</summary>
    public static async Task<(string Name, byte[] Content)> ReadUpload(HttpContext http, string? fileName)
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
