using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Berth.Agent.Docker.Internal;

/// <summary>Reads the body of GET /containers/{id}/logs into lines. Without a TTY the engine multiplexes stdout and
/// stderr into frames: an 8-byte header [stream, 0, 0, 0, size (big-endian uint32)] and then size bytes. With a TTY
/// the body is the raw terminal output (all of it stdout). API 1.42+ says which in Content-Type; 1.41 does not, so
/// the first header is sniffed: a framed body starts with 0/1/2 and three zero bytes, which terminal text never does.
/// Stream 3 (engine errors, API 1.42+) ends the read with an exception.</summary>
internal static class LogStreamReader
{
    private const string MultiplexedContentType = "application/vnd.docker.multiplexed-stream";
    private const string RawContentType = "application/vnd.docker.raw-stream";
    private const int HeaderSize = 8;
    private const int ReadSize = 16 * 1024;

    public static bool? MultiplexedFromContentType(string? mediaType) => mediaType switch
    {
        MultiplexedContentType => true,
        RawContentType => false,
        _ => null,
    };

    /// <summary>Lines without their "\n" (raw mode also drops a "\r" before it); a frame's unterminated tail is a line.</summary>
    public static async IAsyncEnumerable<(LogStream Stream, string Text)> ReadLinesAsync(
        Stream body, bool? multiplexed, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var header = new byte[HeaderSize];
        var headerLength = await ReadAtMostAsync(body, header, cancellationToken).ConfigureAwait(false);
        if (headerLength == 0)
        {
            yield break;
        }

        var framed = multiplexed ?? (headerLength == HeaderSize && header[0] <= 2 && header[1] == 0 && header[2] == 0 && header[3] == 0);
        if (!framed)
        {
            await foreach (var line in ReadRawAsync(body, header.AsMemory(0, headerLength), cancellationToken).ConfigureAwait(false))
            {
                yield return (LogStream.Stdout, line);
            }

            yield break;
        }

        while (true)
        {
            if (headerLength < HeaderSize)
            {
                throw new InvalidDataException($"The log stream ended inside a frame header ({headerLength} of {HeaderSize} bytes).");
            }

            var kind = header[0];
            var size = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
            var payload = new byte[size];
            if (await ReadAtMostAsync(body, payload, cancellationToken).ConfigureAwait(false) < size)
            {
                throw new InvalidDataException($"The log stream ended inside a frame of {size} bytes.");
            }

            if (kind == 3)
            {
                throw new InvalidDataException("The engine reported an error in the log stream: " + Encoding.UTF8.GetString(payload).TrimEnd());
            }

            var stream = kind == 2 ? LogStream.Stderr : LogStream.Stdout;
            foreach (var line in SplitLines(Encoding.UTF8.GetString(payload)))
            {
                yield return (stream, line);
            }

            headerLength = await ReadAtMostAsync(body, header, cancellationToken).ConfigureAwait(false);
            if (headerLength == 0)
            {
                yield break;
            }
        }
    }

    private static async IAsyncEnumerable<string> ReadRawAsync(Stream body, ReadOnlyMemory<byte> start, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pending = new MemoryStream();
        pending.Write(start.Span);
        var buffer = new byte[ReadSize];
        while (true)
        {
            foreach (var line in TakeCompleteLines(pending))
            {
                yield return line;
            }

            var read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            pending.Write(buffer, 0, read);
        }

        if (pending.Length > 0)
        {
            yield return Encoding.UTF8.GetString(pending.GetBuffer(), 0, (int)pending.Length);
        }
    }

    /// <summary>Removes every "\n"-terminated line from <paramref name="pending"/>; an incomplete last line stays.
    /// Splitting bytes (not chars) keeps multi-byte UTF-8 sequences whole.</summary>
    private static List<string> TakeCompleteLines(MemoryStream pending)
    {
        var lines = new List<string>();
        var bytes = pending.GetBuffer().AsSpan(0, (int)pending.Length);
        var start = 0;
        int newline;
        while ((newline = bytes[start..].IndexOf((byte)'\n')) >= 0)
        {
            var line = bytes.Slice(start, newline);
            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            lines.Add(Encoding.UTF8.GetString(line));
            start += newline + 1;
        }

        if (start > 0)
        {
            var rest = bytes[start..].ToArray();
            pending.SetLength(0);
            pending.Write(rest);
        }

        return lines;
    }

    private static IEnumerable<string> SplitLines(string text)
    {
        var start = 0;
        int newline;
        while ((newline = text.IndexOf('\n', start)) >= 0)
        {
            yield return text[start..newline];
            start = newline + 1;
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }

    /// <summary>Fills <paramref name="buffer"/> unless the stream ends first; returns how much was read.</summary>
    private static async ValueTask<int> ReadAtMostAsync(Stream body, byte[] buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await body.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
