using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using Berth.AgentProtocol;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Agents;

/// <summary>One open channel to one agent: a heartbeat loop that also watches for silence, and a receive loop that
/// dispatches the agent's frames by type. Ends when either loop ends; the caller records the disconnect.</summary>
/// <remarks>Only the heartbeat loop sends today; once Payloads are sent too, all sends go through <see cref="SendAsync"/>'s
/// lock, as a WebSocket allows one send at a time.</remarks>
public sealed partial class AgentSession(WebSocket socket, string containerInstanceArn, AgentChannelOptions options, TimeProvider time, ILogger logger)
{
    private readonly SemaphoreSlim sendLock = new(1, 1);
    private long lastHeardTicks = time.GetUtcNow().UtcTicks;

    /// <summary>How long a closing side waits for the other's close frame.</summary>
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // A WebSocket aborts when a pending receive or send is cancelled, so the loops are ended by closing, not by
        // cancelling: only the heartbeat's timer wait is cancellable, and the receive loop runs until the close handshake.
        using var stopHeartbeats = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var receiving = ReceiveLoopAsync(cancellationToken);
        var heartbeating = HeartbeatLoopAsync(stopHeartbeats.Token);
        var first = await Task.WhenAny(receiving, heartbeating).ConfigureAwait(false);
        if (first == heartbeating)
        {
            // The agent went silent (or a send failed): say goodbye and give it a moment to answer.
            await CloseOutputQuietlyAsync(WebSocketCloseStatus.PolicyViolation).ConfigureAwait(false);
            await receiving.WaitAsync(CloseTimeout, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        else
        {
            // The agent closed (or sent something unacceptable): stop the heartbeats, then complete the handshake.
            await stopHeartbeats.CancelAsync().ConfigureAwait(false);
            await heartbeating.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await CloseOutputQuietlyAsync(WebSocketCloseStatus.NormalClosure).ConfigureAwait(false);
        }

        await Task.WhenAll(receiving, heartbeating).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
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

            var message = JsonSerializer.SerializeToElement(new HeartbeatMessage(Guid.NewGuid().ToString()), AgentProtocolJsonContext.Default.HeartbeatMessage);
            await SendAsync(new ChannelFrame(ChannelFrameTypes.Heartbeat, message), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Until the agent's close frame (or a frame over the limit); <paramref name="cancellationToken"/> is the
    /// connection's own abort, after which there is nothing left to close.</summary>
    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        while (true)
        {
            buffer.ResetWrittenCount();
            ValueWebSocketReceiveResult result;
            do
            {
                if (buffer.WrittenCount >= options.MaxFrameBytes)
                {
                    LogTooLarge(logger, containerInstanceArn);
                    return;
                }

                result = await socket.ReceiveAsync(buffer.GetMemory(4096), cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                buffer.Advance(result.Count);
            }
            while (!result.EndOfMessage);

            Dispatch(buffer.WrittenSpan);
        }
    }

    /// <summary>The extension point for what agents send: one case per frame type. Unknown or malformed frames are logged
    /// and ignored, so a newer agent does not lose its channel over a frame this server does not know.</summary>
    private void Dispatch(ReadOnlySpan<byte> json)
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
            default:
                LogUnknownFrame(logger, containerInstanceArn, frame?.Type ?? "(unreadable)");
                break;
        }
    }

    private async Task SendAsync(ChannelFrame frame, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(frame, AgentProtocolJsonContext.Default.ChannelFrame);
        await sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Not cancellable (see RunAsync); a frame is small and the socket's own close or abort ends a stuck send.
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            sendLock.Release();
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent of {ContainerInstanceArn} sent a frame over the size limit; closing its channel")]
    private static partial void LogTooLarge(ILogger logger, string containerInstanceArn);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Agent of {ContainerInstanceArn} sent an unknown frame type {FrameType}; ignored")]
    private static partial void LogUnknownFrame(ILogger logger, string containerInstanceArn, string frameType);
}
