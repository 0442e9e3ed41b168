using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using ScenarioEngine.Delivery;
using ScenarioEngine.Devices;
using ScenarioEngine.Exercises;
using ScenarioEngine.Library;
using ScenarioEngine.Media;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Scenarios.Msel;
using ScenarioEngine.SimCell;
using ScenarioEngine.Web.Api;
using ScenarioEngine.Web.Auth;

namespace ScenarioEngine.Web.Dashboard;

/// <summary>Everything one exercise's dashboard shows, read in one go from the grains.</summary>
public sealed record ExerciseBoard
{
    public required ExerciseSnapshot Snapshot { get; init; }
    public required ScenarioDefinition Scenario { get; init; }
    public required IReadOnlyList<RecipientDeliveries> Deliveries { get; init; }
    public required IReadOnlyList<DevicePresence> Devices { get; init; }
    public required IReadOnlyList<SafetySignalStatus> Signals { get; init; }
    /// <summary>The latest events of the log, at most a window of them: <see cref="EarlierEvents"/> says how many came before.</summary>
    public required IReadOnlyList<ExerciseEvent> Events { get; init; }

    /// <summary>How many older events the board left out of <see cref="Events"/> (the full log is in the events API and the export).</summary>
    public long EarlierEvents { get; init; }
    public required IReadOnlyList<DisclosureRecord> Disclosures { get; init; }

    /// <summary>Actors' "need controller" calls, newest first.</summary>
    public IReadOnlyList<ControllerCallRecord> Calls { get; init; } = [];
}

/// <summary>
/// The dashboard's reads and commands. Components run on the web node, so they call grains
/// directly; every command checks here that the signed-in account is a controller (an observer's
/// screen hides the buttons, and a circuit message sent anyway is refused) and records its name.
/// </summary>
public sealed class DashboardData(IGrainFactory grains, AuthenticationStateProvider authentication, IAuthorizationService authorization, Microsoft.Extensions.Options.IOptions<ScenarioEngine.Web.Hosting.WebOptions> webOptions)
{
    public async Task<IReadOnlyList<ExerciseSnapshot>> ListAsync()
    {
        var ids = await grains.GetGrain<IExerciseRegistryGrain>(0).List();
        var snapshots = await Task.WhenAll(ids.Select(id => grains.GetGrain<IExerciseGrain>(id).GetSnapshot()));
        return snapshots.OfType<ExerciseSnapshot>().OrderBy(s => s.ExerciseId, StringComparer.Ordinal).ToList();
    }

    public Task<ExerciseBoard?> LoadAsync(string exerciseId) => BoardLoader.LoadAsync(grains, exerciseId);

    /// <summary>Whether the signed-in account may act (a controller) or only watch (an observer).</summary>
    public async Task<bool> CanActAsync() =>
        (await authorization.AuthorizeAsync((await authentication.GetAuthenticationStateAsync()).User, AuthPolicies.Controller)).Succeeded;

    public async Task<ExerciseSnapshot> CreateAsync(string exerciseId, string? scenarioYaml, CultureInfo culture)
    {
        await ControllerNameAsync();
        var package = scenarioYaml is null ? ScenarioLoader.LoadSamplePackage() : ScenarioLoader.ParsePackage(scenarioYaml, "scenario", culture);
        return await grains.GetGrain<IExerciseGrain>(exerciseId).CreateFrom(package.Scenario, package.Attachments, draft: scenarioYaml is not null);
    }

    /// <summary>Imports a sheet with the exercise's remembered mapping and <paramref name="map"/> over it; remembers the mapping once the import is accepted.</summary>
    public async Task<MselImportResponse> ImportMselAsync(string exerciseId, string fileName, byte[] content, CultureInfo culture, IReadOnlyDictionary<string, string>? map = null)
    {
        var by = await ControllerNameAsync();
        var exercise = grains.GetGrain<IExerciseGrain>(exerciseId);
        var scenario = await exercise.GetScenario() ?? throw new KeyNotFoundException($"There is no exercise '{exerciseId}'.");
        var mapping = await MselApi.MappingFor(grains, exerciseId, null);
        foreach (var (header, field) in map ?? new Dictionary<string, string>())
        {
            mapping[header] = field;
        }

        var result = await MselApi.ImportAsync(exercise, scenario, fileName, content, culture, MselApi.Options(mapping, null, webOptions.Value), by);
        await grains.GetGrain<IMselMappingGrain>(exerciseId).Set(new Dictionary<string, string>(mapping, StringComparer.Ordinal));
        return result;
    }

    public async Task<EegImportResponse> ImportEegAsync(string exerciseId, string fileName, byte[] content, CultureInfo culture)
    {
        var by = await ControllerNameAsync();
        var exercise = grains.GetGrain<IExerciseGrain>(exerciseId);
        var scenario = await exercise.GetScenario() ?? throw new KeyNotFoundException($"There is no exercise '{exerciseId}'.");
        return await EegApi.ImportAsync(exercise, scenario, fileName, content, culture, by);
    }

    /// <summary>The sheet's columns with sample values and what the import makes of each under the remembered mapping: what the mapping dialog shows.</summary>
    public async Task<(IReadOnlyList<MselColumnPreview> Columns, Dictionary<string, string> Mapping)> PreviewMselAsync(string exerciseId, string fileName, byte[] content, CultureInfo culture)
    {
        var scenario = await grains.GetGrain<IExerciseGrain>(exerciseId).GetScenario() ?? throw new KeyNotFoundException($"There is no exercise '{exerciseId}'.");
        var mapping = await MselApi.MappingFor(grains, exerciseId, null);
        var sheet = MselApi.ReadSheet(fileName, content, culture);
        return (MselImporter.Preview(sheet, scenario, new MselImportOptions { Map = mapping }), mapping);
    }

    /// <summary>A command on the exercise; the action gets the controller's name to record.</summary>
    public async Task<ExerciseSnapshot> ActAsync(string exerciseId, Func<IExerciseGrain, string, Task<ExerciseSnapshot>> action) =>
        await action(grains.GetGrain<IExerciseGrain>(exerciseId), await ControllerNameAsync());

    public async Task<SafetySignal> RaiseSignalAsync(ExerciseSnapshot snapshot, SignalKind kind) =>
        await SafetyApi.RaiseAsync(grains, snapshot, kind, await ControllerNameAsync());

    public async Task ClearSignalAsync(string exerciseId, string signalId) =>
        await SafetyApi.ClearAsync(grains, exerciseId, signalId, await ControllerNameAsync());

    public async Task<Access.JoinCodeView> RotateAsync(RecipientAddress recipient) =>
        await grains.GetGrain<IExerciseGrain>(recipient.Exercise.Value).RotateJoinCode(recipient, await ControllerNameAsync());

    public async Task<Access.JoinCodeView?> RevokeAsync(string exerciseId, string deviceId, bool rotateJoinCode = false) =>
        await DevicesApi.RevokeAsync(grains, exerciseId, deviceId, rotateJoinCode, await ControllerNameAsync());

    public Task<IReadOnlyList<Access.SignInFailure>> SignInFailuresAsync(int max = 200) =>
        grains.GetGrain<Access.ISignInLogGrain>(0).Latest(max);

    public Task<IReadOnlyList<Evaluation.Observation>> ObservationsAsync(string exerciseId) =>
        grains.GetGrain<Evaluation.IObservationLogGrain>(exerciseId).List();

    public Task<Evaluation.Observation> ObserveAsync(string exerciseId, Evaluation.ObservationEntry entry, TimeSpan scenarioTime) =>
        grains.GetGrain<Evaluation.IObservationLogGrain>(exerciseId).Add(entry, scenarioTime);

    /// <summary>Whether the signed-in account may write the AAR/IP consolidation (a controller or the lead evaluator).</summary>
    public async Task<bool> CanConsolidateAsync() =>
        (await authorization.AuthorizeAsync((await authentication.GetAuthenticationStateAsync()).User, AuthPolicies.Consolidate)).Succeeded;

    public Task<Evaluation.Consolidation> ConsolidationAsync(string exerciseId) =>
        grains.GetGrain<Evaluation.IConsolidationGrain>(exerciseId).Current();

    public async Task<Evaluation.ConsolidationRecord> ConsolidateAsync(string exerciseId, Evaluation.ConsolidationEntry entry)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        if (!(await authorization.AuthorizeAsync(user, AuthPolicies.Consolidate)).Succeeded)
        {
            throw new UnauthorizedAccessException("Only a controller or the lead evaluator may write the consolidation.");
        }

        return await grains.GetGrain<Evaluation.IConsolidationGrain>(exerciseId).Add(entry, user.ControllerName());
    }

    public async Task<IReadOnlyList<StoredResponse>> ResponsesAsync(RecipientAddress recipient) =>
        await Paging.ReadAllToListAsync(grains.GetGrain<IMailboxGrain>(recipient.GrainKey).GetResponses, Paging.MaxPageSize);

    /// <summary>The signed-in account's name, as claims and replies record it.</summary>
    public async Task<string?> UserNameAsync() => (await authentication.GetAuthenticationStateAsync()).User.Identity?.Name;

    /// <summary>Claims a request for the signed-in controller; the answer names who holds it when someone else does.</summary>
    public async Task<ClaimResult> ClaimAsync(string exerciseId, long sequence) =>
        await grains.GetGrain<ISimCellQueueGrain>(exerciseId).Claim(sequence, await ControllerNameAsync());

    public async Task UnclaimAsync(string exerciseId, long sequence) =>
        await grains.GetGrain<ISimCellQueueGrain>(exerciseId).Unclaim(sequence, await ControllerNameAsync());

    /// <summary>Sends as the persona; the reply's controller is the signed-in account, whatever the form held.</summary>
    public async Task<StoredReply> ReplyAsync(string exerciseId, PersonaReply reply) =>
        await grains.GetGrain<IPersonaMessagesGrain>(exerciseId).Reply(reply with { Controller = await ControllerNameAsync() });

    public async Task<StoredAdHoc> ImproviseAsync(string exerciseId, AdHocMessage message) =>
        await grains.GetGrain<IPersonaMessagesGrain>(exerciseId).Improvise(message with { Controller = await ControllerNameAsync() });

    public Task<IReadOnlyList<StoredStatement>> PendingStatementsAsync(string exerciseId) =>
        grains.GetGrain<IStatementsGrain>(exerciseId).GetPending();

    public Task<List<StatementDecision>> StatementDecisionsAsync(string exerciseId) =>
        Paging.ReadAllToListAsync(grains.GetGrain<IStatementsGrain>(exerciseId).GetDecisions, Paging.MaxPageSize);

    public async Task<StatementDecision> ApproveStatementAsync(string exerciseId, long sequence) =>
        await grains.GetGrain<IStatementsGrain>(exerciseId).Approve(sequence, await ControllerNameAsync());

    public async Task<StatementDecision> RejectStatementAsync(string exerciseId, long sequence, string reason) =>
        await grains.GetGrain<IStatementsGrain>(exerciseId).Reject(sequence, await ControllerNameAsync(), reason);

    /// <summary>The signed-in controller's name, for a command a view carries out itself; throws for an observer.</summary>
    public Task<string> ControllerNameForAsync() => ControllerNameAsync();

    private async Task<string> ControllerNameAsync()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        if (!(await authorization.AuthorizeAsync(user, AuthPolicies.Controller)).Succeeded)
        {
            throw new UnauthorizedAccessException("This account may watch the exercise but not change it.");
        }

        return user.ControllerName();
    }
}
