using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;

namespace Berth.AgentProtocol;

/// <summary>Either end of the channel over its WebSocket: whole frames in (one reader), frames out one at a time, as a
/// WebSocket allows a single send in flight.</summary>
public sealed class ChannelSocket(WebSocket socket, int maxFrameBytes)
{
    private readonly SemaphoreSlim sendLock = new(1, 1);
    private readonly ArrayBufferWriter<byte> buffer = new();

    /// <summary>The next whole frame (valid until the next call), or null once the peer closed; a frame larger than the
    /// limit throws <see cref="InvalidDataException"/>.</summary>
    public async ValueTask<ReadOnlyMemory<byte>?> ReceiveAsync(CancellationToken cancellationToken)
    {
        buffer.ResetWrittenCount();
        ValueWebSocketReceiveResult result;
        do
        {
            if (buffer.WrittenCount >= maxFrameBytes)
            {
                throw new InvalidDataException($"A channel frame exceeded {maxFrameBytes} bytes.");
            }

            result = await socket.ReceiveAsync(buffer.GetMemory(16 * 1024), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            buffer.Advance(result.Count);
        }
        while (!result.EndOfMessage);

        return buffer.WrittenMemory;
    }

    /// <summary>Sends one frame after any send in flight. Only the wait is cancellable: cancelling a WebSocket send aborts the
    /// socket, so a stuck send is ended by closing or aborting the socket instead.</summary>
    public async Task SendAsync(string type, JsonElement message, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new ChannelFrame(type, message), AgentProtocolJsonContext.Default.ChannelFrame);
        await sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            sendLock.Release();
        }
    }
}
