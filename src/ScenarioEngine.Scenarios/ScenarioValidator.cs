using System.Globalization;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Scenarios.Evaluation;

namespace ScenarioEngine.Scenarios;

/// <summary>Says where a problem is, in the terms of the file it came from (a YAML path, or a spreadsheet row and column).</summary>
public interface IProblemLocator
{
    /// <summary>A place outside the MSEL, as a YAML path ("sites[1].states", "defaultLanguage").</summary>
    string Scenario(string path);

    /// <summary>A field of the inject at <paramref name="index"/> in the MSEL, named as in YAML ("at", "to.teams", "subject").</summary>
    string Inject(int index, string field, string? language = null);
}

/// <summary>Locates problems by YAML path: injects[i], or the actor's cue card an inject was written as.</summary>
public sealed class YamlLocator(IReadOnlyList<string>? injectPaths = null) : IProblemLocator
{
    public string Scenario(string path) => path;

    public string Inject(int index, string field, string? language = null) =>
        $"{(injectPaths is not null && index < injectPaths.Count ? injectPaths[index] : $"injects[{index}]")}.{field}";
}

/// <summary>
/// The checks on a whole scenario that do not depend on how it was written: references,
/// duplicates, translations, trigger cycles, attachment sizes. YAML and spreadsheet imports both
/// end here, so a designer gets the same verdict from either. Reports every problem; fixes none.
/// </summary>
public static partial class ScenarioValidator
{
    public const long MaxAttachmentBytes = 5 * 1024 * 1024;
    public const long MaxTotalAttachmentBytes = 50 * 1024 * 1024;

    public static readonly IProblemLocator YamlLocator = new YamlLocator();

    /// <summary>
    /// Fills in what a designer may leave implicit: a contingency's wait defaults to the answered
    /// inject's response deadline, and a missing-response trigger makes an inject a contingency.
    /// </summary>
    public static ScenarioDefinition Normalize(ScenarioDefinition scenario) => scenario with
    {
        Injects = scenario.Injects.Select(inject => inject.Trigger is { Kind: TriggerKind.IfNoResponse } trigger
            ? inject with
            {
                Contingency = true,
                Trigger = trigger.Delay is null && scenario.Injects.Find(i => i.Number == trigger.Inject)?.ResponseDeadline is { } deadline
                    ? trigger with { Delay = deadline }
                    : trigger,
            }
            : inject).ToList(),
    };

    public static IReadOnlyList<ScenarioProblem> Validate(ScenarioDefinition scenario, IProblemLocator locator, CultureInfo? culture)
    {
        var problems = new ProblemList(culture);
        var text = new TextRules(scenario.Languages, scenario.DefaultLanguage, problems);
        if (!scenario.Languages.Contains(scenario.DefaultLanguage))
        {
            problems.Add(locator.Scenario("defaultLanguage"), Msg.DefaultLanguageUnknown, scenario.DefaultLanguage, string.Join(", ", scenario.Languages));
        }

        text.Required(scenario.Title, locator.Scenario("title"));
        text.Optional(scenario.Description, locator.Scenario("description"));
        CheckSites(scenario, locator, problems, text);
        CheckActors(scenario, locator, problems, text);
        CheckTeams(scenario, locator, problems, text);
        CheckObjectives(scenario, locator, problems, text);
        CheckEvaluators(scenario, locator, problems, text);
        CheckHotwash(scenario, locator, problems, text);
        CheckBreaks(scenario, locator, problems);
        CheckAttachments(scenario, locator, problems);
        CheckPersonas(scenario, locator, problems, text);
        CheckEvidence(scenario, locator, problems, text);
        CheckMedia(scenario, locator, problems, text);
        for (var i = 0; i < scenario.Injects.Count; i++)
        {
            CheckInject(scenario, i, locator, problems, text);
            CheckFromPersona(scenario, i, locator, problems);
            CheckChannel(scenario, i, locator, problems);
        }

        CheckDuplicateNumbers(scenario, locator, problems);
        CheckCycles(scenario, locator, problems);
        return problems;
    }

    private static void CheckSites(ScenarioDefinition scenario, IProblemLocator locator, ProblemList problems, TextRules text)
    {
        Duplicates(scenario.Sites.Select(s => s.Id), i => locator.Scenario($"sites[{i}].id"), problems);
        for (var i = 0; i < scenario.Sites.Count; i++)
        {
            var site = scenario.Sites[i];
            text.Required(site.Name, locator.Scenario($"sites[{i}].name"));
            text.Optional(site.Description, locator.Scenario($"sites[{i}].description"));
            Duplicates(site.States, _ => locator.Scenario($"sites[{i}].states"), problems);
        }
    }

    private static void CheckActors(ScenarioDefinition scenario, IProblemLocator locator, ProblemList problems, TextRules text)
    {
        Duplicates(scenario.Actors.Select(a => a.Id), i => locator.Scenario($"actors[{i}].id"), problems);
        var sites = scenario.Sites.Select(s => s.Id).ToHashSet();
        for (var i = 0; i < scenario.Actors.Count; i++)
        {
            var actor = scenario.Actors[i];
            text.Required(actor.Name, locator.Scenario($"actors[{i}].name"));
            text.Optional(actor.Role, locator.Scenario($"actors[{i}].role"));
            text.Optional(actor.Profile, locator.Scenario($"actors[{i}].profile"));
            if (actor.Site is not null && !sites.Contains(actor.Site))
            {
                problems.Add(locator.Scenario($"actors[{i}].site"), Msg.NoSite, actor.Site);
            }
        }
    }

    private static void CheckTeams(ScenarioDefinition scenario, IProblemLocator locator, ProblemList problems, TextRules text)
    {
        Duplicates(scenario.Teams.Select(t => t.Id), i => locator.Scenario($"teams[{i}].id"), problems);
        for (var i = 0; i < scenario.Teams.Count; i++)
        {
            var team = scenario.Teams[i];
            text.Required(team.Name, locator.Scenario($"teams[{i}].name"));
            if (team.Size is < 1)
            {
                problems.Add(locator.Scenario($"teams[{i}].size"), Msg.TeamSizeInvalid, team.Size);
            }

            if (team.AgencyMix.Values.Any(n => n < 1) || (team.Size is { } size && team.AgencyMix.Values.Sum() > size))
            {
                problems.Add(locator.Scenario($"teams[{i}].agencyMix"), Msg.AgencyMixInvalid, team.AgencyMix.Values.Sum(), team.Size);
            }
        }
    }

    private static void CheckObjectives(ScenarioDefinition scenario, IProblemLocator locator, ProblemList problems, TextRules text)
    {
        Duplicates(scenario.Objectives.Select(o => o.Id), i => locator.Scenario($"objectives[{i}].id"), problems);
        var bundled = CoreCapabilities.Bundled.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        Duplicates(scenario.Capabilities.Select(c => c.Id), i => locator.Scenario($"capabilities[{i}].id"), problems);
        for (var i = 0; i < scenario.Capabilities.Count; i++)
        {
            // A scenario's own capability may not shadow a bundled one: reports compare them across exercises.
            if (bundled.Contains(scenario.Capabilities[i].Id))
            {
                problems.Add(locator.Scenario($"capabilities[{i}].id"), Msg.CapabilityIsBundled, scenario.Capabilities[i].Id);
            }

            text.Required(scenario.Capabilities[i].Name, locator.Scenario($"capabilities[{i}].name"));
            text.Optional(scenario.Capabilities[i].Description, locator.Scenario($"capabilities[{i}].description"));
        }

        var known = CoreCapabilities.For(scenario);
        Duplicates(scenario.Objectives.SelectMany(o => o.CriticalTasks).Select(t => t.Id), _ => locator.Scenario("objectives.criticalTasks"), problems);
        for (var i = 0; i < scenario.Objectives.Count; i++)
        {
            var objective = scenario.Objectives[i];
            text.Required(objective.Title, locator.Scenario($"objectives[{i}].title"));
            text.Optional(objective.Description, locator.Scenario($"objectives[{i}].description"));
            foreach (var capability in objective.Capabilities.Where(c => !known.ContainsKey(c)))
            {
                problems.Add(locator.Scenario($"objectives[{i}].capabilities"), Msg.NoCapability, capability);
            }

            for (var j = 0; j < objective.CriticalTasks.Count; j++)
            {
                var task = objective.CriticalTasks[j];
                var where = $"objectives[{i}].criticalTasks[{j}]";
                text.Required(task.Title, locator.Scenario($"{where}.title"));
                if (task.Capability.Length > 0 && !objective.Capabilities.Contains(task.Capability))
                {
                    problems.Add(locator.Scenario($"{where}.capability"), Msg.TaskCapabilityNotInObjective, task.Capability, objective.Id);
                }

                for (var k = 0; k < task.Targets.Count; k++)
                {
                    text.Required(task.Targets[k], locator.Scenario($"{where}.targets[{k}]"));
                }
            }
        }
    }

    private static void CheckEvaluators(ScenarioDefinition scenario, IProblemLocator locator, ProblemList problems, TextRules text)
    {
        Duplicates(scenario.Evaluators.Select(e => e.Id), i => locator.Scenario($"evaluators[{i}].id"), problems);
        var teams = scenario.Teams.Select(t => t.Id).ToHashSet();
        var sites = scenario.Sites.Select(s => s.Id).ToHashSet();
        for (var i = 0; i < scenario.Evaluators.Count; i++)
        {
            var evaluator = scenario.Evaluators[i];
            text.Required(evaluator.Name, locator.Scenario($"evaluators[{i}].name"));
            foreach (var team in evaluator.Teams.Where(t => !teams.Contains(t)))
            {
                problems.Add(locator.Scenario($"evaluators[{i}].teams"), Msg.NoTeam, team);
            }

            foreach (var site in evaluator.Sites.Where(s => !sites.Contains(s)))
            {
                problems.Add(locator.Scenario($"evaluators[{i}].sites"), Msg.NoSite, site);
            }
        }
    }

    private static void CheckHotwash(ScenarioDefinition scenario, IProblemLocator locator, ProblemList problems, TextRules text)
    {
        if (scenario.Hotwash is not { } hotwash)
        {
            return;
        }

        text.Required(hotwash.Title, locator.Scenario("hotwash.title"));
        text.Optional(hotwash.Intro, locator.Scenario("hotwash.intro"));
        if (hotwash.Questions.Count == 0)
        {
            problems.Add(locator.Scenario("hotwash.questions"), Msg.HotwashWithoutQuestions);
        }

        if (scenario.Injects.Any(i => i.Number == HotwashDefinition.InjectNumber))
        {
            problems.Add(locator.Scenario("hotwash"), Msg.HotwashNumberTaken, HotwashDefinition.InjectNumber);
        }

        Duplicates(hotwash.Questions.Select(q => q.Id), i => locator.Scenario($"hotwash.questions[{i}].id"), problems);
        for (var i = 0; i < hotwash.Questions.Count; i++)
        {
            var question = hotwash.Questions[i];
            text.Required(question.Label, locator.Scenario($"hotwash.questions[{i}].label"));
            if (question.Kind == ResponseFieldKind.Choice && question.Choices.Count == 0)
            {
                problems.Add(locator.Scenario($"hotwash.questions[{i}]"), Msg.ChoiceWithoutChoices, question.Id);
            }

            if (question.Kind is ResponseFieldKind.Photo or ResponseFieldKind.Location)
            {
                // A photo or a position would say who answered an anonymous form, and adds little to a debrief.
                problems.Add(locator.Scenario($"hotwash.questions[{i}].kind"), Msg.HotwashKindNotAllowed, question.Kind);
            }

            for (var j = 0; j < question.Choices.Count; j++)
            {
                text.Required(question.Choices[j].Label, locator.Scenario($"hotwash.questions[{i}].choices[{j}].label"));
            }

            Duplicates(question.Choices.Select(c => c.Id), j => locator.Scenario($"hotwash.questions[{i}].choices[{j}].id"), problems);
        }
    }

    private static void CheckBreaks(ScenarioDefinition scenario, IProblemLocator locator, ProblemList problems)
    {
        Duplicates(scenario.Breaks.Select(b => b.Id), i => locator.Scenario($"breaks[{i}].id"), problems);
        for (var i = 0; i < scenario.Breaks.Count; i++)
        {
            if (scenario.Breaks[i].ResumeAt is { } resume && resume < scenario.Breaks[i].At)
            {
                problems.Add(locator.Scenario($"breaks[{i}].resumeAt"), Msg.BreakResumesBeforeItStarts, TimeText.FormatOffset(resume), TimeText.FormatOffset(scenario.Breaks[i].At));
            }
        }
    }

    private static void CheckAttachments(ScenarioDefinition scenario, IProblemLocator locator, ProblemList problems)
    {
        Duplicates(scenario.Attachments.Select(a => a.Id), i => locator.Scenario($"attachments[{i}].id"), problems);
        for (var i = 0; i < scenario.Attachments.Count; i++)
        {
            if (scenario.Attachments[i].Size > MaxAttachmentBytes)
            {
                problems.Add(locator.Scenario($"attachments[{i}]"), Msg.AttachmentTooLarge, scenario.Attachments[i].FileName, scenario.Attachments[i].Size, MaxAttachmentBytes);
            }
        }

        if (scenario.Attachments.Sum(a => a.Size) is var total && total > MaxTotalAttachmentBytes)
        {
            problems.Add(locator.Scenario("attachments"), Msg.AttachmentsTooLarge, total, MaxTotalAttachmentBytes);
        }
    }

    private static void CheckInject(ScenarioDefinition scenario, int index, IProblemLocator locator, ProblemList problems, TextRules text)
    {
        var inject = scenario.Injects[index];
        string At(string field, string? language = null) => locator.Inject(index, field, language);

        text.Required(inject.Subject, language => At("subject", language));
        text.Required(inject.Message, language => At("message", language));
        text.Optional(inject.From, At("from"));
        text.Optional(inject.ToPersona, At("toPersona"));
        text.Optional(inject.ExpectedAction, At("expectedAction"));
        CheckAudience(scenario, inject, At, problems);

        foreach (var objective in inject.Objectives.Where(o => scenario.Objectives.All(x => x.Id != o)))
        {
            problems.Add(At("objectives"), Msg.NoObjective, objective);
        }

        foreach (var attachment in inject.Attachments.Where(a => scenario.Attachments.All(x => x.Id != a)))
        {
            problems.Add(At("attachments"), Msg.NoAttachment, attachment);
        }

        if (inject.ResponseDeadline is { } deadline && deadline <= TimeSpan.Zero)
        {
            problems.Add(At("responseDeadline"), Msg.DeadlineNotPositive);
        }

        if (inject.Contingency && inject.At is not null)
        {
            problems.Add(At("contingency"), Msg.ContingencyWithTime);
        }

        if (inject.At is { } at && scenario.Breaks.Find(b => b.ResumeAt is { } resume && at > b.At && at < resume) is { } skipped)
        {
            problems.Add(At("at"), Msg.TimedInsideBreak, TimeText.FormatOffset(at), skipped.Id);
        }

        CheckResponseForm(inject, At, problems, text);
        CheckDisclosures(scenario, inject, At, problems, text);
        CheckTrigger(scenario, inject, At, problems);
    }

    private static void CheckAudience(ScenarioDefinition scenario, InjectDefinition inject, Func<string, string?, string> at, ProblemList problems)
    {
        if (inject.To.IsEmpty)
        {
            problems.Add(at("to", null), Msg.NoAudience);
        }

        foreach (var team in inject.To.Teams.Where(t => scenario.Teams.All(x => x.Id != t)))
        {
            problems.Add(at("to.teams", null), Msg.NoTeam, team);
        }

        foreach (var actor in inject.To.Actors.Where(a => scenario.Actors.All(x => x.Id != a)))
        {
            problems.Add(at("to.actors", null), Msg.NoActor, actor);
        }

        foreach (var site in inject.To.Sites.Where(s => scenario.Sites.All(x => x.Id != s)))
        {
            problems.Add(at("to.sites", null), Msg.NoSite, site);
        }

        foreach (var role in inject.To.Roles.Where(r => !scenario.Teams.Any(t => t.Agencies.Contains(r) || t.AgencyMix.ContainsKey(r))))
        {
            problems.Add(at("to.roles", null), Msg.NoRole, role);
        }
    }

    private static void CheckResponseForm(InjectDefinition inject, Func<string, string?, string> at, ProblemList problems, TextRules text)
    {
        if (inject.ResponseForm is not { } form)
        {
            return;
        }

        Duplicates(form.Fields.Select(f => f.Id), _ => at("responseForm.fields", null), problems);
        foreach (var field in form.Fields)
        {
            text.Optional(field.Label, at($"responseForm.fields.{field.Id}.label", null));
            if (field.Kind == ResponseFieldKind.Choice && field.Choices.Count == 0)
            {
                problems.Add(at($"responseForm.fields.{field.Id}", null), Msg.ChoiceWithoutChoices, field.Id);
            }

            Duplicates(field.Choices.Select(c => c.Id), _ => at($"responseForm.fields.{field.Id}.choices", null), problems);
        }
    }

    private static void CheckDisclosures(ScenarioDefinition scenario, InjectDefinition inject, Func<string, string?, string> at, ProblemList problems, TextRules text)
    {
        if (inject.Disclosures.Count == 0)
        {
            return;
        }

        if (inject.To.Everyone || inject.To.Teams.Count > 0 || inject.To.Roles.Count > 0)
        {
            problems.Add(at("disclosures", null), Msg.DisclosuresForActorsOnly);
        }

        Duplicates(inject.Disclosures.Select(d => d.Id), _ => at("disclosures", null), problems);
        foreach (var gate in inject.Disclosures)
        {
            text.Required(gate.Fact, at($"disclosures.{gate.Id}.fact", null));
            text.Optional(gate.Condition, at($"disclosures.{gate.Id}.condition", null));
            if (gate.AfterInject is { } after && scenario.Injects.All(i => i.Number != after))
            {
                problems.Add(at($"disclosures.{gate.Id}.afterInject", null), Msg.NoInject, after);
            }
        }
    }

    private static void CheckTrigger(ScenarioDefinition scenario, InjectDefinition inject, Func<string, string?, string> at, ProblemList problems)
    {
        if (inject.Trigger is not { } trigger)
        {
            return;
        }

        if (trigger.Kind == TriggerKind.OnSiteState)
        {
            var site = scenario.Sites.Find(s => s.Id == trigger.Site);
            if (site is null)
            {
                problems.Add(at("trigger", null), Msg.NoSite, trigger.Site);
            }
            else if (!site.States.Contains(trigger.SiteState ?? string.Empty, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add(at("trigger", null), Msg.NoSiteState, trigger.Site, trigger.SiteState, string.Join(", ", site.States));
            }

            return;
        }

        if (trigger.Kind == TriggerKind.OnEvidence)
        {
            CheckEvidenceTrigger(scenario, inject, trigger, at, problems);
            return;
        }

        if (trigger.Kind == TriggerKind.OnRequest)
        {
            CheckRequestTrigger(scenario, inject, trigger, at, problems);
            return;
        }

        var other = scenario.Injects.Find(i => i.Number == trigger.Inject);
        if (other is null)
        {
            problems.Add(at("trigger", null), Msg.NoInject, trigger.Inject);
            return;
        }

        if (trigger.Kind is TriggerKind.OnResponse or TriggerKind.IfNoResponse)
        {
            if (!other.ExpectsResponse)
            {
                problems.Add(at("trigger", null), Msg.TriggerOnInjectWithoutResponse, other.Number);
            }
            else
            {
                CheckCondition(trigger.Condition, other, at, problems);
            }
        }

        if (trigger.Kind == TriggerKind.IfNoResponse && trigger.Delay is null)
        {
            problems.Add(at("trigger", null), Msg.ContingencyNeedsDeadline, other.Number);
        }
    }

    private static void CheckCondition(ResponseCondition condition, InjectDefinition answered, Func<string, string?, string> at, ProblemList problems)
    {
        if (condition.Kind == ConditionKind.AnyResponse)
        {
            return;
        }

        var fields = answered.ResponseForm?.Fields ?? [];
        var field = condition.Field is null
            ? fields.FirstOrDefault(f => f.Kind == ResponseFieldKind.Choice && condition.Kind == ConditionKind.ChoiceEquals)
            : fields.Find(f => f.Id == condition.Field);
        if (condition.Field is not null && field is null)
        {
            problems.Add(at("trigger", null), Msg.NoResponseField, answered.Number, condition.Field);
        }
        else if (condition.Kind == ConditionKind.ChoiceEquals && field is null)
        {
            problems.Add(at("trigger", null), Msg.NoChoiceField, answered.Number);
        }
        else if (condition.Kind == ConditionKind.ChoiceEquals && field!.Choices.All(c => !string.Equals(c.Id, condition.Value, StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add(at("trigger", null), Msg.NoChoice, answered.Number, condition.Value, string.Join(", ", field.Choices.Select(c => c.Id)));
        }
    }

    private static void CheckDuplicateNumbers(ScenarioDefinition scenario, IProblemLocator locator, ProblemList problems)
    {
        foreach (var group in scenario.Injects.Select((inject, index) => (inject.Number, index)).Where(x => x.Number.Length > 0).GroupBy(x => x.Number).Where(g => g.Count() > 1))
        {
            var where = locator is YamlLocator ? problems.Text(Msg.WhatInjectNumber) : locator.Inject(group.ElementAt(1).index, "number");
            problems.Add(where, Msg.Duplicate, group.Key, group.Count());
        }
    }

    /// <summary>An inject that waits, through any chain of triggers, on itself would never fire.</summary>
    private static void CheckCycles(ScenarioDefinition scenario, IProblemLocator locator, ProblemList problems)
    {
        var index = scenario.Injects.Select((inject, i) => (inject.Number, i)).GroupBy(x => x.Number).ToDictionary(g => g.Key, g => g.First().i);
        var reported = new HashSet<string>();
        for (var start = 0; start < scenario.Injects.Count; start++)
        {
            var path = new List<string> { scenario.Injects[start].Number };
            var current = scenario.Injects[start];
            while (current.Trigger?.Inject is { } next && index.TryGetValue(next, out var nextIndex) && !path.Contains(next))
            {
                path.Add(next);
                current = scenario.Injects[nextIndex];
            }

            if (current.Trigger?.Inject is { } back && back == path[0] && reported.Add(string.Join("|", path.Order(StringComparer.Ordinal))))
            {
                problems.Add(locator.Inject(start, "trigger"), Msg.TriggerCycle, string.Join(" → ", path.Append(path[0])));
            }
        }
    }

    private static void Duplicates(IEnumerable<string> ids, Func<int, string> where, ProblemList problems)
    {
        var list = ids.ToList();
        foreach (var group in list.Select((id, i) => (id, i)).Where(x => x.id.Length > 0).GroupBy(x => x.id).Where(g => g.Count() > 1))
        {
            problems.Add(where(group.ElementAt(1).i), Msg.Duplicate, group.Key, group.Count());
        }
    }

    /// <summary>Required texts exist in every language; optional ones, when given, at least in the fallback language.</summary>
    private sealed class TextRules(IReadOnlyList<string> languages, string defaultLanguage, ProblemList problems)
    {
        public void Required(Dictionary<string, string> text, string where) => Required(text, _ => where);

        public void Required(Dictionary<string, string> text, Func<string?, string> where)
        {
            if (text.Count == 0 || text.Values.All(string.IsNullOrWhiteSpace))
            {
                problems.Add(where(null), Msg.Required);
                return;
            }

            foreach (var language in languages.Where(l => string.IsNullOrWhiteSpace(text.GetValueOrDefault(l))))
            {
                problems.Add(where(language), Msg.MissingTranslation, language);
            }
        }

        public void Optional(Dictionary<string, string> text, string where)
        {
            if (text.Values.Any(v => !string.IsNullOrWhiteSpace(v)) && string.IsNullOrWhiteSpace(text.GetValueOrDefault(defaultLanguage)))
            {
                problems.Add(where, Msg.MissingTranslation, defaultLanguage);
            }
        }
    }
}
