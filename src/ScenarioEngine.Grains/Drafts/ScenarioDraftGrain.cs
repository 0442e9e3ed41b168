using Microsoft.Extensions.Logging;
using ScenarioEngine.Delivery;
using ScenarioEngine.Drafts;
using ScenarioEngine.Exercises;
using ScenarioEngine.Grains.AppendLog;
using ScenarioEngine.Library;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Scenarios.Editing;

namespace ScenarioEngine.Grains.Drafts;

/// <summary>
/// A draft's versions live in the append-only log, each the whole document; the grain holds only
/// the latest in memory and rebuilds it from the log's tail. The decisions are
/// <see cref="DraftEditor"/>'s; this grain orders the edits (one at a time), stores and announces them.
/// </summary>
public sealed partial class ScenarioDraftGrain(IAppendOnlyLog log, TimeProvider time, ILogger<ScenarioDraftGrain> logger) : Grain, IScenarioDraftGrain
{
    private const int Page = 200;
    private DraftSnapshot? _current;
    private Dictionary<string, byte[]> _openedWith = [];

    private string Id => this.GetPrimaryKeyString();

    private string Stream => $"{Id}|draft-versions";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var last = await log.GetLastSequenceAsync(Stream, cancellationToken);
        if (last > 0)
        {
            var record = (await log.ReadAfterAsync(Stream, last - 1, 1, cancellationToken))[0];
            _current = new DraftSnapshot { Version = record.Sequence, Document = LogJson.Deserialize<DraftVersion>(record.Payload).Document };
        }
    }

    public Task<DraftSnapshot?> Get() => Task.FromResult(_current);

    public async Task<DraftSnapshot> Open(ScenarioDefinition scenario, Dictionary<string, byte[]> attachments, string by)
    {
        if (DraftIds.ExerciseOf(Id) is null && scenario.Id != Id)
        {
            throw new ArgumentException($"Draft '{Id}' holds scenario '{Id}', not '{scenario.Id}'.");
        }

        _openedWith = attachments;
        return _current ?? await AppendAsync(DraftEditor.Start(scenario), by, edit: null, restoredFrom: null)
            ?? throw new InvalidOperationException($"Exercise '{DraftIds.ExerciseOf(Id)?.Value}' has started: its scenario can no longer be edited.");
    }

    private async Task<bool> ExerciseStartedAsync() =>
        DraftIds.ExerciseOf(Id) is { } exercise && !await GrainFactory.GetGrain<IExerciseGrain>(exercise.Value).IsBeforeStartex();

    public async Task<DraftEditResult> Edit(DraftEdit edit, string by)
    {
        var current = _current ?? throw new InvalidOperationException($"Draft '{Id}' has not been opened.");
        if (await ExerciseStartedAsync())
        {
            return new DraftEditResult { Outcome = DraftOutcome.ExerciseStarted, Current = current };
        }

        var decision = DraftEditor.Apply(current.Document, edit);
        var after = decision.Outcome == DraftOutcome.Applied ? await AppendAsync(decision.Document, by, edit, restoredFrom: null) : current;
        return new DraftEditResult
        {
            Outcome = after is null ? DraftOutcome.ExerciseStarted : decision.Outcome,
            Current = after ?? current,
            CurrentValue = decision.CurrentValue,
            ProblemCode = decision.ProblemCode,
            ProblemArguments = decision.ProblemArguments.ToList(),
        };
    }

    public async Task<DraftEditResult> Restore(long version, long expectedCurrent, string by)
    {
        var current = _current ?? throw new InvalidOperationException($"Draft '{Id}' has not been opened.");
        if (expectedCurrent != current.Version)
        {
            // Undo is of what the designer saw; a version they have not seen is theirs to look at first.
            return new DraftEditResult { Outcome = DraftOutcome.StaleVersion, Current = current };
        }

        if (await ExerciseStartedAsync())
        {
            return new DraftEditResult { Outcome = DraftOutcome.ExerciseStarted, Current = current };
        }

        var old = await GetVersion(version) ?? throw new ArgumentException($"Draft '{Id}' has no version {version}.");
        return await AppendAsync(old, by, edit: null, restoredFrom: version) is { } restored
            ? new DraftEditResult { Outcome = DraftOutcome.Applied, Current = restored }
            : new DraftEditResult { Outcome = DraftOutcome.ExerciseStarted, Current = current };
    }

    public async Task<IReadOnlyList<DraftVersionInfo>> Versions()
    {
        var records = await Paging.ReadAllToListAsync<LogRecord>(async (after, count) => await log.ReadAfterAsync(Stream, after, count), Page);
        return records.Select(r => LogJson.Deserialize<DraftVersion>(r.Payload).Info).ToList();
    }

    public async Task<DraftDocument?> GetVersion(long version)
    {
        if (version < 1 || _current is null || version > _current.Version)
        {
            return null;
        }

        var records = await log.ReadAfterAsync(Stream, version - 1, 1);
        return records is [var record] && record.Sequence == version ? LogJson.Deserialize<DraftVersion>(record.Payload).Document : null;
    }

    // Null when the draft is an exercise's and the exercise started in between: nothing is stored.
    private async Task<DraftSnapshot?> AppendAsync(DraftDocument document, string by, DraftEdit? edit, long? restoredFrom)
    {
        var problems = ScenarioValidator.Validate(ScenarioValidator.Normalize(document.Scenario), ScenarioValidator.YamlLocator, culture: null);
        var exercise = DraftIds.ExerciseOf(Id);
        if (exercise is { } target && problems.Count == 0 && _current is not null)
        {
            // Applied before it is stored: a version the exercise refused is not one the designers see as saved.
            try
            {
                await GrainFactory.GetGrain<IExerciseGrain>(target.Value).ReplaceScenario(document.Scenario, by);
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }

        var number = (_current?.Version ?? 0) + 1;
        var info = new DraftVersionInfo { Number = number, By = by, At = time.GetUtcNow(), Edit = edit, RestoredFrom = restoredFrom, Problems = problems.Count };
        await log.AppendAsync(Stream, number, uniqueKey: null, LogJson.Serialize(new DraftVersion { Info = info, Document = document }));
        _current = new DraftSnapshot { Version = number, Document = document };
        if (problems.Count == 0 && exercise is null)
        {
            await PublishAsync(document.Scenario, info.At);
        }

        LogVersion(logger, Id, number, by);
        await GrainFactory.GetGrain<IWebNodeNotifierGrain>(0).DraftChanged(Id, number);
        return _current;
    }

    // A version without problems is what an exercise created from the library gets. The editor
    // does not change files: they stay the template's, or those the draft was opened with.
    private async Task PublishAsync(ScenarioDefinition scenario, DateTimeOffset at)
    {
        var template = GrainFactory.GetGrain<IScenarioTemplateGrain>(Id);
        var attachments = (await template.Get())?.Attachments ?? _openedWith;
        if (scenario.Attachments.FirstOrDefault(a => !attachments.ContainsKey(a.Id)) is { } missing)
        {
            LogNoFile(logger, Id, missing.Id);
            return;
        }

        var files = scenario.Attachments.ToDictionary(a => a.Id, a => attachments[a.Id]);
        var yaml = ScenarioWriter.ToYaml(new ScenarioPackage(scenario, files));
        await template.Save(new ScenarioTemplate { Yaml = yaml, Attachments = files }, ScenarioTemplateInfo.Of(scenario, at));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Draft {DraftId} is valid but not published to the library: the bytes of attachment {AttachmentId} are nowhere")]
    private static partial void LogNoFile(ILogger logger, string draftId, string attachmentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Draft {DraftId} saved as version {Version} by {By}")]
    private static partial void LogVersion(ILogger logger, string draftId, long version, string by);
}
