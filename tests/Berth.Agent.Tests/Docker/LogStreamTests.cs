using System.Net;
using System.Text;
using Berth.Agent.Docker;
using Berth.Agent.Docker.Internal;
using Berth.Agent.Tests.Docker.Fakes;

namespace Berth.Agent.Tests.Docker;

public sealed class LogStreamTests
{
    [Fact]
    public async Task Logs_MultiplexedRecording_SeparatesStdoutFromStderr()
    {
        var handler = new RecordedDockerHandler().On(HttpMethod.Get, "/v1.41/containers/rec-web/logs", Recordings.Bytes("logs-multiplexed.bin"));
        using var client = FakeEngine.Client(handler);

        var entries = await client.ReadLogsAsync("rec-web", new LogsQuery(), CancellationToken.None).ToListAsync();

        Assert.Equal(
        [
            new LogEntry { Stream = LogStream.Stdout, Text = "out1" },
            new LogEntry { Stream = LogStream.Stdout, Text = "out2" },
            new LogEntry { Stream = LogStream.Stderr, Text = "err1" },
        ], entries);
        var request = Assert.Single(handler.ApiRequests);
        Assert.Equal("/v1.41/containers/rec-web/logs?stdout=1&stderr=1&follow=0&timestamps=0", request.PathAndQuery);
    }

    [Fact]
    public async Task Logs_WithTimestamps_ParsesTheEnginesReceiveTime()
    {
        var handler = new RecordedDockerHandler().On(HttpMethod.Get, "/v1.41/containers/rec-web/logs", Recordings.Bytes("logs-multiplexed-timestamps.bin"));
        using var client = FakeEngine.Client(handler);
        var since = DateTimeOffset.FromUnixTimeSeconds(1795274895);

        var entries = await client.ReadLogsAsync("rec-web", new LogsQuery { Timestamps = true, Follow = true, Since = since, Tail = 100 }, CancellationToken.None).ToListAsync();

        Assert.Equal(["out1", "out2", "err1"], entries.Select(e => e.Text));
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 15, 28, 15, TimeSpan.Zero).AddTicks(6196756), entries[0].Timestamp);
        Assert.Equal(LogStream.Stderr, entries[2].Stream);
        var request = Assert.Single(handler.ApiRequests);
        Assert.Equal("1", request.Query("follow"));
        Assert.Equal("1", request.Query("timestamps"));
        Assert.Equal("1795274895.000000000", request.Query("since"));
        Assert.Equal("100", request.Query("tail"));
    }

    [Fact]
    public async Task Logs_TtyRecording_IsOneRawStdoutStream()
    {
        var handler = new RecordedDockerHandler().On(HttpMethod.Get, "/v1.41/containers/rec-tty/logs", Recordings.Bytes("logs-tty-raw.bin"));
        using var client = FakeEngine.Client(handler);

        var entries = await client.ReadLogsAsync("rec-tty", new LogsQuery(), CancellationToken.None).ToListAsync();

        Assert.Equal(["tty1", "tty2"], entries.Select(e => e.Text));
        Assert.All(entries, e => Assert.Equal(LogStream.Stdout, e.Stream));
    }

    [Theory]
    [InlineData("application/vnd.docker.raw-stream", false)]
    [InlineData("application/vnd.docker.multiplexed-stream", true)]
    public async Task Logs_ContentTypeOfNewerEngines_DecidesTheFraming(string contentType, bool framed)
    {
        // The same bytes (one stderr frame) are read as the Content-Type says, whatever they look like.
        var body = Frame(2, "x\n");
        var handler = new RecordedDockerHandler().On(HttpMethod.Get, "/v1.41/containers/c1/logs", body, contentType: contentType);
        using var client = FakeEngine.Client(handler);

        var entries = await client.ReadLogsAsync("c1", new LogsQuery(), CancellationToken.None).ToListAsync();

        if (framed)
        {
            Assert.Equal(new LogEntry { Stream = LogStream.Stderr, Text = "x" }, Assert.Single(entries));
        }
        else
        {
            Assert.Equal(LogStream.Stdout, Assert.Single(entries).Stream);
        }
    }

    [Fact]
    public async Task Reader_FramesSplitAcrossReads_AndSeveralLinesPerFrame_AndUnterminatedTail()
    {
        var body = Frame(1, "a\nb\n").Concat(Frame(2, "partial")).Concat(Frame(1, "é\n")).ToArray();
        using var stream = new TrickleStream(body, chunk: 3);

        var lines = await LogStreamReader.ReadLinesAsync(stream, multiplexed: null, CancellationToken.None).ToListAsync();

        Assert.Equal([(LogStream.Stdout, "a"), (LogStream.Stdout, "b"), (LogStream.Stderr, "partial"), (LogStream.Stdout, "é")], lines);
    }

    [Fact]
    public async Task Reader_RawLinesSplitAcrossReads_KeepMultiByteCharactersWhole()
    {
        using var stream = new TrickleStream(Encoding.UTF8.GetBytes("héllo\r\nwörld"), chunk: 2);

        var lines = await LogStreamReader.ReadLinesAsync(stream, multiplexed: false, CancellationToken.None).ToListAsync();

        Assert.Equal([(LogStream.Stdout, "héllo"), (LogStream.Stdout, "wörld")], lines);
    }

    [Fact]
    public async Task Reader_TruncatedFrame_IsAnError()
    {
        using var stream = new MemoryStream(Frame(1, "hello\n")[..10]);

        await Assert.ThrowsAsync<InvalidDataException>(async () =>
            await LogStreamReader.ReadLinesAsync(stream, multiplexed: null, CancellationToken.None).ToListAsync());
    }

    [Fact]
    public async Task Reader_EmptyBody_HasNoLines()
    {
        using var stream = new MemoryStream();

        Assert.Empty(await LogStreamReader.ReadLinesAsync(stream, multiplexed: null, CancellationToken.None).ToListAsync());
    }

    private static byte[] Frame(byte stream, string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        var frame = new byte[8 + payload.Length];
        frame[0] = stream;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)payload.Length);
        payload.CopyTo(frame, 8);
        return frame;
    }

    /// <summary>Hands out at most <paramref name="chunk"/> bytes per read, as a socket may.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(chunk, buffer.Length)], cancellationToken);
    }
}
