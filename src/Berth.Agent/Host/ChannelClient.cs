using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using Berth.AgentProtocol;
using DiscoverPollEndpointRequest = Berth.Aws.Generated.Ecs.DiscoverPollEndpointRequest;
using Microsoft.Extensions.Logging;

namespace Berth.Agent.Host;

/// <summary>The agent's end of the channel: finds it with DiscoverPollEndpoint, opens it with the instance key, answers
/// heartbeats, hands payloads to the supervisor and acknowledges them, sends task health; reopens it with backoff whenever it
/// drops or goes silent. The control plane sends a full sync on every connect, so nothing is lost across reconnects.</summary>
public sealed partial class ChannelClient(
    EcsApiClient api, AgentIdentity identity, TaskSupervisor supervisor, HealthBoard health, AgentOptions options, TimeProvider time, ILogger logger)
{
    private readonly SemaphoreSlim sendLock = new(1, 1);

    /// <summary>Keeps a channel open until cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var delay = options.MinRetryDelay;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(ct).ConfigureAwait(false);
                delay = options.MinRetryDelay;
            }
            catch (Exception e) when (!ct.IsCancellationRequested && e is WebSocketException or EcsApiException or HttpRequestException or JsonException or OperationCanceledException)
            {
                LogDropped(logger, e.Message, delay.TotalSeconds);
            }

            await Task.Delay(delay, time, ct).ConfigureAwait(false);
            delay = options.NextRetryDelay(delay);
        }
    }

    private async Task RunOnceAsync(CancellationToken ct)
    {
        var discovered = await api.DiscoverPollEndpointAsync(
            new DiscoverPollEndpointRequest { Cluster = identity.Cluster, ContainerInstance = identity.ContainerInstanceArn }, identity.Key, ct).ConfigureAwait(false);
        var pollEndpoint = Uri.TryCreate(discovered.Endpoint, UriKind.Absolute, out var found) ? found : options.Endpoint;
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(api.PresignChannel(pollEndpoint, identity.ContainerInstanceArn, identity.Key), ct).ConfigureAwait(false);
        LogConnected(logger, identity.ContainerInstanceArn);
        using var session = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sendingHealth = SendHealthAsync(socket, session.Token);
        try
        {
            await ReceiveAsync(socket, session.Token).ConfigureAwait(false);
        }
        finally
        {
            await session.CancelAsync().ConfigureAwait(false);
            await sendingHealth.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (socket.State == WebSocketState.Open && ct.IsCancellationRequested)
            {
                using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "agent stopping", closing.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task ReceiveAsync(ClientWebSocket socket, CancellationToken ct)
    {
        var buffer = new ArrayBufferWriter<byte>();
        while (true)
        {
            buffer.ResetWrittenCount();
            using var silence = CancellationTokenSource.CreateLinkedTokenSource(ct);
            silence.CancelAfter(options.ChannelSilenceLimit);
            ValueWebSocketReceiveResult result;
            do
            {
                result = await socket.ReceiveAsync(buffer.GetMemory(16 * 1024), silence.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                buffer.Advance(result.Count);
            }
            while (!result.EndOfMessage);

            await DispatchAsync(socket, buffer.WrittenMemory, ct).ConfigureAwait(false);
        }
    }

    private async Task DispatchAsync(ClientWebSocket socket, ReadOnlyMemory<byte> json, CancellationToken ct)
    {
        var frame = JsonSerializer.Deserialize(json.Span, AgentProtocolJsonContext.Default.ChannelFrame);
        switch (frame?.Type)
        {
            case ChannelFrameTypes.Heartbeat when frame.Message?.Deserialize(AgentProtocolJsonContext.Default.HeartbeatMessage) is { } beat:
                await SendAsync(socket, ChannelFrameTypes.HeartbeatAck, JsonSerializer.SerializeToElement(beat, AgentProtocolJsonContext.Default.HeartbeatMessage), ct)
                    .ConfigureAwait(false);
                break;
            case ChannelFrameTypes.Payload when frame.Message?.Deserialize(AgentProtocolJsonContext.Default.PayloadMessage) is { } payload:
                supervisor.Apply(payload);
                await SendAsync(socket, ChannelFrameTypes.Ack, JsonSerializer.SerializeToElement(new AckMessage(payload.MessageId), AgentProtocolJsonContext.Default.AckMessage), ct)
                    .ConfigureAwait(false);
                break;
            default:
                // Acks of our TaskHealth frames, and anything newer than this agent: nothing to do.
                break;
        }
    }

    /// <summary>Everything known on connect, then each change as it happens.</summary>
    private async Task SendHealthAsync(ClientWebSocket socket, CancellationToken ct)
    {
        foreach (var message in health.All)
        {
            await SendHealthAsync(socket, message, ct).ConfigureAwait(false);
        }

        await foreach (var arn in health.Changed.ReadAllAsync(ct).ConfigureAwait(false))
        {
            if (health.Current(arn) is { } message)
            {
                await SendHealthAsync(socket, message, ct).ConfigureAwait(false);
            }
        }
    }

    private Task SendHealthAsync(ClientWebSocket socket, TaskHealthMessage message, CancellationToken ct) =>
        SendAsync(socket, ChannelFrameTypes.TaskHealth, JsonSerializer.SerializeToElement(message, AgentProtocolJsonContext.Default.TaskHealthMessage), ct);

    private async Task SendAsync(ClientWebSocket socket, string type, JsonElement message, CancellationToken ct)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new ChannelFrame(type, message), AgentProtocolJsonContext.Default.ChannelFrame);
        await sendLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, ct).ConfigureAwait(false);
        }
        finally
        {
            sendLock.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel of {ContainerInstanceArn} open")]
    private static partial void LogConnected(ILogger logger, string containerInstanceArn);

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel closed ({Reason}); reopening in {Seconds} s")]
    private static partial void LogDropped(ILogger logger, string reason, double seconds);
}
