using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Berth.Aws.Auth;
using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Agents;

/// <summary>The agent channel as an agent uses it: a WebSocket opened with a SigV4 presigned query (Berth's own signer),
/// heartbeats answered, and agentConnected following the connection as DescribeContainerInstances shows it.</summary>
public sealed class AgentChannelTests(AgentFixture fixture) : IClassFixture<AgentFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Channel_HeartbeatsAcked_ConnectedUntilClosed()
    {
        var agent = await RegisterAsync("agents-channel");
        using var socket = await ConnectAsync(agent.Credential, agent.Arn);

        var sync = await ReceiveAsync(socket);
        Assert.Equal(("Payload", "true", "[]"), (sync.Str("type"), sync.At("message.fullSync")!.ToJsonString(), sync.At("message.tasks")!.ToJsonString()));
        await AckAsync(socket, "Ack", sync);
        var heartbeat = await ReceiveAsync(socket);
        Assert.Equal("Heartbeat", heartbeat.Str("type"));
        Assert.False(string.IsNullOrEmpty(heartbeat.Str("message.messageId")));
        await AckAsync(socket, "HeartbeatAck", heartbeat);
        var connected = await AgentConnectedAsync("agents-channel", agent.Arn);

        // Still connected several intervals later, as long as every heartbeat is answered.
        for (var i = 0; i < 3; i++)
        {
            var next = await ReceiveAsync(socket);
            await AckAsync(socket, "HeartbeatAck", next);
        }

        var stillConnected = await AgentConnectedAsync("agents-channel", agent.Arn);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        var afterClose = await WaitForConnectedAsync("agents-channel", agent.Arn, expected: false);

        Assert.True(connected, "agentConnected after the first ack");
        Assert.True(stillConnected, "agentConnected after three more acked heartbeats");
        Assert.False(afterClose, "agentConnected after the agent closed its channel");
    }

    [Fact]
    public async Task Channel_RunTask_ArrivesAsAPayloadWithItsDefinition()
    {
        var agent = await RegisterAsync("agents-payload");
        using var socket = await ConnectAsync(agent.Credential, agent.Arn);
        await AckAsync(socket, "Ack", await ReceiveAsync(socket));
        var next = NextPayloadAsync(socket);
        await WaitForConnectedAsync("agents-payload", agent.Arn, expected: true);

        var run = await fixture.BotoAsync("""
            client = ecs()
            client.register_task_definition(family='pushed', containerDefinitions=[{'name': 'app', 'image': 'berth-test/busybox:latest', 'memoryReservation': 64}])
            emit(task=client.run_task(cluster=sys.argv[1], taskDefinition='pushed')['tasks'][0])
            """, "agents-payload");
        run.AssertSuccess();
        var payload = await next;

        Assert.Equal("Payload", payload.Str("type"));
        Assert.Equal("false", payload.At("message.fullSync")!.ToJsonString());
        var assigned = payload.At("message.tasks")!.AsArray().Single()!;
        Assert.Equal((run.Json.Str("task.taskArn"), "RUNNING"), (assigned.Str("task.taskArn"), assigned.Str("task.desiredStatus")));
        Assert.Equal("pushed", assigned.Str("taskDefinition.family"));
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }

    [Fact]
    public async Task Channel_HeartbeatsUnanswered_ServerClosesAndMarksDisconnected()
    {
        var agent = await RegisterAsync("agents-silent");
        using var socket = await ConnectAsync(agent.Credential, agent.Arn);
        var started = DateTimeOffset.UtcNow;

        using var deadline = new CancellationTokenSource(Patience);
        var buffer = new byte[4096];
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, deadline.Token);
        }
        while (result.MessageType != WebSocketMessageType.Close);
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);

        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromSeconds(2 * AgentFixture.HeartbeatSeconds), "closed before two intervals of silence");
        Assert.False(await WaitForConnectedAsync("agents-silent", agent.Arn, expected: false));
    }

    [Fact]
    public async Task Channel_AdministratorOrAnotherInstancesKey_403BeforeUpgrade()
    {
        var agent = await RegisterAsync("agents-refused");
        var other = await RegisterAsync("agents-refused");
        var admin = new Credential(fixture.Server.Credentials.AccessKeyId, fixture.Server.Credentials.SecretAccessKey, "000000000000", "admin");

        var asAdmin = await RefusalAsync(admin, agent.Arn);
        var asOther = await RefusalAsync(other.Credential, agent.Arn);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (asAdmin, asOther));
    }

    private async Task<(string Arn, Credential Credential)> RegisterAsync(string cluster)
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            client.create_cluster(clusterName=sys.argv[1])
            arn = client.register_container_instance(**agent_registration(sys.argv[1]))['containerInstance']['containerInstanceArn']
            emit(credentials=agent_credentials(arn)['body'])
            """, cluster);
        result.AssertSuccess();
        var json = result.Json;
        var arn = json.Str("credentials.containerInstanceArn")!;
        return (arn, new Credential(json.Str("credentials.accessKeyId")!, json.Str("credentials.secretAccessKey")!, "000000000000", "instance"));
    }

    private async Task<ClientWebSocket> ConnectAsync(Credential credential, string arn)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(PresignedUri(credential, arn), new CancellationTokenSource(Patience).Token);
        return socket;
    }

    private async Task<HttpStatusCode> RefusalAsync(Credential credential, string arn)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(PresignedUri(credential, arn), CancellationToken.None));
        return socket.HttpStatusCode;
    }

    private Uri PresignedUri(Credential credential, string arn) => ConnectedAgent.PresignedUri(fixture, credential, arn);

    private static async Task<JsonNode> ReceiveAsync(ClientWebSocket socket)
    {
        using var deadline = new CancellationTokenSource(Patience);
        var buffer = new byte[64 * 1024];
        var count = 0;
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer, count, buffer.Length - count), deadline.Token);
            Assert.Equal(WebSocketMessageType.Text, result.MessageType);
            count += result.Count;
        }
        while (!result.EndOfMessage);

        return JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, count))!;
    }

    /// <summary>The next frame that is not a heartbeat, answering heartbeats meanwhile as an agent does, so the server's
    /// short test heartbeat does not close a channel that waits on slower steps (boto calls).</summary>
    private static async Task<JsonNode> NextPayloadAsync(ClientWebSocket socket)
    {
        while (true)
        {
            var frame = await ReceiveAsync(socket);
            if (frame.Str("type") != "Heartbeat")
            {
                return frame;
            }

            await AckAsync(socket, "HeartbeatAck", frame);
        }
    }

    /// <summary>Answers a Heartbeat (HeartbeatAck) or a Payload (Ack) by its id.</summary>
    private static Task AckAsync(ClientWebSocket socket, string type, JsonNode frame) =>
        SendAsync(socket, new JsonObject { ["type"] = type, ["message"] = new JsonObject { ["messageId"] = frame.Str("message.messageId") } });

    private static Task SendAsync(ClientWebSocket socket, JsonObject frame) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(frame.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    private async Task<bool> AgentConnectedAsync(string cluster, string arn)
    {
        var result = await fixture.BotoAsync("""
            emit(instance=ecs().describe_container_instances(cluster=sys.argv[1], containerInstances=[sys.argv[2]])['containerInstances'][0])
            """, cluster, arn);
        result.AssertSuccess();
        return result.Json.At("instance.agentConnected")!.GetValue<bool>();
    }

    /// <summary>Polls until agentConnected is <paramref name="expected"/> (the server records a close asynchronously); returns the last value seen.</summary>
    private async Task<bool> WaitForConnectedAsync(string cluster, string arn, bool expected)
    {
        var until = DateTimeOffset.UtcNow + Patience;
        bool seen;
        while ((seen = await AgentConnectedAsync(cluster, arn)) != expected && DateTimeOffset.UtcNow < until)
        {
            await Task.Delay(250);
        }

        return seen;
    }
}
