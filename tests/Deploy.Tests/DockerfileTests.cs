using System.Net;
using System.Text.RegularExpressions;

namespace Deploy.Tests;

public sealed class DockerfileTests
{
    [Fact]
    public void Dockerfiles_copy_only_paths_that_exist_in_the_repo_or_an_earlier_stage()
    {
        var ignore = DockerIgnore.Load();
        var problems = new List<string>();
        foreach (var dockerfile in Dockerfile.All)
        {
            var stages = Dockerfile.Load(dockerfile);
            for (var i = 0; i < stages.Count; i++)
            {
                foreach (var copy in stages[i].Copies)
                {
                    if (copy.From is null)
                    {
                        problems.AddRange(copy.Sources
                            .Where(s => !File.Exists(Repo.PathOf(s)) && !Directory.Exists(Repo.PathOf(s)))
                            .Select(s => $"{dockerfile}: COPY {s}: not in the repository"));
                        problems.AddRange(copy.Sources
                            .Where(s => ignore.Excludes(s))
                            .Select(s => $"{dockerfile}: COPY {s}: left out of the build context by .dockerignore"));
                        continue;
                    }

                    var from = stages.Take(i).FirstOrDefault(s => s.Name == copy.From);
                    if (from is null)
                    {
                        problems.Add($"{dockerfile}: COPY --from={copy.From}: no earlier stage has that name");
                        continue;
                    }

                    // What a stage makes is under its WORKDIR or where a command writes with -o.
                    var made = from.Runs.Select(r => Regex.Match(r, @"\s-o\s+(\S+)")).Where(m => m.Success).Select(m => m.Groups[1].Value).Append(from.WorkDir);
                    problems.AddRange(copy.Sources
                        .Where(s => !made.Any(m => s.TrimEnd('/').StartsWith(m.TrimEnd('/'), StringComparison.Ordinal)))
                        .Select(s => $"{dockerfile}: COPY --from={copy.From} {s}: stage {copy.From} makes nothing there"));
                }
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Dockerfiles_build_on_the_dotnet_10_sdk_and_run_on_the_aspnet_10_runtime()
    {
        foreach (var dockerfile in Dockerfile.All)
        {
            var stages = Dockerfile.Load(dockerfile);
            Assert.Contains(stages, s => s.Image == "mcr.microsoft.com/dotnet/sdk:10.0");
            Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0", stages[^1].Image);
            Assert.Contains(stages[^1].StartCommand, a => a.EndsWith(".dll", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Web_image_builds_the_pwa_with_node_and_publishes_the_web_app_without_it()
    {
        var stages = Dockerfile.Load("deploy/Dockerfile.web");
        var node = Assert.Single(stages, s => s.Image == "node:20");
        Assert.EndsWith("/src/Participant.Pwa", node.WorkDir, StringComparison.Ordinal);
        Assert.Contains("npm ci", node.Runs.First(), StringComparison.Ordinal);
        Assert.Contains(node.Runs, r => r.Contains("npm run build", StringComparison.Ordinal));

        var sdk = Assert.Single(stages, s => s.Image.StartsWith("mcr.microsoft.com/dotnet/sdk", StringComparison.Ordinal));
        var publish = Assert.Single(sdk.Runs, r => r.StartsWith("dotnet publish", StringComparison.Ordinal));
        Assert.Contains("src/Controller.Web/Controller.Web.csproj", publish, StringComparison.Ordinal);
        Assert.Contains("-p:SkipPwaBuild=true", publish, StringComparison.Ordinal); // the sdk image has no Node
        var output = Regex.Match(publish, @"\s-o\s+(\S+)").Groups[1].Value;

        // The web app serves the phone app from pwa/ next to its dll.
        var pwa = Assert.Single(sdk.Copies, c => c.From == node.Name);
        Assert.Equal($"{node.WorkDir}/dist", pwa.Sources.Single().TrimEnd('/'));
        Assert.Equal($"{output}/pwa", pwa.Destination.TrimEnd('/'));
    }

    [Fact]
    public async Task Silo_entrypoint_advertises_an_address_of_this_machine_unless_one_is_given()
    {
        var silo = Dockerfile.Load("deploy/Dockerfile.silo")[^1];
        var entrypoint = silo.StartCommand[0];
        var script = silo.Copies.Single(c => c.Destination == entrypoint).Sources.Single();
        Assert.Contains(silo.StartCommand, a => a.EndsWith(".dll", StringComparison.Ordinal));

        string[] printAddress = [script, "sh", "-c", "printf %s \"$ScenarioEngine__AdvertisedAddress\""];
        var found = await Run.Process("sh", printAddress, Repo.Root, TimeSpan.FromSeconds(20),
            new Dictionary<string, string?> { ["ScenarioEngine__AdvertisedAddress"] = null });
        Assert.Equal(0, found.ExitCode);
        Assert.True(IPAddress.TryParse(found.Output.Trim(), out _), $"not an IP address: '{found.Output.Trim()}'");

        var given = await Run.Process("sh", printAddress, Repo.Root, TimeSpan.FromSeconds(20),
            new Dictionary<string, string?> { ["ScenarioEngine__AdvertisedAddress"] = "10.1.2.3" });
        Assert.Equal("10.1.2.3", given.Output.Trim());
    }
}
