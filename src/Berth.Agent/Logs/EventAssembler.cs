using System.Text;
using System.Text.RegularExpressions;

namespace Berth.Agent.Logs;

/// <summary>Groups lines into events. Without a start pattern each line is an event. With one (a multiline pattern, or the
/// regex of a datetime format) a line matching it starts a new event and any other line joins the pending one, joined by
/// "\n", as the Docker awslogs driver does; lines before the first match are events of their own. An event is cut at
/// <see cref="MaxMessageBytes"/>.</summary>
public sealed class EventAssembler(Regex? start)
{
    /// <summary>The largest message PutLogEvents takes (256 KiB less the 26 bytes of overhead), as Docker's driver caps it.</summary>
    public const int MaxMessageBytes = 262_144 - LogBatch.EventOverhead;

    private readonly StringBuilder _pending = new();
    private DateTimeOffset _pendingTimestamp;
    private LogCursor? _pendingEnd;

    /// <summary>Whether lines wait for the next event start (or a flush).</summary>
    public bool HasPending => _pendingEnd is not null;

    /// <summary>The event this line completes, if any: the pending one when the line starts a new event.</summary>
    public LogEvent? Add(LogLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (start is null)
        {
            return new LogEvent(Cut(line.Text), line.Timestamp, line.Position);
        }

        if (start.IsMatch(line.Text) || _pendingEnd is null)
        {
            var completed = Flush();
            _pending.Append(line.Text);
            _pendingTimestamp = line.Timestamp;
            _pendingEnd = line.Position;
            return completed;
        }

        _pending.Append('\n').Append(line.Text);
        _pendingEnd = line.Position;
        return null;
    }

    /// <summary>The pending event, now (the stream ended, or it has waited a flush interval without a next line).</summary>
    public LogEvent? Flush()
    {
        if (_pendingEnd is not { } end)
        {
            return null;
        }

        var completed = new LogEvent(Cut(_pending.ToString()), _pendingTimestamp, end);
        _pending.Clear();
        _pendingEnd = null;
        return completed;
    }

    private static string Cut(string message)
    {
        if (Encoding.UTF8.GetByteCount(message) <= MaxMessageBytes)
        {
            return message;
        }

        var bytes = Encoding.UTF8.GetBytes(message);
        var length = MaxMessageBytes;
        while (length > 0 && (bytes[length] & 0xC0) == 0x80)
        {
            length--; // Not inside a UTF-8 sequence.
        }

        return Encoding.UTF8.GetString(bytes, 0, length);
    }
}
