namespace Deploy.Tests;

/// <summary>
/// Without a Docker engine, replay each Dockerfile's .NET SDK stage: its COPY lines copy from the
/// repository (minus what .dockerignore leaves out) into a temporary folder standing for the stage's
/// file system, then its RUN commands (dotnet restore, dotnet publish) run there with absolute paths
/// mapped into that folder. Only the files the Dockerfile copies are present, as in a real build.
/// </summary>
public sealed class PublishTests
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(15);

    [Theory]
    [Trait("Category", "Slow")]
    [InlineData("deploy/Dockerfile.silo")]
    [InlineData("deploy/Dockerfile.web")]
    public async Task Dockerfile_publish_steps_succeed_on_a_copy_of_the_build_context_and_make_the_entry_dll(string dockerfile)
    {
        var stages = Dockerfile.Load(dockerfile);
        var ignore = DockerIgnore.Load();
        var sdkStages = stages.Where(s => s.Image.StartsWith("mcr.microsoft.com/dotnet/sdk", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(sdkStages);
        var scratch = Directory.CreateTempSubdirectory("deploy-tests-").FullName;
        try
        {
            foreach (var stage in sdkStages)
            {
                await Replay(stage, Path.Combine(scratch, stage.Name ?? "stage"), ignore);
            }

            // The runtime stage copies the publish output from an SDK stage and starts the dll in it.
            var runtime = stages[^1];
            var dll = runtime.StartCommand.Single(a => a.EndsWith(".dll", StringComparison.Ordinal));
            var outputs = runtime.Copies
                .Where(c => sdkStages.Any(s => s.Name == c.From))
                .SelectMany(c => c.Sources.Select(source => InStage(Path.Combine(scratch, c.From!), "/", source)))
                .ToList();
            Assert.NotEmpty(outputs);
            Assert.True(outputs.Any(o => File.Exists(Path.Combine(o, dll))), $"{dll} is not in {string.Join(", ", outputs)}");
        }
        finally
        {
            try
            {
                Directory.Delete(scratch, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a leftover temp folder is not a test failure.
            }
        }
    }

    private static async Task Replay(Stage stage, string root, DockerIgnore ignore)
    {
        var workDir = "/";
        foreach (var instruction in stage.Instructions)
        {
            switch (instruction.Keyword)
            {
                case "WORKDIR":
                    workDir = instruction.Arguments.StartsWith('/') ? instruction.Arguments : $"{workDir.TrimEnd('/')}/{instruction.Arguments}";
                    Directory.CreateDirectory(InStage(root, "/", workDir));
                    break;
                case "COPY" when Dockerfile.ParseCopy(instruction.Arguments) is { From: null } copy:
                    CopyFromContext(copy, root, workDir, ignore);
                    break;
                case "RUN":
                    var words = instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    Assert.True(words[0] == "dotnet" && !words.Any(w => w is "&&" or "||" or ";" or "|" or ">"),
                        $"this test replays plain dotnet commands only, not: RUN {instruction.Arguments}");
                    var args = words.Skip(1).Select(w => w.StartsWith('/') ? InStage(root, "/", w) : w);
                    var result = await Run.Process("dotnet", args, InStage(root, "/", workDir), CommandTimeout);
                    Assert.True(result.ExitCode == 0, $"RUN {instruction.Arguments}\n{result}");
                    break;
                default:
                    // COPY --from another stage (the PWA) and ENV/EXPOSE/... change nothing a publish needs.
                    break;
            }
        }
    }

    private static void CopyFromContext(Copy copy, string root, string workDir, DockerIgnore ignore)
    {
        var destination = InStage(root, workDir, copy.Destination);
        foreach (var source in copy.Sources)
        {
            var path = Repo.PathOf(source);
            if (Directory.Exists(path))
            {
                // Like docker: a folder's contents go into the destination, minus ignored paths.
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
                {
                    var relative = Path.GetRelativePath(Repo.Root, file);
                    if (!ignore.Excludes(relative))
                    {
                        var target = Path.Combine(destination, Path.GetRelativePath(path, file));
                        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                        File.Copy(file, target, overwrite: true);
                    }
                }
            }
            else
            {
                var target = copy.Destination.EndsWith('/') || copy.Sources.Count > 1 ? Path.Combine(destination, Path.GetFileName(path)) : destination;
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(path, target, overwrite: true);
            }
        }
    }

    /// <summary>Where a path inside the stage's file system lives under the scratch folder.</summary>
    private static string InStage(string root, string workDir, string path)
    {
        var absolute = path.StartsWith('/') ? path : $"{workDir.TrimEnd('/')}/{path}";
        return Path.GetFullPath(Path.Combine(root, absolute.TrimStart('/')));
    }
}
