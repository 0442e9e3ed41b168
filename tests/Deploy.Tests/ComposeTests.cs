using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Deploy.Tests;

public sealed class ComposeTests
{
    private readonly ComposeFile _compose = ComposeFile.Load();

    [Fact]
    public void Compose_file_parses_and_defines_redis_two_silos_two_web_nodes_and_a_load_balancer()
    {
        Assert.Equal(["lb", "redis", "silo-1", "silo-2", "web-1", "web-2"], _compose.Services.Select(s => s.Name).Order());

        var redis = _compose["redis"];
        Assert.StartsWith("redis:7", redis.Image);
        Assert.Contains(redis.Volumes, v => v.EndsWith(":/data", StringComparison.Ordinal) && !v.StartsWith('.'));

        Assert.StartsWith("nginx", _compose["lb"].Image);
        Assert.All(["silo-1", "silo-2"], s => Assert.Equal("deploy/Dockerfile.silo", _compose[s].DockerfileInRepo(_compose)));
        foreach (var web in new[] { "web-1", "web-2" })
        {
            Assert.Equal("deploy/Dockerfile.web", _compose[web].DockerfileInRepo(_compose));
            Assert.Equal(["redis", "silo-1", "silo-2"], _compose[web].DependsOn.Order());
            Assert.Equal("Client", _compose[web].Environment["Web__Orleans"]);
        }

        // Every app process finds the others through the redis service.
        Assert.All(_compose.Services.Where(s => s.Build is not null),
            s => Assert.Equal("redis", s.Environment["ConnectionStrings__Redis"].Split(':')[0]));
    }

    [Fact]
    public void Compose_file_builds_only_paths_that_exist()
    {
        var built = _compose.Services.Where(s => s.Build is not null).ToList();
        Assert.NotEmpty(built);
        foreach (var service in built)
        {
            var context = _compose.Resolve((string)service.Build!["context"]!);
            Assert.True(Directory.Exists(context), $"{service}: build context {context} does not exist");
            Assert.True(File.Exists(Path.Combine(Repo.Root, service.DockerfileInRepo(_compose)!)), $"{service}: dockerfile missing");
            Assert.Equal(Repo.Root.TrimEnd('/'), context.TrimEnd('/')); // the Dockerfiles COPY paths relative to the repository root
        }
    }

    [Fact]
    public void Compose_file_mounts_only_paths_that_exist()
    {
        var declaredVolumes = ComposeFile.Map(_compose.Root, "volumes").Keys.Cast<string>().ToHashSet();
        foreach (var service in _compose.Services)
        {
            foreach (var volume in service.Volumes)
            {
                var source = volume.Split(':')[0];
                if (source.StartsWith('.') || source.StartsWith('/'))
                {
                    var path = _compose.Resolve(source);
                    Assert.True(File.Exists(path) || Directory.Exists(path), $"{service} mounts {source}, which does not exist ({path})");
                }
                else
                {
                    Assert.True(declaredVolumes.Contains(source), $"{service} mounts named volume {source}, which is not declared");
                }
            }
        }
    }

    [Fact]
    public async Task Health_checks_ask_each_app_for_readiness_and_pass_only_on_200()
    {
        foreach (var service in _compose.Services.Where(s => s.Build is not null))
        {
            var test = service.HealthcheckTest;
            Assert.True(test.Count > 1 && test[0] == "CMD", $"{service}: no CMD health check");
            var port = service.HttpPort ?? 8080; // the images' default
            var target = $"/127.0.0.1/{port}";
            Assert.Contains(target, test[^1]);

            foreach (var (status, healthy) in new[] { ("200 OK", true), ("503 Service Unavailable", false) })
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var local = ((IPEndPoint)listener.LocalEndpoint).Port;
                var request = AnswerOnce(listener, status);
                var args = test.Skip(2).Select(a => a.Replace(target, $"/127.0.0.1/{local}", StringComparison.Ordinal));
                var result = await Run.Process(test[1], args, Repo.Root, TimeSpan.FromSeconds(20));

                Assert.StartsWith("GET /health/ready ", await request);
                Assert.True(healthy == (result.ExitCode == 0), $"{service} with {status}: {result}");
            }
        }
    }

    /// <summary>Accepts one connection, reads its request head, answers with the status; returns the request line.</summary>
    private static async Task<string> AnswerOnce(TcpListener listener, string status)
    {
        using var client = await listener.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(20));
        var stream = client.GetStream();
        var head = new StringBuilder();
        var buffer = new byte[1024];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                break;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        return head.ToString().Split("\r\n")[0];
    }
}
