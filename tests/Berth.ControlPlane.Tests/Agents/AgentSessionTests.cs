using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Agents;
using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Ecs.TaskDefinitions;
using Berth.ControlPlane.Ecs.Tasks;
using Berth.ControlPlane.Tests.Ecs.Tasks;
using Microsoft.Extensions.Logging.Abstractions;
using EcsTask = Berth.Aws.Generated.Ecs.Task;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Agents;

/// <summary>One session over a real WebSocket pair on loopback TCP, on the SQLite store, with a clock the test advances:
/// heartbeats, payloads, acks, silence and closes, each step awaited rather than slept through.</summary>
public sealed class AgentSessionTests : TaskHandlerTestBase, IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly ManualTimeProvider time = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
    private WebSocket server = null!;
    private WebSocket agent = null!;
    private TaskAssignmentFeed feed = null!;
    private string instanceArn = null!;
    private Task session = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        instanceArn = (await InstanceAsync()).ContainerInstanceArn!;
        await DefinitionAsync();
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var client = new TcpClient();
        var accepting = listener.AcceptTcpClientAsync();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        var accepted = await accepting;
        server = WebSocket.CreateFromStream(accepted.GetStream(), new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.Zero });
        agent = WebSocket.CreateFromStream(client.GetStream(), new WebSocketCreationOptions { IsServer = false, KeepAliveInterval = TimeSpan.Zero });
        feed = new TaskAssignmentFeed(Ecs.Store);
        await feed.StartAsync(CancellationToken.None);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await feed.StopAsync(CancellationToken.None);
        feed.Dispose();
        server.Dispose();
        agent.Dispose();
        await DisposeAsync();
    }

    /// <summary>Starts the session and answers its full sync, which it returns.</summary>
    private async Task<JsonNode> ConnectAsync(bool ack = true)
    {
        var options = new AgentChannelOptions { HeartbeatInterval = Interval };
        var tasks = new InstanceTasks(Ecs.Store, new TaskDefinitionResolver(Ecs.Store));
        session = new AgentSession(server, instanceArn, feed, tasks, options, time, NullLogger.Instance).RunAsync(CancellationToken.None);
        var sync = (await ReceiveAsync())!;
        if (ack)
        {
            await AckPayloadAsync(sync);
        }

        return sync;
    }

    [Fact]
    public async Task Run_Connect_FullSyncListsTheInstancesUnstoppedTasksWithTheirDefinitions()
    {
        var running = (await RunAsync()).Tasks!.Single();
        var stopped = (await RunAsync()).Tasks!.Single();
        await StopAsync(stopped.TaskArn!);
        await MarkStoppedAsync(stopped.TaskArn!);

        var sync = await ConnectAsync();

        Assert.Equal("Payload", sync["type"]!.GetValue<string>());
        Assert.True(sync["message"]!["fullSync"]!.GetValue<bool>());
        var listed = sync["message"]!["tasks"]!.AsArray();
        Assert.Equal(running.TaskArn, Assert.Single(listed)!["task"]!["taskArn"]!.GetValue<string>());
        Assert.Equal("web", listed[0]!["taskDefinition"]!["family"]!.GetValue<string>());
    }

    [Fact]
    public async Task Run_NoTasks_EmptyFullSync()
    {
        var sync = await ConnectAsync();

        Assert.True(sync["message"]!["fullSync"]!.GetValue<bool>());
        Assert.Empty(sync["message"]!["tasks"]!.AsArray());
    }

    [Fact]
    public async Task Run_RunTaskWhileConnected_ArrivesAsAPayload()
    {
        await ConnectAsync();

        var task = (await RunAsync()).Tasks!.Single();

        var payload = (await ReceiveAsync())!;
        Assert.False(payload["message"]!["fullSync"]!.GetValue<bool>());
        var assigned = Assert.Single(payload["message"]!["tasks"]!.AsArray())!;
        Assert.Equal((task.TaskArn, "RUNNING"), (assigned["task"]!["taskArn"]!.GetValue<string>(), assigned["task"]!["desiredStatus"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Run_StopTask_ArrivesWithDesiredStatusStopped()
    {
        var task = (await RunAsync()).Tasks!.Single();
        await ConnectAsync();

        await StopAsync(task.TaskArn!);

        var payload = (await ReceiveAsync())!;
        var assigned = Assert.Single(payload["message"]!["tasks"]!.AsArray())!;
        Assert.Equal((task.TaskArn, "STOPPED"), (assigned["task"]!["taskArn"]!.GetValue<string>(), assigned["task"]!["desiredStatus"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Run_DrainingTask_IsSyncedAsRunning()
    {
        var task = (await RunAsync()).Tasks!.Single();
        await ChangeAsync(task.TaskArn!, t => TaskDeactivation.Begin(t, "ServiceSchedulerInitiated", "Scaling activity"));

        var sync = await ConnectAsync();

        var listed = Assert.Single(sync["message"]!["tasks"]!.AsArray())!;
        Assert.Equal("RUNNING", listed["task"]!["desiredStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task Run_DrainingTask_SendsNothing_UntilItsStopIsHandedOver()
    {
        var task = (await RunAsync()).Tasks!.Single();
        await ConnectAsync();

        await ChangeAsync(task.TaskArn!, t => TaskDeactivation.Begin(t, "ServiceSchedulerInitiated", "Scaling activity"));
        await ChangeAsync(task.TaskArn!, t => TaskDeactivation.HandOff(t, time.GetUtcNow()));

        // The first payload after both writes is the handoff's (it alone has stoppingAt): the drain itself sent nothing.
        var assigned = Assert.Single((await ReceiveAsync())!["message"]!["tasks"]!.AsArray())!["task"]!;
        Assert.Equal("STOPPED", assigned["desiredStatus"]!.GetValue<string>());
        Assert.NotNull(assigned["stoppingAt"]);
    }

    [Fact]
    public async Task Run_PayloadUnacknowledgedForMoreThanTwoIntervals_ServerCloses()
    {
        await ConnectAsync(ack: false);
        for (var i = 0; i < 2; i++)
        {
            time.Advance(Interval);
            await AckAsync(await ReceiveAsync());
            await LetTheSessionReadAsync();
        }

        var openAfterTwo = !session.IsCompleted;
        time.Advance(Interval);

        Assert.Null(await ReceiveAsync());
        await agent.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        await session.WaitAsync(Patience);
        Assert.True(openAfterTwo, "closed after only two intervals");
    }

    [Fact]
    public async Task Run_TaskHealth_StoredOnTheTaskAndAcknowledged()
    {
        var task = (await RunAsync()).Tasks!.Single();
        await ConnectAsync();

        await SendAsync(new JsonObject
        {
            ["type"] = "TaskHealth",
            ["message"] = new JsonObject
            {
                ["messageId"] = "h-1",
                ["taskArn"] = task.TaskArn,
                ["healthStatus"] = "HEALTHY",
                ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["healthStatus"] = "HEALTHY" }),
            },
        });

        var ack = (await ReceiveAsync())!;
        Assert.Equal(("Ack", "h-1"), (ack["type"]!.GetValue<string>(), ack["message"]!["messageId"]!.GetValue<string>()));
        var stored = (await Ecs.Store.Tasks.GetAsync(Partition, EcsStore.TaskKey("prod", task.TaskArn!.Split('/')[^1]), default))!.Value;
        Assert.Equal(("HEALTHY", "HEALTHY", task.Version + 1), (stored.HealthStatus, stored.Containers!.Single().HealthStatus, stored.Version));
    }

    [Fact]
    public async Task Run_EveryInterval_AHeartbeatWithAFreshMessageId()
    {
        await ConnectAsync();
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
        await ConnectAsync();
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
        await ConnectAsync();
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
        await ConnectAsync();
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

    private Task AckPayloadAsync(JsonNode payload) => SendAsync(new JsonObject
    {
        ["type"] = "Ack",
        ["message"] = new JsonObject { ["messageId"] = payload["message"]!["messageId"]!.GetValue<string>() },
    });

    private Task StopAsync(string taskArn) =>
        Ecs.Tasks.StopTask(Ecs.Caller(), new StopTaskRequest { Cluster = "prod", Task = taskArn }, default).AsTask();

    /// <summary>Writes a change to the stored task, as the scheduler or an agent's report would.</summary>
    private async Task ChangeAsync(string taskArn, Func<EcsTask, EcsTask> change)
    {
        var key = EcsStore.TaskKey("prod", taskArn.Split('/')[^1]);
        var stored = (await Ecs.Store.Tasks.GetAsync(Partition, key, default))!;
        await Ecs.Store.Store.ApplyAsync([Ecs.Store.Tasks.Put(Partition, key, change(stored.Value), stored.Version)], default);
    }

    /// <summary>What the agent's report would do: the task's last status becomes STOPPED.</summary>
    private Task MarkStoppedAsync(string taskArn) => ChangeAsync(taskArn, t => t with { LastStatus = "STOPPED" });

    // The session reads acks on its own loop and shows nothing when it has; an ack read one tick late still counts (it
    // is stamped with the later time), but several late ones would look like silence, so each gets a moment. A sleep,
    // not a barrier: the session has no hook for tests, and this is the one place that needs one.
    private static Task LetTheSessionReadAsync() => Task.Delay(100);

    private Task SendAsync(JsonObject frame) => SendAsync(frame.ToJsonString());

    private Task SendAsync(string text) =>
        agent.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
}
