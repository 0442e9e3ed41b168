namespace ScenarioEngine.Scenarios;

/// <summary>
/// The authored package an exercise is created from. Text a person reads is keyed by language
/// code ("en", "ru"), with <see cref="DefaultLanguage"/> as the fallback. New members are added
/// at the end with new [Id]s so stored exercises keep loading.
/// </summary>
[GenerateSerializer]
public sealed partial record ScenarioDefinition
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required Dictionary<string, string> Title { get; init; }
    [Id(2)] public required List<string> Languages { get; init; }
    [Id(3)] public required string DefaultLanguage { get; init; }
    [Id(4)] public List<SiteDefinition> Sites { get; init; } = [];
    [Id(5)] public List<ActorDefinition> Actors { get; init; } = [];
    [Id(6)] public List<TeamDefinition> Teams { get; init; } = [];
    [Id(7)] public List<InjectDefinition> Injects { get; init; } = [];
    [Id(8)] public Dictionary<string, string> Description { get; init; } = [];
    [Id(9)] public string? Version { get; init; }
    [Id(10)] public List<string> Authors { get; init; } = [];

    /// <summary>The scenario's own date and time at STARTEX, for injects timed by a scenario date-time.</summary>
    [Id(11)] public DateTimeOffset? ScenarioStart { get; init; }

    [Id(12)] public List<ObjectiveDefinition> Objectives { get; init; } = [];

    /// <summary>Planned breaks (lunch, nights between days): the clock pauses itself when scenario time reaches one.</summary>
    [Id(13)] public List<PlannedBreak> Breaks { get; init; } = [];

    /// <summary>Documents and images stored with the scenario. Only their descriptions live here; the bytes are kept in the exercise's append-only log.</summary>
    [Id(14)] public List<AttachmentDefinition> Attachments { get; init; } = [];

    /// <summary>Capabilities the designer adds to the bundled HSEEP core capabilities; objectives may name either.</summary>
    [Id(15)] public List<CapabilityDefinition> Capabilities { get; init; } = [];

    /// <summary>Who evaluates which teams and sites (the exercise evaluation guide's assignment sheet).</summary>
    [Id(16)] public List<EvaluatorDefinition> Evaluators { get; init; } = [];

    /// <summary>The feedback form every team's phones get after ENDEX; null for none.</summary>
    [Id(17)] public HotwashDefinition? Hotwash { get; init; }
}

/// <summary>
/// The hotwash: a short feedback form right after ENDEX, delivered to every team's mailbox as one
/// entry and answered like an inject's response form.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record HotwashDefinition
{
    /// <summary>The mailbox entry's inject number: no MSEL inject may use it.</summary>
    public const string InjectNumber = "HOTWASH";

    [Id(0)] public Dictionary<string, string> Title { get; init; } = [];
    [Id(1)] public Dictionary<string, string> Intro { get; init; } = [];

    /// <summary>Answers are stored without the device's identity and reported without team or device.</summary>
    [Id(2)] public bool Anonymous { get; init; }

    [Id(3)] public List<ResponseField> Questions { get; init; } = [];
}

[GenerateSerializer]
public sealed record SiteDefinition
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required Dictionary<string, string> Name { get; init; }
    [Id(2)] public Dictionary<string, string> Description { get; init; } = [];

    /// <summary>The states the site can be in; the first is where it starts.</summary>
    [Id(3)] public List<string> States { get; init; } = [];
}

[GenerateSerializer]
public sealed record ActorDefinition
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required Dictionary<string, string> Name { get; init; }
    [Id(2)] public Dictionary<string, string> Role { get; init; } = [];
    [Id(3)] public string? Site { get; init; }

    /// <summary>Who the actor plays: background, manner, what they know. Their cue cards are the injects addressed to them.</summary>
    [Id(4)] public Dictionary<string, string> Profile { get; init; } = [];
}

[GenerateSerializer]
public sealed record TeamDefinition
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required Dictionary<string, string> Name { get; init; }
    [Id(2)] public List<string> Agencies { get; init; } = [];
    [Id(3)] public int? Size { get; init; }

    /// <summary>How many members come from each agency, e.g. police: 2.</summary>
    [Id(4)] public Dictionary<string, int> AgencyMix { get; init; } = [];
}

[GenerateSerializer]
public sealed record ObjectiveDefinition
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required Dictionary<string, string> Title { get; init; }
    [Id(2)] public Dictionary<string, string> Description { get; init; } = [];

    /// <summary>Ids of core capabilities, bundled (HSEEP) or the scenario's own, e.g. "operational-coordination".</summary>
    [Id(3)] public List<string> Capabilities { get; init; } = [];

    /// <summary>What evaluators rate against this objective, each under one of its capabilities.</summary>
    [Id(4)] public List<CriticalTaskDefinition> CriticalTasks { get; init; } = [];
}

/// <summary>A core capability: from the bundled HSEEP list or added by the scenario's designer.</summary>
[GenerateSerializer, Immutable]
public sealed record CapabilityDefinition
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required Dictionary<string, string> Name { get; init; }
    [Id(2)] public Dictionary<string, string> Description { get; init; } = [];
}

/// <summary>One line of the exercise evaluation guide: a task evaluators watch for, with the targets that define it done well.</summary>
[GenerateSerializer, Immutable]
public sealed record CriticalTaskDefinition
{
    /// <summary>Unique across the scenario, so an observation names the task alone.</summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>One of the objective's capabilities.</summary>
    [Id(1)] public required string Capability { get; init; }
    [Id(2)] public required Dictionary<string, string> Title { get; init; }

    /// <summary>Performance targets, each a sentence in every language ("first victim interviewed within 30 minutes").</summary>
    [Id(3)] public List<Dictionary<string, string>> Targets { get; init; } = [];
}

[GenerateSerializer, Immutable]
public sealed record EvaluatorDefinition
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required Dictionary<string, string> Name { get; init; }
    [Id(2)] public List<string> Teams { get; init; } = [];
    [Id(3)] public List<string> Sites { get; init; } = [];
}

[GenerateSerializer]
public sealed record PlannedBreak
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public Dictionary<string, string> Title { get; init; } = [];

    /// <summary>Scenario time at which the clock pauses.</summary>
    [Id(2)] public required TimeSpan At { get; init; }

    /// <summary>Scenario time the clock continues from on resume (e.g. the next morning); null continues where it stopped.</summary>
    [Id(3)] public TimeSpan? ResumeAt { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record AttachmentDefinition
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string FileName { get; init; }
    [Id(2)] public required string ContentType { get; init; }
    [Id(3)] public required long Size { get; init; }

    /// <summary>Hex SHA-256 of the bytes, so a device or a re-import can tell the same file.</summary>
    [Id(4)] public required string Sha256 { get; init; }
    [Id(5)] public Dictionary<string, string> Title { get; init; } = [];
}

/// <summary>One MSEL row. Fields follow common MSEL practice; see ../shared/DESIGN.md.</summary>
[GenerateSerializer]
public sealed partial record InjectDefinition
{
    /// <summary>The control number, unique in the scenario ("1", "14a").</summary>
    [Id(0)] public required string Number { get; init; }
    [Id(1)] public required Dictionary<string, string> Subject { get; init; }
    [Id(2)] public required Dictionary<string, string> Message { get; init; }
    [Id(3)] public Dictionary<string, string> From { get; init; } = [];
    [Id(4)] public DeliveryMethod Method { get; init; } = DeliveryMethod.Document;
    [Id(5)] public required AudienceDefinition To { get; init; }

    /// <summary>
    /// Time trigger: offset from STARTEX in scenario time (a scenario date-time is turned into this
    /// offset when the scenario is loaded). Null with no <see cref="Trigger"/> means fired by hand only.
    /// </summary>
    [Id(6)] public TimeSpan? At { get; init; }

    [Id(7)] public Dictionary<string, string> ExpectedAction { get; init; } = [];
    [Id(8)] public string? ControllerNotes { get; init; }
    [Id(9)] public bool ResponseRequested { get; init; }

    /// <summary>Event trigger (after another inject, on a response, on a site state, on a missing response). Never set together with <see cref="At"/>.</summary>
    [Id(10)] public TriggerDefinition? Trigger { get; init; }

    /// <summary>Ids of <see cref="ScenarioDefinition.Attachments"/> sent with the inject.</summary>
    [Id(11)] public List<string> Attachments { get; init; } = [];

    [Id(12)] public List<string> Objectives { get; init; } = [];
    [Id(13)] public ResponseForm? ResponseForm { get; init; }

    /// <summary>Scenario time after firing by which a response is expected.</summary>
    [Id(14)] public TimeSpan? ResponseDeadline { get; init; }

    /// <summary>Held in reserve: fired only by hand or when an expected response is missing.</summary>
    [Id(15)] public bool Contingency { get; init; }

    /// <summary>A disabled inject stays in the MSEL but never fires by itself.</summary>
    [Id(16)] public bool Enabled { get; init; } = true;

    /// <summary>For cue cards: facts the actor may reveal only when a condition holds.</summary>
    [Id(17)] public List<DisclosureGate> Disclosures { get; init; } = [];

    /// <summary>
    /// The simulated person the inject is written to ("To" in Conducttr's MEL), as display text
    /// per language. A hook for personas: once they exist (the SimCell issue) this names one.
    /// </summary>
    [Id(18)] public Dictionary<string, string> ToPersona { get; init; } = [];

    /// <summary>Labels a designer's tool kept that this engine does not act on (Conducttr's Faction and Tab, HSEEP's Core Capability), by name.</summary>
    [Id(19)] public Dictionary<string, string> Tags { get; init; } = [];

    public bool ExpectsResponse => ResponseRequested || ResponseForm is not null;
}

/// <summary>
/// Who an inject goes to. Teams and actors by id; roles reach every team with that agency;
/// sites reach every actor at that site; everyone reaches every team and actor.
/// </summary>
[GenerateSerializer]
public sealed record AudienceDefinition
{
    [Id(0)] public List<string> Teams { get; init; } = [];
    [Id(1)] public List<string> Actors { get; init; } = [];
    [Id(2)] public List<string> Roles { get; init; } = [];
    [Id(3)] public List<string> Sites { get; init; } = [];
    [Id(4)] public bool Everyone { get; init; }

    public bool IsEmpty => !Everyone && Teams.Count == 0 && Actors.Count == 0 && Roles.Count == 0 && Sites.Count == 0;
}

public enum DeliveryMethod
{
    Document,
    PhoneCall,
    Sms,
    Email,
    Radio,
    InPerson,
    MediaReport,

    /// <summary>A post on a simulated social network; like <see cref="MediaReport"/>, it reaches teams as an article of the news feed.</summary>
    Social,
}

public enum TriggerKind
{
    /// <summary><see cref="TriggerDefinition.Delay"/> after <see cref="TriggerDefinition.Inject"/> fired.</summary>
    AfterInject,

    /// <summary>When a response to <see cref="TriggerDefinition.Inject"/> matches <see cref="TriggerDefinition.Condition"/>.</summary>
    OnResponse,

    /// <summary>When <see cref="TriggerDefinition.Site"/> enters <see cref="TriggerDefinition.SiteState"/>.</summary>
    OnSiteState,

    /// <summary>Contingency: <see cref="TriggerDefinition.Delay"/> after <see cref="TriggerDefinition.Inject"/> fired, unless a matching response arrived.</summary>
    IfNoResponse,

    /// <summary>
    /// <see cref="TriggerDefinition.Delay"/> after a team writes to <see cref="TriggerDefinition.Persona"/> (with one of
    /// <see cref="TriggerDefinition.Keywords"/>, if any): fires for that team only, once per team.
    /// </summary>
    OnRequest,

    /// <summary>
    /// <see cref="TriggerDefinition.Delay"/> after a team finds evidence item <see cref="TriggerDefinition.Evidence"/>
    /// (scans its label while it can be found): fires for that team only, once per team.
    /// </summary>
    OnEvidence,
}

public enum ResponseScope
{
    /// <summary>A response from any team counts.</summary>
    AnyTeam,

    /// <summary>Only a response from a team this inject is addressed to counts.</summary>
    SameTeam,
}

[GenerateSerializer, Immutable]
public sealed partial record TriggerDefinition
{
    [Id(0)] public required TriggerKind Kind { get; init; }
    [Id(1)] public string? Inject { get; init; }
    [Id(2)] public TimeSpan? Delay { get; init; }
    [Id(3)] public ResponseScope From { get; init; } = ResponseScope.AnyTeam;
    [Id(4)] public ResponseCondition Condition { get; init; } = ResponseCondition.Any;
    [Id(5)] public string? Site { get; init; }
    [Id(6)] public string? SiteState { get; init; }
}

public enum ConditionKind
{
    AnyResponse,
    ChoiceEquals,
    FieldContains,
}

[GenerateSerializer, Immutable]
public sealed record ResponseCondition
{
    public static readonly ResponseCondition Any = new() { Kind = ConditionKind.AnyResponse };

    [Id(0)] public required ConditionKind Kind { get; init; }

    /// <summary>The response form field looked at; null means the free text (or, for a choice, the form's only choice field).</summary>
    [Id(1)] public string? Field { get; init; }
    [Id(2)] public string? Value { get; init; }
}

public enum ResponseFieldKind
{
    Text,
    Choice,
    Amount,
    Account,
    Name,
    Location,
    Photo,
}

/// <summary>What a participant fills in to answer an inject. Safe to send to devices.</summary>
[GenerateSerializer, Immutable]
public sealed record ResponseForm
{
    [Id(0)] public List<ResponseField> Fields { get; init; } = [];
}

[GenerateSerializer, Immutable]
public sealed record ResponseField
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required ResponseFieldKind Kind { get; init; }
    [Id(2)] public Dictionary<string, string> Label { get; init; } = [];
    [Id(3)] public bool Required { get; init; }
    [Id(4)] public List<ResponseChoice> Choices { get; init; } = [];
}

[GenerateSerializer, Immutable]
public sealed record ResponseChoice
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public Dictionary<string, string> Label { get; init; } = [];
}

/// <summary>
/// A fact an actor may reveal only when <see cref="Condition"/> holds ("asked about documents
/// with an interpreter present"); <see cref="AfterInject"/> is the part the server can check.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DisclosureGate
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required Dictionary<string, string> Fact { get; init; }
    [Id(2)] public Dictionary<string, string> Condition { get; init; } = [];
    [Id(3)] public string? AfterInject { get; init; }
}
