namespace ScenarioEngine.Web.Dashboard;

/// <summary>The dashboard's words, in Strings.resx (English) and Strings.ru.resx (Russian).</summary>
public sealed class Strings;
