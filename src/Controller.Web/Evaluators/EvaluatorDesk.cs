using ScenarioEngine.Evaluation;
using ScenarioEngine.Exercises;
using ScenarioEngine.Scenarios;

namespace ScenarioEngine.Web.Evaluators;

/// <summary>
/// What an evaluator's phone may see and send, decided from the scenario's assignment sheet alone:
/// the evaluator's teams and sites, the critical tasks to rate, and the injects in play for them.
/// Pure, so the rules are tested without a hub.
/// </summary>
public static class EvaluatorDesk
{
    public const int MaxNoteLength = 2000;
    public const int MaxInPlay = 20;
    public const int MaxAttachments = 5;

    public static EvaluatorBrief Brief(ScenarioDefinition scenario, ExerciseSnapshot snapshot, EvaluatorDefinition evaluator, IReadOnlyDictionary<string, CapabilityDefinition> capabilities, IEnumerable<Observation> log)
    {
        var tasks = scenario.Objectives.SelectMany(o => o.CriticalTasks.Select(t => new EvaluatorTask
        {
            Id = t.Id,
            ObjectiveId = o.Id,
            Objective = o.Title,
            Capability = capabilities.TryGetValue(t.Capability, out var c) ? c.Name : new Dictionary<string, string> { [scenario.DefaultLanguage] = t.Capability },
            Title = t.Title,
            Targets = t.Targets,
        })).ToList();

        return new EvaluatorBrief
        {
            EvaluatorId = evaluator.Id,
            Name = evaluator.Name,
            Teams = scenario.Teams.Where(t => evaluator.Teams.Contains(t.Id)).Select(t => new NamedRef { Id = t.Id, Name = t.Name }).ToList(),
            Sites = scenario.Sites.Where(s => evaluator.Sites.Contains(s.Id)).Select(s => new NamedRef { Id = s.Id, Name = s.Name }).ToList(),
            Tasks = tasks,
            InPlay = InPlay(scenario, snapshot, evaluator),
            ScenarioTime = snapshot.ScenarioTime,
            Speed = snapshot.Speed,
            Running = snapshot.Status == ClockStatus.Running,
            AsOf = snapshot.AsOf,
            Recorded = Recorded(log, evaluator.Id),
        };
    }

    /// <summary>The evaluator's phone-made ratings as they count now; each carries the id of its chain's latest entry (what a further correction names).</summary>
    public static List<RecordedRating> Recorded(IEnumerable<Observation> log, string evaluatorId) =>
        ObservationCorrections.Current(log)
            .Where(o => o.Entry is { Rating: not null, TeamId: not null, CriticalTaskId: not null, ClientId: not null } && o.Entry.Evaluator == evaluatorId)
            .Select(o => new RecordedRating
            {
                ObservationId = o.Entry.ClientId!,
                TeamId = o.Entry.TeamId!,
                CriticalTaskId = o.Entry.CriticalTaskId!,
                Rating = o.Entry.Rating!.Value,
                ScenarioTime = o.ScenarioTime,
            })
            .ToList();

    /// <summary>Fired injects that went to one of the evaluator's teams or happen at one of their sites, newest first.</summary>
    public static List<InjectInPlay> InPlay(ScenarioDefinition scenario, ExerciseSnapshot snapshot, EvaluatorDefinition evaluator)
    {
        var actorSite = scenario.Actors.Where(a => a.Site is not null).ToDictionary(a => a.Id, a => a.Site!, StringComparer.Ordinal);
        var inPlay = new List<InjectInPlay>();
        foreach (var view in snapshot.Injects.Where(i => i.Status == InjectStatus.Fired && i.FiredAt is not null).OrderByDescending(i => i.FiredAt))
        {
            var recipients = view.Recipients.Select(RecipientAddress.Parse).ToList();
            var teams = recipients.Where(r => r.Kind == RecipientKind.Team && evaluator.Teams.Contains(r.Id)).Select(r => r.Id).ToList();
            var definition = scenario.Injects.Find(i => i.Number == view.Number);
            var sites = (definition?.To.Sites ?? [])
                .Concat(recipients.Where(r => r.Kind == RecipientKind.Actor && actorSite.ContainsKey(r.Id)).Select(r => actorSite[r.Id]))
                .Concat(definition?.Trigger?.Site is { } triggerSite ? [triggerSite] : []);
            var site = sites.FirstOrDefault(evaluator.Sites.Contains);
            if (teams.Count == 0 && site is null)
            {
                continue;
            }

            inPlay.Add(new InjectInPlay { InjectNumber = view.Number, Subject = view.Subject, FiredAt = view.FiredAt!.Value, Teams = teams, SiteId = site });
            if (inPlay.Count == MaxInPlay)
            {
                break;
            }
        }

        return inPlay;
    }

    /// <summary>
    /// The log entry an evaluator's submission becomes, or why it is refused: a team or site the
    /// evaluator is not assigned, an unknown task, inject or rating without its other half.
    /// </summary>
    public static ObservationEntry Entry(ScenarioDefinition scenario, EvaluatorDefinition evaluator, ObservationSubmission submission, long? corrects)
    {
        if (string.IsNullOrWhiteSpace(submission.ObservationId) || submission.ObservationId.Length > 64)
        {
            throw new ArgumentException("An observation needs an id of 1 to 64 characters, made by the device.");
        }

        if (submission.TeamId is { } team && !evaluator.Teams.Contains(team))
        {
            throw new ArgumentException($"Team '{team}' is not one this evaluator observes.");
        }

        if (submission.SiteId is { } site && !evaluator.Sites.Contains(site))
        {
            throw new ArgumentException($"Site '{site}' is not one this evaluator observes.");
        }

        if ((submission.Note?.Length ?? 0) > MaxNoteLength)
        {
            throw new ArgumentException($"A note may have at most {MaxNoteLength} characters.");
        }

        if ((submission.AttachmentIds?.Count ?? 0) > MaxAttachments)
        {
            throw new ArgumentException($"An observation may carry at most {MaxAttachments} photos.");
        }

        if (submission.InjectNumber is { } number && scenario.Injects.All(i => i.Number != number))
        {
            throw new ArgumentException($"Inject '{number}' is not in the scenario.");
        }

        if (submission.Location is { } at && (at.Latitude is < -90 or > 90 || at.Longitude is < -180 or > 180 || double.IsNaN(at.Latitude) || double.IsNaN(at.Longitude)))
        {
            throw new ArgumentException("A location needs a latitude in [-90, 90] and a longitude in [-180, 180].");
        }

        var objective = string.Empty;
        if (submission.Rating is not null || submission.CriticalTaskId is not null)
        {
            if (submission.Rating is null || submission.CriticalTaskId is null || submission.TeamId is null)
            {
                throw new ArgumentException("A rating names a critical task, a team and a rating (P, S, M or U).");
            }

            objective = scenario.Objectives.FirstOrDefault(o => o.CriticalTasks.Any(t => t.Id == submission.CriticalTaskId))?.Id
                ?? throw new ArgumentException($"Critical task '{submission.CriticalTaskId}' is not in the scenario's evaluation guide.");
        }
        else if (string.IsNullOrWhiteSpace(submission.Note) && (submission.AttachmentIds?.Count ?? 0) == 0)
        {
            throw new ArgumentException("A note without a rating needs some text or a photo.");
        }

        return new ObservationEntry
        {
            ObjectiveId = objective,
            Rating = submission.Rating,
            Note = string.IsNullOrWhiteSpace(submission.Note) ? null : submission.Note.Trim(),
            InjectNumber = submission.InjectNumber,
            Evaluator = evaluator.Id,
            CriticalTaskId = submission.CriticalTaskId,
            TeamId = submission.TeamId,
            Corrects = corrects,
            ClientId = submission.ObservationId,
            SiteId = submission.SiteId,
            ObservedAt = submission.ObservedAt,
            AttachmentIds = submission.AttachmentIds ?? [],
            Location = submission.Location,
        };
    }
}
