using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ScenarioEngine.Scenarios;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Web.Tests;

/// <summary>
/// Files from outside that would cost the server gigabytes are refused over the API within
/// seconds, in the caller's language, with bounded memory, while a running drill keeps delivering
/// (issue 12 §6). The allocation bound counts every thread of the test process, server included.
/// </summary>
public sealed class HostileUploadTests(EmbeddedNodeFixture fixture) : IClassFixture<EmbeddedNodeFixture>
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const long BoundedAllocation = 256L * 1024 * 1024;
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(5);

    public static TheoryData<string, string> HostileSheets => new()
    {
        { "far-column", Msg.SheetTooManyColumns },
        { "far-row", Msg.SheetTooManyRows },
        { "bomb", Msg.SheetTooLarge },
    };

    [Theory]
    [MemberData(nameof(HostileSheets))]
    public async Task Hostile_spreadsheet_is_refused_quickly_in_russian_and_the_running_drill_still_delivers(string kind, string code)
    {
        var file = kind switch
        {
            "far-column" => HostileFiles.XlsxCellAt("AAAAAAA1"),
            "far-row" => HostileFiles.XlsxCellAt("A1048576"),
            _ => HostileFiles.XlsxBomb(200L * 1024 * 1024),
        };
        await using var drill = await RunningDrill();
        var target = await fixture.Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());

        var (response, elapsed, allocated) = await Measure(() =>
        {
            var content = new ByteArrayContent(file);
            content.Headers.ContentType = new MediaTypeHeaderValue(XlsxType);
            return fixture.Controller.Http.PostAsync($"/api/exercises/{target.ExerciseId}/msel?fileName=hostile.xlsx&lang=ru", content);
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = Assert.Single((await Problems(response)).EnumerateArray());
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Matches("[а-яА-Я]", problem.GetProperty("message").GetString());
        Assert.True(elapsed < Quickly, $"took {elapsed}");
        Assert.True(allocated < BoundedAllocation, $"allocated {allocated / (1024 * 1024)} MB");
        await drill.DeliversAnInject();
    }

    [Fact]
    public async Task Scenario_with_nested_yaml_aliases_is_refused_quickly_and_the_running_drill_still_delivers()
    {
        await using var drill = await RunningDrill();

        var (response, elapsed, allocated) = await Measure(() => fixture.Controller.Http.PostAsJsonAsync(
            "/api/exercises?lang=en", new { exerciseId = EmbeddedNodeFixture.NewExerciseId(), scenarioYaml = HostileFiles.YamlBillionLaughs(levels: 12) }, WebNode.Json));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = Assert.Single((await Problems(response)).EnumerateArray());
        Assert.Equal(Msg.YamlTooManyAliases, problem.GetProperty("code").GetString());
        Assert.True(elapsed < Quickly, $"took {elapsed}");
        Assert.True(allocated < BoundedAllocation, $"allocated {allocated / (1024 * 1024)} MB");
        await drill.DeliversAnInject();
    }

    [Fact]
    public async Task Scenario_body_over_the_limit_is_refused_as_too_large()
    {
        var yaml = new string('#', 17 * 1024 * 1024);

        var response = await fixture.Controller.Http.PostAsJsonAsync("/api/exercises", new { exerciseId = EmbeddedNodeFixture.NewExerciseId(), scenarioYaml = yaml }, WebNode.Json);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Spreadsheet_over_the_limit_is_refused_as_too_large_even_without_a_declared_length()
    {
        var target = await fixture.Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/exercises/{target.ExerciseId}/msel?fileName=big.csv")
        {
            Content = new ByteArrayContent(new byte[11 * 1024 * 1024]),
        };
        request.Headers.TransferEncodingChunked = true;

        var response = await fixture.Controller.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private async Task<Drill> RunningDrill()
    {
        var exercise = await fixture.Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        await fixture.Controller.StartAsync(exercise.ExerciseId);
        var device = await DeviceClient.JoinAndConnectAsync(fixture.Node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"));
        return new Drill(fixture.Controller, exercise.ExerciseId, device);
    }

    private static async Task<(HttpResponseMessage Response, TimeSpan Elapsed, long Allocated)> Measure(Func<Task<HttpResponseMessage>> call)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var elapsed = Stopwatch.StartNew();
        var response = await call();
        return (response, elapsed.Elapsed, GC.GetTotalAllocatedBytes(precise: true) - before);
    }

    private static async Task<JsonElement> Problems(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problems");

    private sealed record Drill(ControllerClient Controller, string ExerciseId, DeviceClient Device) : IAsyncDisposable
    {
        public async Task DeliversAnInject()
        {
            await Controller.FireAsync(ExerciseId, "4");
            Assert.Equal("4", (await Device.WaitForPushAsync(m => m.InjectNumber == "4")).InjectNumber);
        }

        public ValueTask DisposeAsync() => Device.DisposeAsync();
    }
}
