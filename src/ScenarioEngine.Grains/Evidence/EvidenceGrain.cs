using Microsoft.Extensions.Logging;
using ScenarioEngine.Delivery;
using ScenarioEngine.Evidence;
using ScenarioEngine.Exercises;
using ScenarioEngine.Grains.AppendLog;
using ScenarioEngine.Grains.Hosting;
using ScenarioEngine.Scenarios;
using ScenarioEngine.SitePlans;

namespace ScenarioEngine.Grains.Evidence;

[GenerateSerializer]
public sealed class EvidenceState
{
    /// <summary>The exercise's label secret, made on first use; it never leaves the grain.</summary>
    [Id(0)] public byte[] Secret { get; set; } = [];

    /// <summary>"team|item" for every find: bounded by teams × items, so scanning twice is told apart cheaply.</summary>
    [Id(1)] public HashSet<string> Found { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// One exercise's evidence props. A scan is logged first (append-only, once per scan id), then a
/// find goes to the team's mailbox (once per item), then the exercise grain hears of it for its
/// event log and onEvidence triggers.
/// </summary>
public sealed partial class EvidenceGrain(
    [PersistentState("evidence", StorageNames.Grains)] IPersistentState<EvidenceState> state,
    IAppendOnlyLog log,
    TimeProvider time,
    ILogger<EvidenceGrain> logger) : Grain, IEvidenceGrain
{
    public const int MaxScanIdLength = 100;
    public const int MaxCodeLength = 200;

    private long _cursor;
    private ScenarioDefinition? _scenario;

    private ExerciseId Exercise => new(this.GetPrimaryKeyString());

    private string Stream => $"{Exercise.Value}|evidence|scans";

    public override async Task OnActivateAsync(CancellationToken cancellationToken) =>
        _cursor = await log.GetLastSequenceAsync(Stream, cancellationToken);

    public async Task<EvidenceReceipt> Scan(string teamId, EvidenceScan scan, DeviceIdentity device)
    {
        ArgumentNullException.ThrowIfNull(scan);
        if (string.IsNullOrWhiteSpace(scan.ScanId) || scan.ScanId.Length > MaxScanIdLength || (scan.Code?.Length ?? 0) > MaxCodeLength)
        {
            throw new ArgumentException($"A scan needs an id of 1 to {MaxScanIdLength} characters and a code of at most {MaxCodeLength}.", nameof(scan));
        }

        GeoPoints.Require(scan.Location);
        var scenario = await Scenario();
        if (scenario.Teams.All(t => t.Id != teamId))
        {
            throw new ArgumentException($"No team '{teamId}' in this exercise.", nameof(teamId));
        }

        var itemId = EvidenceCodes.ItemFor(await Secret(), Exercise.Value, scenario.Evidence.Select(e => e.Id), scan.Code);
        var item = scenario.FindEvidence(itemId);
        var outcome = item is null ? EvidenceScanOutcome.NotThisExercise
            : state.State.Found.Contains(FoundKey(teamId, item.Id)) ? EvidenceScanOutcome.AlreadyFound
            : EvidenceRules.Findable(item, await Snapshot()) ? EvidenceScanOutcome.Found
            : EvidenceScanOutcome.NotYet;

        var (record, appended) = await AppendOnce(new EvidenceScanRecord
        {
            Sequence = 0,
            ScanId = scan.ScanId,
            TeamId = teamId,
            DeviceId = device.DeviceId,
            DeviceName = device.DisplayName,
            ItemId = item?.Id,
            SiteId = item?.Site,
            Outcome = outcome,
            ScannedAt = time.GetUtcNow(),

            // An exercise that does not ask for location keeps none, whatever the phone sent.
            Location = scenario.LocationSharing ? scan.Location : null,
        });
        if (!appended)
        {
            LogDuplicateScan(logger, scan.ScanId, teamId);
        }
        else if (record.Location is not null)
        {
            // A located scan is a new marker on the site plans, whatever its outcome.
            await GrainFactory.GetGrain<IWebNodeNotifierGrain>(0).ExerciseChanged(Exercise);
        }

        // Also on a duplicate: the mailbox append is idempotent per item, so a crash after the log
        // is healed by the phone's retry, and the receipt names the entry again.
        long? sequence = null;
        if (record is { Outcome: EvidenceScanOutcome.Found or EvidenceScanOutcome.AlreadyFound, ItemId: { } found })
        {
            var foundItem = scenario.FindEvidence(found)!;
            var team = RecipientAddress.Team(Exercise, teamId);
            sequence = await GrainFactory.GetGrain<IMailboxGrain>(team.GrainKey).Append(EvidenceRules.EntryFor(team, scenario, foundItem, record.ScannedAt));
            if (state.State.Found.Add(FoundKey(teamId, found)))
            {
                await state.WriteStateAsync();
                await Tell(record, foundItem.Site);
            }
        }
        else if (appended && record is { Outcome: EvidenceScanOutcome.NotYet, SiteId: { } site })
        {
            await Tell(record, site);
        }

        LogScan(logger, record.ScanId, teamId, record.ItemId ?? "-", record.Outcome);
        return new EvidenceReceipt
        {
            ScanId = record.ScanId,
            Outcome = record.Outcome,
            Item = record.Outcome is EvidenceScanOutcome.Found or EvidenceScanOutcome.AlreadyFound ? scenario.FindEvidence(record.ItemId)?.Name : null,
            Sequence = sequence,
            StoredAt = record.ScannedAt,
            Duplicate = !appended,
        };
    }

    public async Task<IReadOnlyList<EvidenceLabel>> GetLabels()
    {
        var scenario = await Scenario();
        var secret = await Secret();
        return scenario.Evidence.Select(e => new EvidenceLabel
        {
            ItemId = e.Id,
            SiteId = e.Site,
            Name = e.Name,
            SiteName = scenario.Sites.Find(s => s.Id == e.Site)?.Name ?? [],
            HiddenAt = e.HiddenAt,
            Code = EvidenceCodes.CodeFor(secret, Exercise.Value, e.Id),
            Condition = e.Condition,
        }).ToList();
    }

    public async Task<IReadOnlyList<EvidenceScanRecord>> ReadScans(long afterSequence, int maxCount)
    {
        var records = await log.ReadAfterAsync(Stream, Math.Max(0, afterSequence), Math.Clamp(maxCount, 1, Paging.MaxPageSize));
        return records.Select(r => LogJson.Deserialize<EvidenceScanRecord>(r.Payload)).ToList();
    }

    private Task Tell(EvidenceScanRecord record, string siteId) =>
        GrainFactory.GetGrain<IExerciseGrain>(Exercise.Value).EvidenceScanned(new EvidenceNotice
        {
            TeamId = record.TeamId,
            ItemId = record.ItemId!,
            SiteId = siteId,
            DeviceName = record.DeviceName,
            Outcome = record.Outcome,
        });

    private static string FoundKey(string teamId, string itemId) => $"{teamId}|{itemId}";

    private async Task<byte[]> Secret()
    {
        if (state.State.Secret.Length != EvidenceCodes.SecretBytes)
        {
            state.State.Secret = EvidenceCodes.NewSecret();
            await state.WriteStateAsync();
        }

        return state.State.Secret;
    }

    private async Task<(EvidenceScanRecord Record, bool Appended)> AppendOnce(EvidenceScanRecord scan)
    {
        for (var attempt = 0; ; attempt++)
        {
            var record = scan with { Sequence = _cursor + 1 };
            try
            {
                var result = await log.AppendAsync(Stream, record.Sequence, $"{scan.TeamId}|{scan.ScanId}", LogJson.Serialize(record));
                if (result.Appended)
                {
                    _cursor = record.Sequence;
                    return (record, true);
                }

                var earlier = await log.ReadAfterAsync(Stream, result.Sequence - 1, 1);
                return (LogJson.Deserialize<EvidenceScanRecord>(earlier[0].Payload), false);
            }
            catch (SequenceConflictException) when (attempt == 0)
            {
                // A previous activation appended after this one read the tail.
                _cursor = await log.GetLastSequenceAsync(Stream);
            }
        }
    }

    private async Task<ScenarioDefinition> Scenario() =>
        _scenario ??= await GrainFactory.GetGrain<IExerciseGrain>(Exercise.Value).GetScenario()
            ?? throw new KeyNotFoundException($"Exercise '{Exercise}' has not been created.");

    private async Task<ExerciseSnapshot> Snapshot() =>
        await GrainFactory.GetGrain<IExerciseGrain>(Exercise.Value).GetSnapshot()
            ?? throw new KeyNotFoundException($"Exercise '{Exercise}' has not been created.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Evidence scan {ScanId} from team {TeamId}: item {ItemId}, {Outcome}")]
    private static partial void LogScan(ILogger logger, string scanId, string teamId, string itemId, EvidenceScanOutcome outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Evidence scan {ScanId} from team {TeamId} was already stored; the retry changed nothing")]
    private static partial void LogDuplicateScan(ILogger logger, string scanId, string teamId);
}
