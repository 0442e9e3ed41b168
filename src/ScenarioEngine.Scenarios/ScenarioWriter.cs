using ScenarioEngine.Scenarios;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ScenarioEngine.Scenarios;

/// <summary>
/// Writes a scenario back as the YAML the loader reads, so a spreadsheet import can be saved as
/// the package a designer keeps. Attachments are written as files next to it.
/// </summary>
public static partial class ScenarioWriter
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitDefaults | DefaultValuesHandling.OmitEmptyCollections)
        .Build();

    /// <param name="attachmentFolder">Relative folder the attachment files are referenced from.</param>
    public static string ToYaml(ScenarioDefinition scenario, string attachmentFolder = "attachments") =>
        Serializer.Serialize(WithLocation(WithMedia(WithEvidence(WithSimCell(Document(scenario, attachmentFolder, inline: null), scenario), scenario), scenario), scenario));

    /// <summary>One self-contained YAML text: attachments inline as base64, as the API and the library exchange scenarios.</summary>
    public static string ToYaml(ScenarioPackage package) =>
        Serializer.Serialize(WithLocation(WithMedia(WithEvidence(WithSimCell(Document(package.Scenario, string.Empty, package.Attachments), package.Scenario), package.Scenario), package.Scenario), package.Scenario));

    /// <summary>Writes the YAML to <paramref name="path"/> and the attachments into a folder beside it.</summary>
    public static void WriteFile(ScenarioPackage package, string path)
    {
        var folder = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "attachments");
        foreach (var attachment in package.Scenario.Attachments)
        {
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, attachment.FileName), package.Attachments[attachment.Id]);
        }

        File.WriteAllText(path, ToYaml(package.Scenario));
    }

    private static ScenarioDocument Document(ScenarioDefinition s, string attachmentFolder, Dictionary<string, byte[]>? inline) => new()
    {
        Id = s.Id,
        Title = s.Title,
        Description = Empty(s.Description),
        Version = s.Version,
        Authors = s.Authors,
        ScenarioStart = s.ScenarioStart?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
        Languages = s.Languages,
        DefaultLanguage = s.DefaultLanguage,
        Sites = s.Sites.Select(x => new SiteDocument { Id = x.Id, Name = x.Name, Description = Empty(x.Description), States = x.States }).ToList(),
        Actors = s.Actors.Select(a => new ActorDocument { Id = a.Id, Name = a.Name, Role = Empty(a.Role), Site = a.Site, Profile = Empty(a.Profile) }).ToList(),
        Teams = s.Teams.Select(t => new TeamDocument { Id = t.Id, Name = t.Name, Agencies = t.Agencies, Size = t.Size, AgencyMix = t.AgencyMix.Count == 0 ? null : t.AgencyMix }).ToList(),
        Objectives = s.Objectives.Select(o => new ObjectiveDocument
        {
            Id = o.Id,
            Title = o.Title,
            Description = Empty(o.Description),
            Capabilities = o.Capabilities,
            CriticalTasks = o.CriticalTasks.Select(t => new CriticalTaskDocument { Id = t.Id, Capability = t.Capability, Title = t.Title, Targets = t.Targets }).ToList(),
        }).ToList(),
        Capabilities = s.Capabilities.Select(c => new NamedDocument { Id = c.Id, Name = c.Name, Description = Empty(c.Description) }).ToList(),
        Evaluators = s.Evaluators.Select(e => new EvaluatorDocument { Id = e.Id, Name = e.Name, Teams = e.Teams, Sites = e.Sites }).ToList(),
        Hotwash = s.Hotwash is not { } hotwash ? null : new HotwashDocument
        {
            Title = hotwash.Title,
            Intro = Empty(hotwash.Intro),
            Anonymous = hotwash.Anonymous,
            Questions = hotwash.Questions.Select(FieldDocument).ToList(),
        },
        Breaks = s.Breaks.Select(b => new BreakDocument { Id = b.Id, Title = Empty(b.Title), At = TimeText.FormatOffset(b.At), ResumeAt = Offset(b.ResumeAt) }).ToList(),
        Attachments = s.Attachments.Select(a => new AttachmentDocument
        {
            Id = a.Id,
            Title = Empty(a.Title),
            File = inline is null ? $"{attachmentFolder}/{a.FileName}" : null,
            FileName = inline is null ? null : a.FileName,
            Content = inline is null ? null : Convert.ToBase64String(inline[a.Id]),
            ContentType = a.ContentType,
        }).ToList(),
        Injects = s.Injects.Select(Inject).ToList(),
    };

    private static InjectDocument Inject(InjectDefinition i) => new()
    {
        Number = i.Number,
        At = Offset(i.At),
        Trigger = Trigger(i.Trigger),
        From = Empty(i.From),
        ToPersona = Empty(i.ToPersona),
        Tags = Empty(i.Tags),
        FromPersona = i.FromPersona,
        Channel = i.Channel,
        Method = i.Method == DeliveryMethod.Document ? null : JsonName(i.Method.ToString()),
        To = new AudienceDocument
        {
            Teams = i.To.Teams,
            Actors = i.To.Actors,
            Roles = i.To.Roles,
            Sites = i.To.Sites,
            Everyone = i.To.Everyone,
        },
        Subject = i.Subject,
        Message = i.Message,
        ExpectedAction = Empty(i.ExpectedAction),
        Notes = i.ControllerNotes,
        ResponseRequested = i.ResponseRequested,
        ResponseForm = i.ResponseForm is null ? null : new ResponseFormDocument
        {
            Fields = i.ResponseForm.Fields.Select(FieldDocument).ToList(),
        },
        ResponseDeadline = Offset(i.ResponseDeadline),
        Attachments = i.Attachments,
        Objectives = i.Objectives,
        Contingency = i.Contingency,
        Enabled = i.Enabled ? null : false,
        Disclosures = i.Disclosures.Select(d => new DisclosureDocument { Id = d.Id, Fact = d.Fact, Condition = Empty(d.Condition), AfterInject = d.AfterInject }).ToList(),
    };

    private static TriggerDocument? Trigger(TriggerDefinition? t) => t?.Kind switch
    {
        null => null,
        TriggerKind.AfterInject => new TriggerDocument { After = new AfterDocument { Inject = t.Inject, Delay = Offset(t.Delay) } },
        TriggerKind.OnSiteState => new TriggerDocument { OnSiteState = new SiteTriggerDocument { Site = t.Site, State = t.SiteState } },
        TriggerKind.OnResponse => new TriggerDocument { OnResponse = Response(t, within: null) },
        TriggerKind.OnEvidence => new TriggerDocument { OnEvidence = EvidenceTrigger(t) },
        TriggerKind.OnRequest => new TriggerDocument { OnRequest = new RequestTriggerDocument { Persona = t.Persona, Keywords = t.Keywords is { Count: > 0 } ? t.Keywords : null, Delay = t.Delay is { } d && d > TimeSpan.Zero ? Offset(d) : null } },
        _ => new TriggerDocument { IfNoResponse = Response(t, Offset(t.Delay)) },
    };

    private static ResponseTriggerDocument Response(TriggerDefinition t, string? within) => new()
    {
        Inject = t.Inject,
        Within = within,
        From = t.From == ResponseScope.SameTeam ? "sameTeam" : null,
        Field = t.Condition.Field,
        Choice = t.Condition.Kind == ConditionKind.ChoiceEquals ? t.Condition.Value : null,
        Contains = t.Condition.Kind == ConditionKind.FieldContains ? t.Condition.Value : null,
    };

    private static string? Offset(TimeSpan? offset) => offset is { } o ? TimeText.FormatOffset(o) : null;

    private static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static Dictionary<string, string>? Empty(Dictionary<string, string> text) => text.Count == 0 ? null : text;

    private static ResponseFieldDocument FieldDocument(ResponseField f) => new()
    {
        Id = f.Id,
        Kind = JsonName(f.Kind.ToString()),
        Label = Empty(f.Label),
        Required = f.Required,
        Choices = f.Choices.Select(c => new ChoiceDocument { Id = c.Id, Label = Empty(c.Label) }).ToList(),
    };
}
