namespace ScenarioEngine.Web.SiteControl;

/// <summary>The site-control page's words, in SiteStrings.resx (English) and SiteStrings.ru.resx (Russian).</summary>
public sealed class SiteStrings;
