using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using ScenarioEngine.Drafts;
using ScenarioEngine.Exercises;
using ScenarioEngine.Library;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Scenarios.Editing;
using ScenarioEngine.Web.Api;
using ScenarioEngine.Web.Auth;

namespace ScenarioEngine.Web.Dashboard.Editor;

/// <summary>
/// The editor's reads and writes. Controllers (the designers here) edit; observers read. A draft
/// is started from the library's template (or the bundled sample) the first time a controller
/// opens it; an observer opening one nobody started sees the template, read-only.
/// </summary>
public sealed class DraftEditorData(IGrainFactory grains, AuthenticationStateProvider authentication, IAuthorizationService authorization)
{
    public async Task<bool> CanEditAsync() =>
        (await authorization.AuthorizeAsync((await authentication.GetAuthenticationStateAsync()).User, AuthPolicies.Controller)).Succeeded;

    public async Task<IReadOnlyList<ScenarioTemplateInfo>> LibraryAsync()
    {
        var saved = await grains.GetGrain<IScenarioLibraryGrain>(0).List();
        var sample = ScenarioTemplateInfo.Of(ScenarioLoader.LoadSample(), DateTimeOffset.MinValue);
        return saved.Any(t => t.Id == sample.Id) ? saved : [sample, .. saved];
    }

    /// <summary>The draft's latest version; null when there is no such scenario.</summary>
    public async Task<DraftSnapshot?> OpenAsync(string draftId, CultureInfo culture)
    {
        var draft = grains.GetGrain<IScenarioDraftGrain>(draftId);
        if (await draft.Get() is { } existing)
        {
            return existing;
        }

        if (DraftIds.ExerciseOf(draftId) is { } exerciseId)
        {
            // An exercise's scenario, with its files already in the exercise: opened for editing only before STARTEX.
            var exercise = grains.GetGrain<IExerciseGrain>(exerciseId.Value);
            if (await exercise.GetScenario() is not { } scenario)
            {
                return null;
            }

            return await CanEditAsync() && await exercise.IsBeforeStartex()
                ? await draft.Open(scenario, [], await DesignerNameAsync())
                : new DraftSnapshot { Version = 0, Document = DraftEditor.Start(scenario) };
        }

        if (await ScenariosApi.LoadAsync(grains, draftId, culture) is not { } package)
        {
            return null;
        }

        return await CanEditAsync()
            ? await draft.Open(package.Scenario, package.Attachments, await DesignerNameAsync())
            : new DraftSnapshot { Version = 0, Document = DraftEditor.Start(package.Scenario) };
    }

    /// <summary>True for the draft of an exercise that has started, which nobody may edit any more.</summary>
    public async Task<bool> ExerciseStartedAsync(string draftId) =>
        DraftIds.ExerciseOf(draftId) is { } exercise && !await grains.GetGrain<IExerciseGrain>(exercise.Value).IsBeforeStartex();

    public Task<DraftSnapshot?> CurrentAsync(string draftId) => grains.GetGrain<IScenarioDraftGrain>(draftId).Get();

    public async Task<DraftEditResult> EditAsync(string draftId, DraftEdit edit) =>
        await grains.GetGrain<IScenarioDraftGrain>(draftId).Edit(edit, await DesignerNameAsync());

    public async Task<DraftEditResult> RestoreAsync(string draftId, long version, long expectedCurrent) =>
        await grains.GetGrain<IScenarioDraftGrain>(draftId).Restore(version, expectedCurrent, await DesignerNameAsync());

    public Task<IReadOnlyList<DraftVersionInfo>> VersionsAsync(string draftId) => grains.GetGrain<IScenarioDraftGrain>(draftId).Versions();

    /// <summary>What changed from version <paramref name="version"/> − 1 to it.</summary>
    public async Task<IReadOnlyList<DraftChange>> DiffAsync(string draftId, long version)
    {
        var draft = grains.GetGrain<IScenarioDraftGrain>(draftId);
        var after = await draft.GetVersion(version);
        var before = version > 1 ? await draft.GetVersion(version - 1) : null;
        return after is null ? [] : DraftDiff.Between(before ?? after with { Scenario = after.Scenario with { Injects = [], Teams = [], Sites = [], Actors = [], Objectives = [] }, Keys = [] }, after);
    }

    /// <summary>The draft's problems as an import would report them, in the reader's language.</summary>
    public static IReadOnlyList<ScenarioProblem> Problems(DraftDocument document, CultureInfo culture) =>
        ScenarioValidator.Validate(ScenarioValidator.Normalize(document.Scenario), ScenarioValidator.YamlLocator, culture);

    /// <summary>A refused cell value's reason in the loader's words.</summary>
    public static string Problem(DraftEditResult result, CultureInfo culture) =>
        result.ProblemCode is { } code ? ScenarioText.Format(culture, code, [.. result.ProblemArguments]) : string.Empty;

    private async Task<string> DesignerNameAsync()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        if (!(await authorization.AuthorizeAsync(user, AuthPolicies.Controller)).Succeeded)
        {
            throw new UnauthorizedAccessException("This account may read the draft but not change it.");
        }

        return user.ControllerName();
    }
}
