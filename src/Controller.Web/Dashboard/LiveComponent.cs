using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace ScenarioEngine.Web.Dashboard;

/// <summary>
/// A component that updates from <see cref="DashboardFeed"/> or a timer. Their callbacks arrive on
/// the silo relay's or the timer's thread, carrying that thread's culture; the work is run on the
/// circuit in the circuit's language, or a Russian controller would get half-English screens.
/// </summary>
public abstract class LiveComponent : ComponentBase
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    protected Task OnCircuitAsync(Func<Task> work) => InvokeAsync(() =>
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
        return work();
    });

    protected Task RedrawAsync() => OnCircuitAsync(() =>
    {
        StateHasChanged();
        return Task.CompletedTask;
    });
}
