using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using ScenarioEngine.Testing;
using ScenarioEngine.Web.Hosting;

namespace ScenarioEngine.Web.Tests;

/// <summary>
/// At a venue hundreds of phones share one public address: joining is limited by code and address,
/// never by address alone, while guessing codes from that address is still throttled.
/// </summary>
public sealed class VenueJoinTests
{
    private static readonly int GuessBudget = new WebOptions().JoinAttemptsPerMinute;

    [Fact]
    public async Task Two_hundred_devices_join_through_one_address_within_a_minute_while_a_loop_guessing_codes_is_throttled()
    {
        // The shipped limits, not the test nodes' relaxed ones.
        await using var node = await WebNode.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Web:JoinAttemptsPerMinute"] = GuessBudget.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using var controller = await node.SignInControllerAsync();
        var exercise = await controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        string[] codes = [ControllerClient.JoinCodeOf(exercise, "team-a"), ControllerClient.JoinCodeOf(exercise, "team-b"), ControllerClient.JoinCodeOf(exercise, "witness")];
        using var http = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        // The first phone of each team joins before anyone guesses: a code first used from an address
        // after its guesses are spent is refused unchecked (the next test), which is the defence.
        foreach (var code in codes)
        {
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsJsonAsync("/api/devices/join", new { code, displayName = "First phone" })).StatusCode);
        }

        var clock = Stopwatch.StartNew();
        var guessing = Task.Run(async () =>
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 3 * GuessBudget; i++)
            {
                statuses.Add((await http.PostAsJsonAsync("/api/devices/join", new { code = $"ZZ{i:000000}" })).StatusCode);
            }

            return statuses;
        });
        var joins = await Task.WhenAll(Enumerable.Range(0, 200).Chunk(20).Select(async batch =>
        {
            var statuses = new List<HttpStatusCode>();
            foreach (var device in batch)
            {
                var response = await http.PostAsJsonAsync("/api/devices/join", new { code = codes[device % codes.Length], displayName = $"Phone {device}" });
                statuses.Add(response.StatusCode);
            }

            return statuses;
        }));
        var elapsed = clock.Elapsed;
        var guesses = await guessing;

        Assert.All(joins.SelectMany(s => s), status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(200, joins.Sum(s => s.Count));
        Assert.True(elapsed < TimeSpan.FromMinutes(1), $"200 joins took {elapsed}");
        Assert.Equal(GuessBudget, guesses.Count(s => s == HttpStatusCode.NotFound));
        Assert.Equal(2 * GuessBudget, guesses.Count(s => s == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task Once_an_address_has_spent_its_guesses_a_valid_code_never_used_from_it_is_refused_unchecked_and_a_used_one_still_works()
    {
        await using var node = await WebNode.StartAsync(settings: new Dictionary<string, string?> { ["Web:JoinAttemptsPerMinute"] = "2" });
        using var controller = await node.SignInControllerAsync();
        var exercise = await controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var used = ControllerClient.JoinCodeOf(exercise, "team-a");
        var unused = ControllerClient.JoinCodeOf(exercise, "team-b");

        var before = await Join(node, used);
        await Join(node, "ZZ000001");
        await Join(node, "ZZ000002");
        var guessedRight = await Join(node, unused);
        var usedAgain = await Join(node, used);

        Assert.Equal(HttpStatusCode.OK, before);
        // The guesser cannot tell a valid code from an invalid one any more.
        Assert.Equal(HttpStatusCode.TooManyRequests, guessedRight);
        Assert.Equal(HttpStatusCode.OK, usedAgain);
    }

    private static async Task<HttpStatusCode> Join(WebNode node, string code) =>
        (await node.Http.PostAsJsonAsync("/api/devices/join", new { code })).StatusCode;
}
