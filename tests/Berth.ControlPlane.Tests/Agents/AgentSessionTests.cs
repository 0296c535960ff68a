using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Berth.ControlPlane.Agents;
using Microsoft.Extensions.Logging.Abstractions;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Agents;

/// <summary>One session over a real WebSocket pair on loopback TCP, with a clock the test advances: heartbeats, acks,
/// silence and closes, each step awaited rather than slept through.</summary>
public sealed class AgentSessionTests : IAsyncLifetime
{
    private const string Arn = "arn:aws:ecs:us-east-1:123456789012:container-instance/prod/0123456789abcdef0123456789abcdef";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly ManualTimeProvider time = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
    private WebSocket server = null!;
    private WebSocket agent = null!;
    private Task session = null!;

    public async Task InitializeAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var client = new TcpClient();
        var accepting = listener.AcceptTcpClientAsync();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        var accepted = await accepting;
        server = WebSocket.CreateFromStream(accepted.GetStream(), new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
        agent = WebSocket.CreateFromStream(client.GetStream(), new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
        var options = new AgentChannelOptions { HeartbeatInterval = Interval };
        session = new AgentSession(server, Arn, options, time, NullLogger.Instance).RunAsync(CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        server.Dispose();
        agent.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Run_EveryInterval_AHeartbeatWithAFreshMessageId()
    {
        time.Advance(Interval);
        var first = await ReceiveAsync();
        await AckAsync(first);
        time.Advance(Interval);
        var second = await ReceiveAsync();

        Assert.Equal(("Heartbeat", "Heartbeat"), (first!["type"]!.GetValue<string>(), second!["type"]!.GetValue<string>()));
        Assert.NotEqual(first["message"]!["messageId"]!.GetValue<string>(), second["message"]!["messageId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Run_AckedHeartbeats_StaysOpen()
    {
        for (var i = 0; i < 5; i++)
        {
            time.Advance(Interval);
            await AckAsync(await ReceiveAsync());
            await LetTheSessionReadAsync();
        }

        Assert.False(session.IsCompleted);
        Assert.Equal(WebSocketState.Open, agent.State);
    }

    [Fact]
    public async Task Run_NoAckForMoreThanTwoIntervals_ServerCloses()
    {
        time.Advance(Interval);
        await ReceiveAsync();
        time.Advance(Interval);
        await ReceiveAsync();
        var openAfterTwo = !session.IsCompleted;

        time.Advance(Interval);

        Assert.Null(await ReceiveAsync());
        await agent.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        await session.WaitAsync(Patience);
        Assert.True(openAfterTwo, "closed after only two intervals");
    }

    [Fact]
    public async Task Run_UnknownFrame_IgnoredAndTheAgentClosing_EndsTheSession()
    {
        await SendAsync(new JsonObject { ["type"] = "FromTheFuture", ["message"] = new JsonObject() });
        await SendAsync(new JsonObject { ["type"] = "not json" }.ToJsonString()[..5]);
        time.Advance(Interval);
        Assert.NotNull(await ReceiveAsync());

        await agent.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", new CancellationTokenSource(Patience).Token);

        await session.WaitAsync(Patience);
        Assert.Equal(WebSocketState.Closed, agent.State);
    }

    /// <summary>The next text frame, or null when the server closed.</summary>
    private async Task<JsonNode?> ReceiveAsync()
    {
        using var deadline = new CancellationTokenSource(Patience);
        var buffer = new byte[64 * 1024];
        var count = 0;
        WebSocketReceiveResult result;
        do
        {
            result = await agent.ReceiveAsync(new ArraySegment<byte>(buffer, count, buffer.Length - count), deadline.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            count += result.Count;
        }
        while (!result.EndOfMessage);

        return JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, count));
    }

    private Task AckAsync(JsonNode? heartbeat) => SendAsync(new JsonObject
    {
        ["type"] = "HeartbeatAck",
        ["message"] = new JsonObject { ["messageId"] = heartbeat!["message"]!["messageId"]!.GetValue<string>() },
    });

    // The session reads acks on its own loop and shows nothing when it has; an ack read one tick late still counts (it
    // is stamped with the later time), but several late ones would look like silence, so each gets a moment. A sleep,
    // not a barrier: the session has no hook for tests, and this is the one place that needs one.
    private static Task LetTheSessionReadAsync() => Task.Delay(100);

    private Task SendAsync(JsonObject frame) => SendAsync(frame.ToJsonString());

    private Task SendAsync(string text) =>
        agent.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
}
