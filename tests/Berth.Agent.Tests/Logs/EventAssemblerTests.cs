using System.Text.RegularExpressions;
using Berth.Agent.Logs;

namespace Berth.Agent.Tests.Logs;

public sealed class EventAssemblerTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch.AddYears(56);

    private static LogLine Line(int n, string text) => new(text, T0.AddMilliseconds(n), new LogCursor(T0.AddMilliseconds(n), 1));

    private static List<LogEvent> Feed(EventAssembler assembler, params string[] lines)
    {
        var events = new List<LogEvent>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (assembler.Add(Line(i, lines[i])) is { } completed)
            {
                events.Add(completed);
            }
        }
        if (assembler.Flush() is { } last)
        {
            events.Add(last);
        }
        return events;
    }

    [Fact]
    public void WithoutAPattern_EachLineIsAnEvent()
    {
        var events = Feed(new EventAssembler(null), "a", "b");

        Assert.Equal(["a", "b"], events.Select(e => e.Message));
        Assert.Equal([T0, T0.AddMilliseconds(1)], events.Select(e => e.Timestamp));
    }

    [Fact]
    public void WithAPattern_FollowingLinesJoinTheEventTheyContinue()
    {
        var assembler = new EventAssembler(new Regex("^INFO|^ERROR"));

        var events = Feed(assembler, "INFO one", "ERROR two", "  at A()", "  at B()", "INFO three");

        Assert.Equal(["INFO one", "ERROR two\n  at A()\n  at B()", "INFO three"], events.Select(e => e.Message));
        Assert.Equal(T0.AddMilliseconds(1), events[1].Timestamp);
        Assert.Equal(new LogCursor(T0.AddMilliseconds(3), 1), events[1].End);
    }

    [Fact]
    public void LinesBeforeTheFirstStart_AreEventsOfTheirOwn()
    {
        var events = Feed(new EventAssembler(new Regex("^INFO")), "banner", "more", "INFO go");

        Assert.Equal(["banner\nmore", "INFO go"], events.Select(e => e.Message));
    }

    [Fact]
    public void APendingEvent_WaitsForTheNextStartOrAFlush()
    {
        var assembler = new EventAssembler(new Regex("^INFO"));

        Assert.Null(assembler.Add(Line(0, "INFO a")));
        Assert.Null(assembler.Add(Line(1, "continued")));
        Assert.True(assembler.HasPending);
        Assert.Equal("INFO a\ncontinued", assembler.Flush()!.Message);
        Assert.False(assembler.HasPending);
        Assert.Null(assembler.Flush());
    }

    [Fact]
    public void AnOversizedEvent_IsCutAtTheLimitOnACharacterBoundary()
    {
        var text = new string('é', EventAssembler.MaxMessageBytes); // two bytes each

        var message = new EventAssembler(null).Add(Line(0, text))!.Message;

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(message) <= EventAssembler.MaxMessageBytes);
        Assert.Equal(EventAssembler.MaxMessageBytes / 2, message.Length);
    }
}
