namespace ScenarioEngine.Scenarios;

// Location, when the user agrees (issue 17 section 3): the scenario's part, kept in its own file
// (partial record) so other branches merge without touching the same lines. The [Id]s start at 80
// for the same reason.
public sealed partial record ScenarioDefinition
{
    /// <summary>
    /// The exercise asks team phones to add where they are to responses and evidence scans. Off by
    /// default; each phone still asks its user, and without both nothing is read or stored.
    /// </summary>
    [Id(80)] public bool LocationSharing { get; init; }
}
