namespace ScenarioEngine.Testing;

/// <summary>The repository the tests run from: the folder above the test output that holds ScenarioEngine.sln.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "ScenarioEngine.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new DirectoryNotFoundException("No ScenarioEngine.sln above the test output.");
    }
}
