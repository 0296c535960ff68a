using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Berth.Aws.Auth;
using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Agents;

/// <summary>A registered instance whose agent channel stays open and answers every heartbeat and payload in the background, so the
/// instance counts as agentConnected for placement.</summary>
public sealed class ConnectedAgent : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly ClientWebSocket socket;
    private readonly CancellationTokenSource stop = new();
    private readonly Task answering;

    private ConnectedAgent(string arn, ClientWebSocket socket)
    {
        Arn = arn;
        this.socket = socket;
        answering = Task.Run(AnswerHeartbeatsAsync);
    }

    public string Arn { get; }

    /// <summary>Registers an instance of <paramref name="memory"/> MiB in <paramref name="cluster"/> (which must exist), connects
    /// its channel and waits until DescribeContainerInstances shows it connected.</summary>
    public static async Task<ConnectedAgent> StartAsync(BerthServerFixture fixture, string cluster, int memory)
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            arn = client.register_container_instance(**agent_registration(sys.argv[1], memory=int(sys.argv[2])))['containerInstance']['containerInstanceArn']
            emit(credentials=agent_credentials(arn)['body'])
            """, cluster, memory.ToString(System.Globalization.CultureInfo.InvariantCulture));
        result.AssertSuccess();
        var json = result.Json;
        var arn = json.Str("credentials.containerInstanceArn")!;
        var credential = new Credential(json.Str("credentials.accessKeyId")!, json.Str("credentials.secretAccessKey")!, "000000000000", "instance");
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(PresignedUri(fixture, credential, arn), new CancellationTokenSource(Patience).Token);
        var agent = new ConnectedAgent(arn, socket);
        await agent.WaitConnectedAsync(fixture, cluster);
        return agent;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await answering;
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException)
        {
        }

        socket.Dispose();
        stop.Dispose();
    }

    private async Task WaitConnectedAsync(BerthServerFixture fixture, string cluster)
    {
        var until = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            var result = await fixture.BotoAsync("""
                emit(instance=ecs().describe_container_instances(cluster=sys.argv[1], containerInstances=[sys.argv[2]])['containerInstances'][0])
                """, cluster, Arn);
            result.AssertSuccess();
            if (result.Json.At("instance.agentConnected")!.GetValue<bool>() || DateTimeOffset.UtcNow > until)
            {
                return;
            }

            await Task.Delay(250);
        }
    }

    private async Task AnswerHeartbeatsAsync()
    {
        var buffer = new byte[64 * 1024];
        while (!stop.IsCancellationRequested)
        {
            var count = 0;
            WebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(new ArraySegment<byte>(buffer, count, buffer.Length - count), stop.Token);
                count += received.Count;
            }
            while (!received.EndOfMessage);

            if (received.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            var frame = JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, count))!;
            // Heartbeats and payloads are both answered by id; an unanswered payload would close the channel.
            if (frame.Str("type") is "Heartbeat" or "Payload")
            {
                var type = frame.Str("type") == "Heartbeat" ? "HeartbeatAck" : "Ack";
                var ack = new JsonObject { ["type"] = type, ["message"] = new JsonObject { ["messageId"] = frame.Str("message.messageId") } };
                await socket.SendAsync(Encoding.UTF8.GetBytes(ack.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, stop.Token);
            }
        }
    }

    /// <summary>The channel URL presigned with an instance's credentials, as the agent opens it.</summary>
    internal static Uri PresignedUri(BerthServerFixture fixture, Credential credential, string arn)
    {
        var host = new Uri(fixture.Server.Endpoint).Authority;
        var request = new SigV4Request(
            "GET", "/berth/agent/v1/ws", "containerInstanceArn=" + Uri.EscapeDataString(arn), [new("Host", host)], ReadOnlyMemory<byte>.Empty);
        var query = SigV4Signer.Presign(request, credential, fixture.Server.Credentials.Region, "ecs", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        return new Uri($"ws://{host}/berth/agent/v1/ws?{query}");
    }
}
