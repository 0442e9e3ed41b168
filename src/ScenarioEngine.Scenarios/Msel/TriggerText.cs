using System.Text.RegularExpressions;
using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Scenarios.Msel;

/// <summary>
/// Triggers as one spreadsheet cell, in English or Russian:
/// <c>manual</c> · <c>after 5 +0:10</c> · <c>response 7 choice=raid</c> ·
/// <c>response 7 same team account~40817</c> · <c>site sauna=raided</c> ·
/// <c>no response 7 within 0:30</c> · <c>request bank +0:10 keywords=statement, выписка</c> ·
/// <c>evidence passports +0:05</c>
/// (<c>вручную</c>, <c>после</c>, <c>ответ</c>, <c>своя группа</c>, <c>выбор=</c>, <c>содержит=</c>,
/// <c>объект</c>, <c>нет ответа … за …</c>, <c>обращение bank +0:10 слова=выписка, счёт</c>,
/// <c>улика passports +0:05</c>).
/// </summary>
public static partial class TriggerText
{
    /// <summary>Parses a trigger cell. Manual or empty gives (true, null); a bad cell gives (false, null).</summary>
    public static bool TryParse(string? text, out TriggerDefinition? trigger)
    {
        trigger = null;
        var cell = Regex.Replace(text?.Trim() ?? string.Empty, @"\s+", " ");
        if (cell.Length == 0 || Manual().IsMatch(cell))
        {
            return true;
        }

        if (After().Match(cell) is { Success: true } after)
        {
            var delay = TimeSpan.Zero;
            if (after.Groups["delay"].Success && !TimeText.TryParseOffset(after.Groups["delay"].Value, out delay))
            {
                return false;
            }

            trigger = new TriggerDefinition { Kind = TriggerKind.AfterInject, Inject = after.Groups["n"].Value, Delay = delay };
            return true;
        }

        if (Request().Match(cell) is { Success: true } request)
        {
            var delay = TimeSpan.Zero;
            if (request.Groups["delay"].Success && !TimeText.TryParseOffset(request.Groups["delay"].Value, out delay))
            {
                return false;
            }

            trigger = new TriggerDefinition
            {
                Kind = TriggerKind.OnRequest,
                Persona = request.Groups["persona"].Value,
                Delay = delay,
                Keywords = request.Groups["kw"].Success
                    ? request.Groups["kw"].Value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()
                    : null,
            };
            return true;
        }

        if (Evidence().Match(cell) is { Success: true } evidence)
        {
            var delay = TimeSpan.Zero;
            if (evidence.Groups["delay"].Success && !TimeText.TryParseOffset(evidence.Groups["delay"].Value, out delay))
            {
                return false;
            }

            trigger = new TriggerDefinition { Kind = TriggerKind.OnEvidence, Evidence = evidence.Groups["item"].Value, Delay = delay };
            return true;
        }

        if (Site().Match(cell) is { Success: true } site)
        {
            trigger = new TriggerDefinition { Kind = TriggerKind.OnSiteState, Site = site.Groups["site"].Value, SiteState = site.Groups["state"].Value };
            return true;
        }

        if (Response().Match(cell) is not { Success: true } response)
        {
            return false;
        }

        TimeSpan? within = null;
        if (response.Groups["within"].Success)
        {
            if (!TimeText.TryParseOffset(response.Groups["within"].Value, out var parsed))
            {
                return false;
            }

            within = parsed;
        }

        var condition = ResponseCondition.Any;
        if (response.Groups["cond"].Success && !TryParseCondition(response.Groups["cond"].Value, out condition))
        {
            return false;
        }

        trigger = new TriggerDefinition
        {
            Kind = response.Groups["no"].Success ? TriggerKind.IfNoResponse : TriggerKind.OnResponse,
            Inject = response.Groups["n"].Value,
            Delay = within,
            From = response.Groups["same"].Success ? ResponseScope.SameTeam : ResponseScope.AnyTeam,
            Condition = condition,
        };
        return !(trigger.Kind == TriggerKind.OnResponse && within is not null);
    }

    public static string Format(InjectDefinition inject) => inject.Trigger switch
    {
        null when inject.At is null => "manual",
        null => string.Empty,
        { Kind: TriggerKind.AfterInject } t => $"after {t.Inject} +{TimeText.FormatOffset(t.Delay ?? TimeSpan.Zero)}",
        { Kind: TriggerKind.OnSiteState } t => $"site {t.Site}={t.SiteState}",
        { Kind: TriggerKind.OnResponse } t => $"response {t.Inject}{Scope(t)}{Condition(t.Condition)}",
        { Kind: TriggerKind.OnEvidence } t => $"evidence {t.Evidence}{(t.Delay is { } d && d > TimeSpan.Zero ? $" +{TimeText.FormatOffset(d)}" : string.Empty)}",
        { Kind: TriggerKind.OnRequest } t => $"request {t.Persona}{(t.Delay is { } d && d > TimeSpan.Zero ? $" +{TimeText.FormatOffset(d)}" : string.Empty)}{(t.Keywords is { Count: > 0 } k ? $" keywords={string.Join(", ", k)}" : string.Empty)}",
        { } t => $"no response {t.Inject}{(t.Delay is { } d ? $" within {TimeText.FormatOffset(d)}" : string.Empty)}{Scope(t)}{Condition(t.Condition)}",
    };

    private static string Scope(TriggerDefinition t) => t.From == ResponseScope.SameTeam ? " same team" : string.Empty;

    private static string Condition(ResponseCondition c) => c.Kind switch
    {
        ConditionKind.ChoiceEquals => c.Field is null ? $" choice={c.Value}" : $" {c.Field}={c.Value}",
        ConditionKind.FieldContains => c.Field is null ? $" contains={c.Value}" : $" {c.Field}~{c.Value}",
        _ => string.Empty,
    };

    private static bool TryParseCondition(string text, out ResponseCondition condition)
    {
        condition = ResponseCondition.Any;
        if (ConditionPattern().Match(text) is not { Success: true } m)
        {
            return false;
        }

        var field = m.Groups["field"].Value;
        var value = m.Groups["value"].Value.Trim();
        var isText = field.ToLowerInvariant() is "contains" or "содержит";
        var isChoice = field.ToLowerInvariant() is "choice" or "выбор";
        condition = m.Groups["op"].Value == "~" || isText
            ? new ResponseCondition { Kind = ConditionKind.FieldContains, Field = isText ? null : field, Value = value }
            : new ResponseCondition { Kind = ConditionKind.ChoiceEquals, Field = isChoice ? null : field, Value = value };
        return value.Length > 0;
    }

    [GeneratedRegex(@"^(manual|manually|by hand|вручную|руками)$", RegexOptions.IgnoreCase)]
    private static partial Regex Manual();

    [GeneratedRegex(@"^(after|после)\s+(?<n>\S+)(\s*\+?\s*(?<delay>[\d.:]+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex After();

    [GeneratedRegex(@"^(request|обращение|запрос)\s+(?<persona>[^\s+]+)(\s*\+\s*(?<delay>[\d.:]+))?(\s+(keywords|words|ключевые слова|слова)\s*=\s*(?<kw>.+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Request();

    // "found"/"найдена" read naturally before the item: "evidence found passports", "улика найдена passports".
    [GeneratedRegex(@"^(evidence|улика)(\s+(found|найдена))?\s+(?<item>[^\s+]+)(\s*\+\s*(?<delay>[\d.:]+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Evidence();

    [GeneratedRegex(@"^(site|объект)\s+(?<site>[^\s=]+)\s*=\s*(?<state>\S+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Site();

    [GeneratedRegex(@"^((?<no>no response|нет ответа)|response|ответ)\s+(?<n>\S+)(\s+(within|за)\s+(?<within>[\d.:]+))?(\s+(?<same>same team|своя группа|та же группа))?(\s+(any team|любая группа))?(\s+(?<cond>\S+\s*[=~].+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Response();

    [GeneratedRegex(@"^(?<field>[^\s=~]+)\s*(?<op>[=~])\s*(?<value>.+)$")]
    private static partial Regex ConditionPattern();
}
