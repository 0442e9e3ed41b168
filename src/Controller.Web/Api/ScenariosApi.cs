using ScenarioEngine.Library;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Web.Auth;

namespace ScenarioEngine.Web.Api;

/// <summary>
/// The scenario library: scenarios kept as reusable templates (the bundled sample among them),
/// each exportable as YAML or as its MSEL in CSV or XLSX with English or Russian headers. An
/// exercise is created from any of them (<see cref="CreateExerciseRequest.Template"/>).
/// </summary>
public static class ScenariosApi
{
    public const long MaxScenarioBytes = 60 * 1024 * 1024;

    public static IEndpointRouteBuilder MapScenariosApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/scenarios").RequireAuthorization(AuthPolicies.Controller);

        api.MapGet("/", async (IGrainFactory grains) =>
        {
            var saved = await grains.GetGrain<IScenarioLibraryGrain>(0).List();
            var sample = ScenarioTemplateInfo.Of(ScenarioLoader.LoadSample(), DateTimeOffset.MinValue);
            return saved.Any(t => t.Id == sample.Id) ? saved : [sample, .. saved];
        });

        // The body is the scenario YAML; attachments come inline (content: base64) since no folder travels with it.
        api.MapPost("/", async (HttpContext http, IGrainFactory grains) =>
        {
            using var body = new StreamReader(http.Request.Body, System.Text.Encoding.UTF8);
            var yaml = await body.ReadToEndAsync(http.RequestAborted);
            if (yaml.Length > MaxScenarioBytes)
            {
                throw new ArgumentException($"A scenario may be at most {MaxScenarioBytes} bytes.");
            }

            var package = ScenarioLoader.ParsePackage(yaml, "scenario", http.Culture());
            var info = await SaveAsync(grains, yaml, package);
            return Results.Created($"/api/scenarios/{info.Id}", info);
        }).DisableAntiforgery();

        api.MapGet("/{scenarioId}", async (string scenarioId, string? format, string? headers, HttpContext http, IGrainFactory grains) =>
            await LoadAsync(grains, scenarioId, http.Culture()) is { } package
                ? MselApi.Export(package.Scenario, package.Attachments, scenarioId, format ?? "yaml", headers)
                : NotFound(scenarioId));

        return app;
    }

    public static async Task<ScenarioTemplateInfo> SaveAsync(IGrainFactory grains, string yaml, ScenarioPackage package)
    {
        var info = ScenarioTemplateInfo.Of(package.Scenario, DateTimeOffset.UtcNow);
        await grains.GetGrain<IScenarioTemplateGrain>(package.Scenario.Id).Save(new ScenarioTemplate { Yaml = yaml, Attachments = package.Attachments }, info);
        return info;
    }

    /// <summary>A template from the library, or the bundled sample by its id; null if there is none.</summary>
    public static async Task<ScenarioPackage?> LoadAsync(IGrainFactory grains, string scenarioId, System.Globalization.CultureInfo culture)
    {
        if (await grains.GetGrain<IScenarioTemplateGrain>(scenarioId).Get() is { } template)
        {
            var parsed = ScenarioLoader.ParsePackage(template.Yaml, scenarioId, culture);
            return parsed with { Attachments = new Dictionary<string, byte[]>(template.Attachments.Concat(parsed.Attachments.Where(a => !template.Attachments.ContainsKey(a.Key)))) };
        }

        var sample = ScenarioLoader.LoadSamplePackage();
        return sample.Scenario.Id == scenarioId ? sample : null;
    }

    internal static IResult NotFound(string id) =>
        Results.Problem(statusCode: 404, title: "No such scenario", detail: $"There is no scenario '{id}' in the library.");
}
