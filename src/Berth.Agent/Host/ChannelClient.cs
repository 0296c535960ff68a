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
    EcsApiClient api, AgentIdentity identity, IAssignmentSink supervisor, HealthBoard health, AgentOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>Payloads are whole task lists (a full sync of many tasks), so the agent accepts large frames.</summary>
    private const int MaxFrameBytes = 64 * 1024 * 1024;

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
            catch (Exception e) when (!ct.IsCancellationRequested && e is WebSocketException or AwsApiException or HttpRequestException or JsonException or InvalidDataException or OperationCanceledException)
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
        var channel = new ChannelSocket(socket, MaxFrameBytes);
        using var session = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sendingHealth = SendHealthAsync(channel, session.Token);
        try
        {
            await ReceiveAsync(channel, session.Token).ConfigureAwait(false);
        }
        finally
        {
            await session.CancelAsync().ConfigureAwait(false);
            if (socket.State == WebSocketState.Open && ct.IsCancellationRequested)
            {
                using var closing = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "agent stopping", closing.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            // Ends a send still in flight (sends are not cancellable), so the health loop can finish.
            socket.Abort();
            await sendingHealth.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task ReceiveAsync(ChannelSocket channel, CancellationToken ct)
    {
        while (true)
        {
            using var silence = CancellationTokenSource.CreateLinkedTokenSource(ct);
            silence.CancelAfter(options.ChannelSilenceLimit);
            if (await channel.ReceiveAsync(silence.Token).ConfigureAwait(false) is not { } json)
            {
                return;
            }

            await DispatchAsync(channel, json, ct).ConfigureAwait(false);
        }
    }

    private async Task DispatchAsync(ChannelSocket channel, ReadOnlyMemory<byte> json, CancellationToken ct)
    {
        var frame = JsonSerializer.Deserialize(json.Span, AgentProtocolJsonContext.Default.ChannelFrame);
        switch (frame?.Type)
        {
            case ChannelFrameTypes.Heartbeat when frame.Message?.Deserialize(AgentProtocolJsonContext.Default.HeartbeatMessage) is { } beat:
                await channel.SendAsync(ChannelFrameTypes.HeartbeatAck, JsonSerializer.SerializeToElement(beat, AgentProtocolJsonContext.Default.HeartbeatMessage), ct)
                    .ConfigureAwait(false);
                break;
            case ChannelFrameTypes.Payload when frame.Message?.Deserialize(AgentProtocolJsonContext.Default.PayloadMessage) is { } payload:
                supervisor.Apply(payload);
                await channel.SendAsync(ChannelFrameTypes.Ack, JsonSerializer.SerializeToElement(new AckMessage(payload.MessageId), AgentProtocolJsonContext.Default.AckMessage), ct)
                    .ConfigureAwait(false);
                break;
            default:
                // Acks of our TaskHealth frames, and anything newer than this agent: nothing to do.
                break;
        }
    }

    /// <summary>Everything known on connect, then each change as it happens.</summary>
    private async Task SendHealthAsync(ChannelSocket channel, CancellationToken ct)
    {
        foreach (var message in health.All)
        {
            await SendHealthAsync(channel, message, ct).ConfigureAwait(false);
        }

        await foreach (var arn in health.Changed.ReadAllAsync(ct).ConfigureAwait(false))
        {
            if (health.Current(arn) is { } message)
            {
                await SendHealthAsync(channel, message, ct).ConfigureAwait(false);
            }
        }
    }

    private static Task SendHealthAsync(ChannelSocket channel, TaskHealthMessage message, CancellationToken ct) =>
        channel.SendAsync(ChannelFrameTypes.TaskHealth, JsonSerializer.SerializeToElement(message, AgentProtocolJsonContext.Default.TaskHealthMessage), ct);

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel of {ContainerInstanceArn} open")]
    private static partial void LogConnected(ILogger logger, string containerInstanceArn);

    [LoggerMessage(Level = LogLevel.Information, Message = "Channel closed ({Reason}); reopening in {Seconds} s")]
    private static partial void LogDropped(ILogger logger, string reason, double seconds);
}
