using System.Globalization;
using System.Security.Cryptography;
using ScenarioEngine.Scenarios;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ScenarioEngine.Scenarios;

/// <summary>A loaded scenario with the bytes of its attachments, which do not travel in the definition.</summary>
public sealed record ScenarioPackage(ScenarioDefinition Scenario, Dictionary<string, byte[]> Attachments);

/// <summary>
/// Reads a scenario YAML file and checks it whole: every problem is reported at once, in the
/// reader's language, and nothing is returned unless the scenario is valid.
/// </summary>
public static partial class ScenarioLoader
{
    public const string SampleName = "anti-trafficking-sample";

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    public static ScenarioDefinition LoadSample(string name = SampleName) => LoadSamplePackage(name).Scenario;

    public static ScenarioPackage LoadSamplePackage(string name = SampleName)
    {
        var resource = $"ScenarioEngine.Samples.{name}.yaml";
        using var stream = typeof(ScenarioLoader).Assembly.GetManifestResourceStream(resource)
            ?? throw new FileNotFoundException($"No bundled sample scenario '{name}'.", resource);
        using var reader = new StreamReader(stream);
        return ParsePackage(reader.ReadToEnd(), $"{name}.yaml");
    }

    public static ScenarioDefinition Parse(string yaml, string source, CultureInfo? culture = null) =>
        ParsePackage(yaml, source, culture).Scenario;

    /// <summary>Reads the scenario file at <paramref name="path"/>; attachment files are read relative to it.</summary>
    public static ScenarioPackage LoadFile(string path, CultureInfo? culture = null)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        return ParsePackage(File.ReadAllText(path), Path.GetFileName(path), culture, relative =>
        {
            var full = Path.GetFullPath(Path.Combine(folder, relative));
            return full.StartsWith(folder, StringComparison.Ordinal) && File.Exists(full) ? File.ReadAllBytes(full) : null;
        });
    }

    /// <param name="readFile">Reads an attachment named by a relative path; null when there are no files (a scenario sent as text).</param>
    public static ScenarioPackage ParsePackage(string yaml, string source, CultureInfo? culture = null, Func<string, byte[]?>? readFile = null)
    {
        var problems = new ProblemList(culture);
        ScenarioDocument? document;
        try
        {
            YamlLimits.Check(yaml);
            document = Deserializer.Deserialize<ScenarioDocument>(yaml);
        }
        catch (YamlLimitException e)
        {
            throw new ScenarioValidationException(source,
                [new ScenarioProblem($"line {e.At.Line}, column {e.At.Column}", ScenarioText.Format(culture, e.Code, e.Limit)) { Code = e.Code }]);
        }
        catch (YamlException e)
        {
            throw new ScenarioValidationException(source,
                [new ScenarioProblem($"line {e.Start.Line}, column {e.Start.Column}", e.InnerException?.Message ?? e.Message) { Code = Msg.YamlSyntax }]);
        }

        if (document is null)
        {
            problems.Add("file", Msg.FileEmpty);
            throw new ScenarioValidationException(source, problems);
        }

        var (scenario, attachments, injectPaths) = Map(document, problems, readFile);
        scenario = ScenarioValidator.Normalize(scenario);
        problems.AddRange(ScenarioValidator.Validate(scenario, new YamlLocator(injectPaths), culture));
        return problems.Count == 0 ? new ScenarioPackage(scenario, attachments) : throw new ScenarioValidationException(source, problems);
    }

    private static (ScenarioDefinition, Dictionary<string, byte[]>, List<string>) Map(ScenarioDocument doc, ProblemList problems, Func<string, byte[]?>? readFile)
    {
        var languages = doc.Languages is { Count: > 0 } ? doc.Languages : ["en"];
        DateTimeOffset? start = null;
        if (doc.ScenarioStart is not null)
        {
            start = TimeText.TryParseDateTime(doc.ScenarioStart, out var parsed) ? parsed : Invalid<DateTimeOffset?>(problems, "scenarioStart", Msg.DateTimeInvalid, doc.ScenarioStart);
        }

        var injects = new List<InjectDefinition>();
        var injectPaths = new List<string>();
        var reader = new FieldReader(problems, start);
        foreach (var (inject, i) in (doc.Injects ?? []).Select((x, i) => (x, i)))
        {
            injects.Add(reader.Inject(inject, $"injects[{i}]", audience: null));
            injectPaths.Add($"injects[{i}]");
        }

        var actors = (doc.Actors ?? []).Select((a, i) => new ActorDefinition
        {
            Id = reader.Id(a.Id, $"actors[{i}]"),
            Name = a.Name ?? [],
            Role = a.Role ?? [],
            Site = a.Site,
            Profile = a.Profile ?? [],
        }).ToList();

        // Cue cards written under an actor are injects to that actor alone: one fire path for all.
        foreach (var (actor, a) in (doc.Actors ?? []).Select((x, i) => (x, i)))
        {
            foreach (var (card, c) in (actor.CueCards ?? []).Select((x, i) => (x, i)))
            {
                var where = $"actors[{a}].cueCards[{c}]";
                injects.Add(reader.Inject(card, where, new AudienceDefinition { Actors = [actors[a].Id] }));
                injectPaths.Add(where);
            }
        }

        var (attachments, bytes) = reader.Attachments(doc.Attachments ?? [], readFile);
        var scenario = new ScenarioDefinition
        {
            Id = reader.Id(doc.Id, "scenario"),
            Title = doc.Title ?? [],
            Description = doc.Description ?? [],
            Version = doc.Version,
            Authors = doc.Authors ?? [],
            ScenarioStart = start,
            Languages = languages,
            DefaultLanguage = doc.DefaultLanguage ?? languages[0],
            Sites = (doc.Sites ?? []).Select((s, i) => new SiteDefinition
            {
                Id = reader.Id(s.Id, $"sites[{i}]"),
                Name = s.Name ?? [],
                Description = s.Description ?? [],
                States = s.States ?? [],
            }).ToList(),
            Actors = actors,
            Teams = (doc.Teams ?? []).Select((t, i) => new TeamDefinition
            {
                Id = reader.Id(t.Id, $"teams[{i}]"),
                Name = t.Name ?? [],
                Agencies = t.Agencies ?? [],
                Size = t.Size,
                AgencyMix = t.AgencyMix ?? [],
            }).ToList(),
            Objectives = (doc.Objectives ?? []).Select((o, i) => new ObjectiveDefinition
            {
                Id = reader.Id(o.Id, $"objectives[{i}]"),
                Title = o.Title ?? [],
                Description = o.Description ?? [],
                Capabilities = o.Capabilities ?? [],
                CriticalTasks = (o.CriticalTasks ?? []).Select((t, j) => new CriticalTaskDefinition
                {
                    Id = reader.Id(t.Id, $"objectives[{i}].criticalTasks[{j}]"),
                    Capability = t.Capability ?? Invalid(problems, $"objectives[{i}].criticalTasks[{j}].capability", Msg.Required, ""),
                    Title = t.Title ?? [],
                    Targets = t.Targets ?? [],
                }).ToList(),
            }).ToList(),
            Capabilities = (doc.Capabilities ?? []).Select((c, i) => new CapabilityDefinition
            {
                Id = reader.Id(c.Id, $"capabilities[{i}]"),
                Name = c.Name ?? [],
                Description = c.Description ?? [],
            }).ToList(),
            Evaluators = (doc.Evaluators ?? []).Select((e, i) => new EvaluatorDefinition
            {
                Id = reader.Id(e.Id, $"evaluators[{i}]"),
                Name = e.Name ?? [],
                Teams = e.Teams ?? [],
                Sites = e.Sites ?? [],
            }).ToList(),
            Breaks = (doc.Breaks ?? []).Select((b, i) => new PlannedBreak
            {
                Id = reader.Id(b.Id, $"breaks[{i}]"),
                Title = b.Title ?? [],
                At = reader.Offset(b.At, $"breaks[{i}].at") ?? Invalid(problems, $"breaks[{i}].at", Msg.Required, TimeSpan.Zero),
                ResumeAt = reader.Offset(b.ResumeAt, $"breaks[{i}].resumeAt"),
            }).ToList(),
            Attachments = attachments,
            Injects = injects,
            Hotwash = doc.Hotwash is not { } hotwash ? null : new HotwashDefinition
            {
                Title = hotwash.Title ?? [],
                Intro = hotwash.Intro ?? [],
                Anonymous = hotwash.Anonymous,
                Questions = reader.Fields(hotwash.Questions, "hotwash.questions"),
            },
        };
        scenario = WithSimCell(scenario, doc, reader, problems);
        scenario = WithEvidence(scenario, doc, reader);
        scenario = WithMedia(scenario, doc, reader, problems);
        scenario = WithLocation(scenario, doc, problems);
        return (scenario, bytes, injectPaths);
    }

    private static T Invalid<T>(ProblemList problems, string where, string key, T fallback)
    {
        problems.Add(where, key);
        return fallback;
    }

    private static T Invalid<T>(ProblemList problems, string where, string key, string? value)
    {
        problems.Add(where, key, value);
        return default!;
    }

    /// <summary>Turns the loose strings of one YAML node into typed values, noting every bad one.</summary>
    private sealed class FieldReader(ProblemList problems, DateTimeOffset? scenarioStart)
    {
        public string Id(string? id, string where) =>
            string.IsNullOrWhiteSpace(id) ? Problem($"{where}.id", Msg.Required)
            : id.Contains('|', StringComparison.Ordinal) ? Problem($"{where}.id", Msg.IdInvalid, id)
            : id.Trim();

        public TimeSpan? Offset(string? text, string where)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (TimeText.TryParseOffset(text, out var offset))
            {
                return offset;
            }

            problems.Add(where, Msg.TimeOffsetInvalid, text);
            return null;
        }

        public InjectDefinition Inject(InjectDocument doc, string where, AudienceDefinition? audience)
        {
            var at = Offset(doc.At, $"{where}.at");
            if (doc.AtTime is not null)
            {
                at = AtTime(doc.AtTime, $"{where}.atTime");
                if (doc.At is not null)
                {
                    problems.Add($"{where}.atTime", Msg.OneTriggerOnly);
                }
            }

            var trigger = doc.Trigger is null ? null : Trigger(doc.Trigger, $"{where}.trigger");
            if (trigger is not null && at is not null)
            {
                problems.Add($"{where}.trigger", Msg.OneTriggerOnly);
            }

            var method = DeliveryMethod.Document;
            if (doc.Method is not null && !Enum.TryParse(doc.Method, ignoreCase: true, out method))
            {
                problems.Add($"{where}.method", Msg.MethodInvalid, doc.Method, string.Join(", ", Enum.GetNames<DeliveryMethod>()));
            }

            return new InjectDefinition
            {
                Number = string.IsNullOrWhiteSpace(doc.Number) ? Problem($"{where}.number", Msg.Required) : doc.Number.Trim(),
                At = at,
                Trigger = trigger,
                From = doc.From ?? [],
                ToPersona = doc.ToPersona ?? [],
                Tags = doc.Tags ?? [],
                FromPersona = string.IsNullOrWhiteSpace(doc.FromPersona) ? null : doc.FromPersona.Trim(),
                Channel = string.IsNullOrWhiteSpace(doc.Channel) ? null : doc.Channel.Trim(),
                Method = doc.Method is null && audience is not null ? DeliveryMethod.InPerson : method,
                To = audience ?? new AudienceDefinition
                {
                    Teams = doc.To?.Teams ?? [],
                    Actors = doc.To?.Actors ?? [],
                    Roles = doc.To?.Roles ?? [],
                    Sites = doc.To?.Sites ?? [],
                    Everyone = doc.To?.Everyone ?? false,
                },
                Subject = doc.Subject ?? [],
                Message = doc.Message ?? [],
                ExpectedAction = doc.ExpectedAction ?? [],
                ControllerNotes = doc.Notes,
                ResponseRequested = doc.ResponseRequested,
                ResponseForm = doc.ResponseForm is null ? null : Form(doc.ResponseForm, $"{where}.responseForm"),
                ResponseDeadline = Offset(doc.ResponseDeadline, $"{where}.responseDeadline"),
                Attachments = doc.Attachments ?? [],
                Objectives = doc.Objectives ?? [],
                Contingency = doc.Contingency,
                Enabled = doc.Enabled ?? true,
                Disclosures = (doc.Disclosures ?? []).Select((d, i) => new DisclosureGate
                {
                    Id = Id(d.Id, $"{where}.disclosures[{i}]"),
                    Fact = d.Fact ?? [],
                    Condition = d.Condition ?? [],
                    AfterInject = d.AfterInject,
                }).ToList(),
            };
        }

        public (List<AttachmentDefinition>, Dictionary<string, byte[]>) Attachments(List<AttachmentDocument> docs, Func<string, byte[]?>? readFile)
        {
            var definitions = new List<AttachmentDefinition>();
            var contents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var (doc, i) in docs.Select((x, i) => (x, i)))
            {
                var where = $"attachments[{i}]";
                var id = Id(doc.Id, where);
                var bytes = Content(doc, where, readFile);
                if (bytes is null)
                {
                    continue;
                }

                var fileName = doc.FileName ?? Path.GetFileName(doc.File) ?? id;
                definitions.Add(new AttachmentDefinition
                {
                    Id = id,
                    FileName = fileName,
                    ContentType = doc.ContentType ?? ContentTypes.For(fileName),
                    Size = bytes.LongLength,
                    Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
                    Title = doc.Title ?? [],
                });
                contents[id] = bytes;
            }

            return (definitions, contents);
        }

        private byte[]? Content(AttachmentDocument doc, string where, Func<string, byte[]?>? readFile)
        {
            if ((doc.File is null) == (doc.Content is null))
            {
                problems.Add(where, Msg.AttachmentNeedsFileOrContent);
                return null;
            }

            if (doc.Content is not null)
            {
                try
                {
                    return Convert.FromBase64String(doc.Content);
                }
                catch (FormatException)
                {
                    problems.Add($"{where}.content", Msg.AttachmentContentInvalid);
                    return null;
                }
            }

            if (readFile?.Invoke(doc.File!) is { } bytes)
            {
                return bytes;
            }

            problems.Add($"{where}.file", Msg.AttachmentFileMissing, doc.File);
            return null;
        }

        private TimeSpan? AtTime(string text, string where)
        {
            if (!TimeText.TryParseDateTime(text, out var moment))
            {
                problems.Add(where, Msg.DateTimeInvalid, text);
                return null;
            }

            if (scenarioStart is not { } start)
            {
                problems.Add(where, Msg.AtTimeNeedsScenarioStart);
                return null;
            }

            if (moment < start)
            {
                problems.Add(where, Msg.AtTimeBeforeStart, text, start.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture));
                return null;
            }

            return moment - start;
        }

        private TriggerDefinition? Trigger(TriggerDocument doc, string where)
        {
            var given = new object?[] { doc.After, doc.OnResponse, doc.OnSiteState, doc.IfNoResponse, doc.OnRequest, doc.OnEvidence }.Count(x => x is not null) + (doc.Manual ? 1 : 0);
            if (given != 1)
            {
                problems.Add(where, Msg.OneTriggerOnly);
                return null;
            }

            if (doc.After is { } after)
            {
                return new TriggerDefinition { Kind = TriggerKind.AfterInject, Inject = after.Inject?.Trim(), Delay = Offset(after.Delay, $"{where}.after.delay") ?? TimeSpan.Zero };
            }

            if (doc.OnEvidence is { } evidence)
            {
                return EvidenceTrigger(evidence, where, this);
            }

            if (doc.OnRequest is { } request)
            {
                return new TriggerDefinition
                {
                    Kind = TriggerKind.OnRequest,
                    Persona = request.Persona?.Trim(),
                    Keywords = request.Keywords is { Count: > 0 } keywords ? keywords.Select(k => k.Trim()).ToList() : null,
                    Delay = Offset(request.Delay, $"{where}.onRequest.delay") ?? TimeSpan.Zero,
                };
            }

            if (doc.OnSiteState is { } site)
            {
                return new TriggerDefinition { Kind = TriggerKind.OnSiteState, Site = site.Site, SiteState = site.State };
            }

            if ((doc.OnResponse ?? doc.IfNoResponse) is { } response)
            {
                var kind = doc.OnResponse is not null ? TriggerKind.OnResponse : TriggerKind.IfNoResponse;
                var path = $"{where}.{(kind == TriggerKind.OnResponse ? "onResponse" : "ifNoResponse")}";
                return new TriggerDefinition
                {
                    Kind = kind,
                    Inject = response.Inject?.Trim(),
                    Delay = kind == TriggerKind.IfNoResponse ? Offset(response.Within, $"{path}.within") : null,
                    From = Scope(response.From, $"{path}.from"),
                    Condition = Condition(response, $"{path}"),
                };
            }

            return null;
        }

        private ResponseScope Scope(string? text, string where)
        {
            if (text is null)
            {
                return ResponseScope.AnyTeam;
            }

            if (Enum.TryParse<ResponseScope>(text, ignoreCase: true, out var scope))
            {
                return scope;
            }

            problems.Add(where, Msg.ScopeInvalid, text);
            return ResponseScope.AnyTeam;
        }

        private ResponseCondition Condition(ResponseTriggerDocument doc, string where)
        {
            if (doc.Choice is not null && doc.Contains is not null)
            {
                problems.Add(where, Msg.OneConditionOnly);
            }

            return doc.Choice is not null ? new ResponseCondition { Kind = ConditionKind.ChoiceEquals, Field = doc.Field, Value = doc.Choice.Trim() }
                : doc.Contains is not null ? new ResponseCondition { Kind = ConditionKind.FieldContains, Field = doc.Field, Value = doc.Contains }
                : ResponseCondition.Any;
        }

        private ResponseForm Form(ResponseFormDocument doc, string where) => new() { Fields = Fields(doc.Fields, $"{where}.fields") };

        /// <summary>Response-form fields, also the hotwash's questions; <paramref name="where"/> is the list's path.</summary>
        public List<ResponseField> Fields(List<ResponseFieldDocument>? fields, string where) =>
            (fields ?? []).Select((f, i) =>
            {
                var kind = ResponseFieldKind.Text;
                if (f.Kind is not null && !Enum.TryParse(f.Kind, ignoreCase: true, out kind))
                {
                    problems.Add($"{where}[{i}].kind", Msg.FieldKindInvalid, f.Kind, string.Join(", ", Enum.GetNames<ResponseFieldKind>()));
                }

                return new ResponseField
                {
                    Id = Id(f.Id, $"{where}[{i}]"),
                    Kind = kind,
                    Label = f.Label ?? [],
                    Required = f.Required,
                    Choices = (f.Choices ?? []).Select((c, j) => new ResponseChoice { Id = Id(c.Id, $"{where}[{i}].choices[{j}]"), Label = c.Label ?? [] }).ToList(),
                };
            }).ToList();

        private string Problem(string where, string key, params object?[] args)
        {
            problems.Add(where, key, args);
            return string.Empty;
        }
    }
}

/// <summary>Content types by file extension, for attachments whose type the designer did not give.</summary>
public static class ContentTypes
{
    public static string For(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        ".pdf" => "application/pdf",
        ".txt" => "text/plain; charset=utf-8",
        ".md" => "text/markdown; charset=utf-8",
        ".csv" => "text/csv; charset=utf-8",
        ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    };
}
