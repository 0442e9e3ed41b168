using System.Globalization;
using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Web.Api;

public static class RequestCulture
{
    /// <summary>The language validation problems are reported in: ?lang=, else Accept-Language, else English.</summary>
    public static CultureInfo Culture(this HttpContext http) =>
        ScenarioText.CultureFor(http.Request.Query["lang"].FirstOrDefault() ?? http.Request.Headers.AcceptLanguage.FirstOrDefault());
}
