using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Berth.AgentProtocol;
using Berth.ControlPlane.Ecs.Tasks;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Agents;

/// <summary>One open channel to one agent: a heartbeat loop that also watches for silence and unacknowledged payloads, a
/// payload loop that sends a full sync and then every task change of the instance, and a receive loop that dispatches the
/// agent's frames by type. Ends when any loop ends; the caller records the disconnect.</summary>
/// <remarks>All sends go through one <see cref="ChannelSocket"/>, as a WebSocket allows one send at a time. Closing on an
/// unacknowledged payload is level-triggered: the agent reconnects and its full sync carries whatever was lost.</remarks>
public sealed partial class AgentSession(
    WebSocket socket, string containerInstanceArn, TaskAssignmentFeed feed, InstanceTasks tasks, AgentChannelOptions options, TimeProvider time,
    ILogger logger)
{
    private readonly ChannelSocket channel = new(socket, options.MaxFrameBytes);
    private readonly ConcurrentDictionary<string, DateTimeOffset> unacknowledged = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> desiredSent = new(StringComparer.Ordinal);
    private long lastHeardTicks = time.GetUtcNow().UtcTicks;

    /// <summary>How long a closing side waits for the other's close frame.</summary>
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // A WebSocket aborts when a pending receive or send is cancelled, so the loops are ended by closing, not by
        // cancelling: only the sending loops' waits are cancellable, and the receive loop runs until the close handshake.
        using var subscription = feed.Subscribe(containerInstanceArn);
        using var stopSending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var receiving = ReceiveLoopAsync(cancellationToken);
        var heartbeating = HeartbeatLoopAsync(stopSending.Token);
        var assigning = PayloadLoopAsync(subscription, stopSending.Token);
        var first = await Task.WhenAny(receiving, heartbeating, assigning).ConfigureAwait(false);
        await stopSending.CancelAsync().ConfigureAwait(false);
        if (first != receiving)
        {
            // The agent went silent, left a payload unacknowledged, or a send failed: say goodbye and give it a moment to answer.
            await Task.WhenAll(heartbeating, assigning).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await CloseOutputQuietlyAsync(WebSocketCloseStatus.PolicyViolation).ConfigureAwait(false);
            await receiving.WaitAsync(CloseTimeout, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        else
        {
            // The agent closed (or sent something unacceptable): stop sending, then complete the handshake.
            await Task.WhenAll(heartbeating, assigning).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await CloseOutputQuietlyAsync(WebSocketCloseStatus.NormalClosure).ConfigureAwait(false);
        }

        await Task.WhenAll(receiving, heartbeating, assigning).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>A full sync first (and again when the feed says so), then one payload per task whose desired status the agent
    /// has not been sent yet; a status the agent itself caused changes nothing here and sends nothing.</summary>
    private async Task PayloadLoopAsync(TaskSubscription subscription, CancellationToken cancellationToken)
    {
        await FullSyncAsync(cancellationToken).ConfigureAwait(false);
        while (await subscription.Changes.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (subscription.Changes.TryRead(out var task))
            {
                if (task is null)
                {
                    await FullSyncAsync(cancellationToken).ConfigureAwait(false);
                }
                else if (!desiredSent.TryGetValue(task.TaskArn!, out var sent) || sent != TaskDeactivation.AsAgentSees(task).DesiredStatus)
                {
                    var assignment = await tasks.AssignmentAsync(task, cancellationToken).ConfigureAwait(false);
                    await SendPayloadAsync(fullSync: false, [assignment], cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task FullSyncAsync(CancellationToken cancellationToken)
    {
        var current = await tasks.CurrentAsync(containerInstanceArn, cancellationToken).ConfigureAwait(false);
        desiredSent.Clear();
        await SendPayloadAsync(fullSync: true, current, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendPayloadAsync(bool fullSync, IReadOnlyList<TaskAssignment> assignments, CancellationToken cancellationToken)
    {
        var payload = new PayloadMessage(Guid.NewGuid().ToString(), fullSync, assignments);
        unacknowledged[payload.MessageId] = time.GetUtcNow();
        var message = JsonSerializer.SerializeToElement(payload, AgentProtocolJsonContext.Default.PayloadMessage);
        await channel.SendAsync(ChannelFrameTypes.Payload, message, cancellationToken).ConfigureAwait(false);
        foreach (var assignment in assignments)
        {
            desiredSent[assignment.Task.TaskArn!] = assignment.Task.DesiredStatus;
        }
    }

    private async Task HeartbeatLoopAsync(CancellationToken cancellationToken)
    {
        var silenceLimit = options.HeartbeatInterval * 2;
        using var timer = new PeriodicTimer(options.HeartbeatInterval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            var silent = time.GetUtcNow() - new DateTimeOffset(Interlocked.Read(ref lastHeardTicks), TimeSpan.Zero);
            if (silent > silenceLimit)
            {
                LogSilent(logger, containerInstanceArn, silent.TotalSeconds);
                return;
            }

            if (unacknowledged.Values.Any(sent => time.GetUtcNow() - sent > silenceLimit))
            {
                LogUnacknowledged(logger, containerInstanceArn);
                return;
            }

            var message = JsonSerializer.SerializeToElement(new HeartbeatMessage(Guid.NewGuid().ToString()), AgentProtocolJsonContext.Default.HeartbeatMessage);
            await channel.SendAsync(ChannelFrameTypes.Heartbeat, message, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Until the agent's close frame (or a frame over the limit); <paramref name="cancellationToken"/> is the
    /// connection's own abort, after which there is nothing left to close.</summary>
    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            ReadOnlyMemory<byte>? frame;
            try
            {
                frame = await channel.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException)
            {
                LogTooLarge(logger, containerInstanceArn);
                return;
            }

            if (frame is not { } json)
            {
                return;
            }

            await DispatchAsync(json.ToArray(), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DispatchAsync(byte[] json, CancellationToken cancellationToken)
    {
        ChannelFrame? frame;
        try
        {
            frame = JsonSerializer.Deserialize(json, AgentProtocolJsonContext.Default.ChannelFrame);
        }
        catch (JsonException)
        {
            frame = null;
        }

        switch (frame?.Type)
        {
            case ChannelFrameTypes.HeartbeatAck:
                Interlocked.Exchange(ref lastHeardTicks, time.GetUtcNow().UtcTicks);
                break;
            case ChannelFrameTypes.Ack when Read(frame, AgentProtocolJsonContext.Default.AckMessage) is { } ack:
                unacknowledged.TryRemove(ack.MessageId, out _);
                break;
            case ChannelFrameTypes.TaskHealth when Read(frame, AgentProtocolJsonContext.Default.TaskHealthMessage) is { } health:
                await tasks.RecordHealthAsync(containerInstanceArn, health, cancellationToken).ConfigureAwait(false);
                var answer = JsonSerializer.SerializeToElement(new AckMessage(health.MessageId), AgentProtocolJsonContext.Default.AckMessage);
                await channel.SendAsync(ChannelFrameTypes.Ack, answer, CancellationToken.None).ConfigureAwait(false);
                break;
            default:
                LogUnknownFrame(logger, containerInstanceArn, frame?.Type ?? "(unreadable)");
                break;
        }
    }

    /// <summary>The frame's message as <typeparamref name="T"/>, or null when it is missing or malformed.</summary>
    private static T? Read<T>(ChannelFrame frame, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        try
        {
            return frame.Message?.Deserialize(typeInfo);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task CloseOutputQuietlyAsync(WebSocketCloseStatus status)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(CloseTimeout);
            await socket.CloseOutputAsync(status, null, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer is gone already; there is nobody to say goodbye to.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent of {ContainerInstanceArn} silent for {Seconds} s; closing its channel")]
    private static partial void LogSilent(ILogger logger, string containerInstanceArn, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent of {ContainerInstanceArn} left a payload unacknowledged for over two heartbeat intervals; closing its channel")]
    private static partial void LogUnacknowledged(ILogger logger, string containerInstanceArn);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent of {ContainerInstanceArn} sent a frame over the size limit; closing its channel")]
    private static partial void LogTooLarge(ILogger logger, string containerInstanceArn);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Agent of {ContainerInstanceArn} sent an unknown frame type {FrameType}; ignored")]
    private static partial void LogUnknownFrame(ILogger logger, string containerInstanceArn, string frameType);
}
