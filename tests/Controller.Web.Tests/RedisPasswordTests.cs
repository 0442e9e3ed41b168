using System.Net.Sockets;
using System.Text;
using ScenarioEngine.Testing;

namespace ScenarioEngine.Web.Tests;

/// <summary>deploy/ runs Redis with requirepass: the node must reach every store it keeps there with the password in its one connection string.</summary>
public sealed class RedisPasswordTests
{
    [Fact]
    public async Task A_node_given_the_password_in_its_connection_string_stores_and_reads_back_a_response_in_a_redis_that_requires_one()
    {
        await using var redis = await RedisServer.StartAsync(password: "s3cret-for-this-test");
        await using var node = await WebNode.StartAsync(redis.ConnectionString);
        using var controller = await node.SignInControllerAsync();
        var exercise = await controller.CreateExerciseAsync(EmbeddedNodeFixture.NewExerciseId());
        await using var device = await DeviceClient.JoinAndConnectAsync(node.BaseAddress, ControllerClient.JoinCodeOf(exercise, "team-a"));
        await controller.FireAsync(exercise.ExerciseId, "4");
        var message = await device.WaitForPushAsync(m => m.InjectNumber == "4");

        await device.RespondAsync(Guid.NewGuid().ToString(), message.Sequence, "stored behind a password");

        Assert.Equal("stored behind a password", Assert.Single(await controller.GetResponsesAsync(exercise.ExerciseId, "team-a")).Text);
        Assert.StartsWith("-NOAUTH", await AnonymousPing(redis.Port), StringComparison.Ordinal);
    }

    /// <summary>PING in Redis' own protocol over a bare socket, as any client on the network could send it.</summary>
    private static async Task<string> AnonymousPing(int port)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray());
        var buffer = new byte[256];
        var read = await stream.ReadAsync(buffer);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }
}
