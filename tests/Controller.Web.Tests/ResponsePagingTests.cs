using ScenarioEngine.Delivery;
using ScenarioEngine.Exercises;
using ScenarioEngine.Testing;
using ScenarioEngine.Web.Hubs;

namespace ScenarioEngine.Web.Tests;

/// <summary>
/// A team's responses are read a page at a time (issue 12 §5): no hub call or REST read costs more
/// than one page of the team's log, and a reader that follows the pages gets every response once.
/// </summary>
public sealed class ResponsePagingTests(TeamResponseLog log) : IClassFixture<TeamResponseLog>
{
    private const int Stored = TeamResponseLog.Stored;

    private WebNode Node => log.Node;

    private ControllerClient Controller => log.Controller;

    [Fact]
    public async Task Device_following_the_pages_of_a_team_log_longer_than_a_page_gets_every_response_to_its_message_once()
    {
        var (exercise, tip, order) = (log.Exercise, log.Tip, log.Order);
        await using var reader = await DeviceClient.JoinAndConnectAsync(Node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"), "Carol");

        var pages = new List<ResponsePage>();
        var after = 0L;
        do
        {
            pages.Add(await reader.InvokeAsync<ResponsePage>(nameof(DeviceHub.GetResponsePage), tip, after, 200));
            after = pages[^1].Next;
        }
        while (pages[^1].HasMore);

        var read = pages.SelectMany(p => p.Responses).Select(r => r.ResponseId).ToList();
        Assert.Equal(Expected(tip), read.Order(StringComparer.Ordinal));
        Assert.Equal([200L, 400L, Stored], pages.Select(p => p.Next));
        Assert.All(pages, p => Assert.All(p.Responses, r => Assert.Equal(tip, r.Sequence)));
        Assert.NotEqual(tip, order);
    }

    [Fact]
    public async Task A_page_never_holds_more_than_the_servers_most_however_many_are_asked_for()
    {
        var (exercise, tip) = (log.Exercise, log.Tip);
        await using var reader = await DeviceClient.JoinAndConnectAsync(Node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"), "Carol");

        var hub = await reader.InvokeAsync<ResponsePage>(nameof(DeviceHub.GetResponsePage), tip, 0L, 100_000);
        var rest = await Controller.GetResponsePageAsync(exercise.ExerciseId, "team-a", after: 0, max: 100_000);

        Assert.Equal(Paging.MaxPageSize, hub.Next);
        Assert.True(hub.HasMore);
        Assert.Equal(Paging.MaxPageSize, rest.Responses.Count);
        Assert.True(rest.HasMore);
        var last = await Controller.GetResponsePageAsync(exercise.ExerciseId, "team-a", after: rest.Next, max: 100_000);
        Assert.Equal(Stored - Paging.MaxPageSize, last.Responses.Count);
        Assert.False(last.HasMore);
    }

    [Fact]
    public async Task Controller_api_says_whether_more_responses_remain_and_its_pages_hold_each_once()
    {
        var (exercise, tip, order) = (log.Exercise, log.Tip, log.Order);

        var first = await Controller.GetResponsePageAsync(exercise.ExerciseId, "team-a", after: 0, max: 300);
        var all = await Controller.GetResponsesAsync(exercise.ExerciseId, "team-a");

        Assert.True(first.HasMore);
        Assert.Equal(300, first.Next);
        Assert.Equal(Expected(tip).Concat(Expected(order)).Order(StringComparer.Ordinal), all.Select(r => r.ResponseId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task App_from_before_the_paging_still_gets_every_response_with_one_call()
    {
        var (exercise, tip) = (log.Exercise, log.Tip);
        await using var reader = await DeviceClient.JoinAndConnectAsync(Node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"), "Old app");

        var all = await reader.InvokeAsync<List<StoredResponse>>(nameof(DeviceHub.GetResponses), tip);

        Assert.Equal(Expected(tip), all.Select(r => r.ResponseId).Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> Expected(long sequence) =>
        Enumerable.Range(0, Stored).Where(i => i % 2 == sequence % 2).Select(TeamResponseLog.Id).Order(StringComparer.Ordinal);
}

/// <summary>A web node and one exercise whose team A has a response log longer than a page, made once for the class.</summary>
public sealed class TeamResponseLog : IAsyncLifetime
{
    /// <summary>Longer than one page at the server's most (500), so the cap shows too.</summary>
    public const int Stored = 520;

    public WebNode Node { get; private set; } = null!;

    public ControllerClient Controller { get; private set; } = null!;

    public ExerciseSnapshot Exercise { get; private set; } = null!;

    /// <summary>The sequence of team A's first message (odd), answered by every odd response.</summary>
    public long Tip { get; private set; }

    /// <summary>The sequence of its second message (even), answered by every even response.</summary>
    public long Order { get; private set; }

    public static string Id(int i) => $"r-{i:D4}";

    public async Task InitializeAsync()
    {
        // Enough hub calls to store the log quickly; the budget itself is DeviceQuotaTests' subject.
        Node = await WebNode.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Web:DeviceCallBurst"] = "2000",
            ["Web:DeviceCallsPerSecond"] = "1000",
        });
        Controller = await Node.SignInControllerAsync();
        (Exercise, Tip, Order) = await StoreInterleavedLogAsync();
    }

    public async Task DisposeAsync()
    {
        Controller.Dispose();
        await Node.DisposeAsync();
    }

    /// <summary>
    /// Two of team A's devices answer its two messages in turn: response i answers the message whose
    /// sequence has i's parity, so each message's responses are spread over every page of the log.
    /// </summary>
    private async Task<(ExerciseSnapshot Exercise, long Tip, long Order)> StoreInterleavedLogAsync()
    {
        var exercise = await Controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        var code = ControllerClient.JoinCodeOf(exercise, "team-a");
        await using var anna = await DeviceClient.JoinAndConnectAsync(Node.BaseAddress, code, "Anna");
        await using var boris = await DeviceClient.JoinAndConnectAsync(Node.BaseAddress, code, "Boris");
        await Controller.FireAsync(exercise.ExerciseId, "1");
        await Controller.FireAsync(exercise.ExerciseId, "4");
        var tip = (await anna.WaitForPushAsync(m => m.InjectNumber == "1")).Sequence;
        var order = (await anna.WaitForPushAsync(m => m.InjectNumber == "4")).Sequence;
        Assert.Equal(1, tip % 2);
        Assert.Equal(0, order % 2);

        // In order: the log's positions follow i, so the pages' boundaries are known.
        for (var i = 0; i < Stored; i++)
        {
            await (i % 4 < 2 ? anna : boris).RespondAsync(Id(i), i % 2 == 1 ? tip : order, $"response {i}");
        }

        return (exercise, tip, order);
    }
}
