using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Web.Dashboard.Editor;

/// <summary>
/// An inject as a team's phone shows it: the phone app's message markup (section.screen,
/// article.message, dl.meta, div.body, the acknowledge button), its own words (src/i18n/*.json)
/// and its own stylesheet (src/styles.css), both compiled into this assembly from the app's
/// sources, so the preview changes when the app does. Rendered as a whole page for an iframe, where
/// the app's styles cannot touch the control room's. The text is picked as the app picks it: the
/// phone's language, else the scenario's default, else the first there is.
/// </summary>
public static partial class PhonePreview
{
    private static readonly Lazy<string> Styles = new(() => Read("pwa/styles.css"));
    private static readonly Lazy<Dictionary<string, Dictionary<string, string>>> Words = new(() => new[] { "en", "ru" }
        .ToDictionary(l => l, l => JsonSerializer.Deserialize<Dictionary<string, string>>(Read($"pwa/{l}.json"))!));

    public static IReadOnlyList<string> Languages => ["en", "ru"];

    public static string Page(InjectDefinition inject, ScenarioDefinition scenario, string language, DateTimeOffset firedAt)
    {
        var words = Words.Value.GetValueOrDefault(language) ?? Words.Value["en"];
        string T(string key) => Enc(words.GetValueOrDefault(key) ?? Words.Value["en"].GetValueOrDefault(key) ?? key);
        string Choose(IReadOnlyDictionary<string, string> text) =>
            text.TryGetValue(language, out var v) ? v
            : text.TryGetValue(scenario.DefaultLanguage, out v) ? v
            : text.Values.FirstOrDefault() ?? string.Empty;
        string Pick(IReadOnlyDictionary<string, string> text) => Enc(Choose(text));

        var method = JsonNamingPolicy.CamelCase.ConvertName(inject.Method.ToString());
        var persona = scenario.FindPersona(inject.FromPersona);

        // As the server sends it (InjectAudience.MessageFor): the persona's name stands in for an empty From.
        var from = Pick(inject.From.Count == 0 && persona is not null ? persona.Name : inject.From);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{Enc(language)}\"><head><meta charset=\"utf-8\"><style>{Styles.Value}</style></head><body>");
        html.Append("<main><section class=\"screen\">");
        if (persona is not null)
        {
            // The phone lists a persona's messages in its threads under this avatar (threadsView.ts).
            var colour = Colour().IsMatch(persona.Colour) ? persona.Colour : "#555";
            var name = Choose(persona.Name);
            var initials = persona.Initials.Length > 0 ? persona.Initials : name[..Math.Min(2, name.Length)].ToUpperInvariant();
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"thread-link\" data-testid=\"preview-persona\" data-persona=\"{Enc(persona.Id)}\">");
            html.Append(CultureInfo.InvariantCulture, $"<span class=\"avatar\" aria-hidden=\"true\" data-kind=\"{JsonNamingPolicy.CamelCase.ConvertName(persona.Kind.ToString())}\" style=\"background:{colour}\">{Enc(initials)}</span>");
            html.Append(CultureInfo.InvariantCulture, $"<span class=\"thread-summary\"><span class=\"thread-name\">{Pick(persona.Name)}</span><span class=\"thread-last\">{Pick(persona.Organisation)}</span></span></p>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<a class=\"back\" href=\"#\">← {T("message.back")}</a>");
        html.Append("<article class=\"message\" data-testid=\"message-view\" aria-labelledby=\"message-subject\">");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"marking\" data-testid=\"marking\">{Pick(ClassificationLines.Of(scenario))}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<h1 id=\"message-subject\">{Pick(inject.Subject)}</h1><dl class=\"meta\">");
        if (from.Length > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<dt>{T("message.from")}</dt><dd>{from}</dd>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<dt>{T("message.method")}</dt><dd>{T($"method.{method}")}</dd>");
        html.Append(CultureInfo.InvariantCulture, $"<dt>{T("message.time")}</dt><dd><time>{firedAt.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture)}</time></dd></dl>");
        html.Append(CultureInfo.InvariantCulture, $"<h2 class=\"visually-hidden\">{T("message.body")}</h2><div class=\"body\">{Pick(inject.Message)}</div>");
        html.Append(CultureInfo.InvariantCulture, $"<button type=\"button\" class=\"primary\">{T("message.acknowledge")}</button>");
        if (inject.ExpectsResponse)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{T("message.responseRequested")}</p>");
        }

        html.Append("</article></section></main></body></html>");
        return html.ToString();
    }

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex Colour();

    private static string Enc(string text) => WebUtility.HtmlEncode(text);

    private static string Read(string name)
    {
        using var stream = typeof(PhonePreview).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The phone app's {name} is not compiled into the web node.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
