using Berth.Aws.Generated.Logs;
using Berth.Aws.Protocol;
using Berth.ControlPlane.Logs.Events;

namespace Berth.ControlPlane.Tests.Logs;

/// <summary>PutLogEvents' batch rules and what rejectedLogEventsInfo reports.</summary>
public sealed class LogEventBatchTests
{
    private static readonly DateTimeOffset Now = LogsHarness.Start;

    private static long Ms(TimeSpan offset) => (Now + offset).ToUnixTimeMilliseconds();

    private static List<InputLogEvent> Events(params long[] timestamps) =>
        timestamps.Select((t, i) => new InputLogEvent { Timestamp = t, Message = $"m{i}" }).ToList();

    [Fact]
    public void Check_AllWithinLimits_AcceptsEveryEventAndRejectsNone()
    {
        var batch = LogEventBatch.Check(Events(Ms(TimeSpan.FromMinutes(-1)), Ms(TimeSpan.Zero)), Now, retentionInDays: null);

        Assert.Equal(["m0", "m1"], batch.Accepted.Select(e => e.Message));
        Assert.Null(batch.Rejected);
    }

    [Fact]
    public void Check_OutOfOrder_IsRefusedWhole()
    {
        var e = Assert.Throws<AwsException>(() => LogEventBatch.Check(Events(Ms(TimeSpan.Zero), Ms(TimeSpan.FromSeconds(-1))), Now, null));

        Assert.Equal(("InvalidParameterException", "Log events in a single PutLogEvents request must be in chronological order."), (e.Code, e.Message));
    }

    [Fact]
    public void Check_SpanningMoreThanADay_IsRefusedWhole()
    {
        var e = Assert.Throws<AwsException>(() => LogEventBatch.Check(Events(Ms(TimeSpan.FromHours(-25)), Ms(TimeSpan.Zero)), Now, null));

        Assert.Contains("cannot span more than 24 hours", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_OverOneMebibyteCountingTwentySixBytesPerEvent_IsRefused()
    {
        // 1,048,576 / (1,000 + 26) = 1,022.0: 1,023 events of 1,000 bytes are over, 1,022 are within.
        var message = new string('x', 1_000);
        var over = Enumerable.Range(0, 1_023).Select(_ => new InputLogEvent { Timestamp = Ms(TimeSpan.Zero), Message = message }).ToList();

        var e = Assert.Throws<AwsException>(() => LogEventBatch.Check(over, Now, null));
        Assert.Equal("InvalidParameterException", e.Code);
        Assert.Equal(1_022, LogEventBatch.Check(over.Take(1_022).ToList(), Now, null).Accepted.Count);
    }

    [Fact]
    public void Check_OlderThanFourteenDays_AcceptsTheRestAndReportsTheLastTooOldIndex()
    {
        var batch = LogEventBatch.Check(
            Events(Ms(TimeSpan.FromDays(-14) - TimeSpan.FromHours(2)), Ms(TimeSpan.FromDays(-14) - TimeSpan.FromHours(1)), Ms(TimeSpan.FromDays(-14) + TimeSpan.FromHours(1))),
            Now,
            retentionInDays: null);

        Assert.Equal(["m2"], batch.Accepted.Select(e => e.Message));
        Assert.Equal((1, (int?)null, (int?)null), (batch.Rejected!.TooOldLogEventEndIndex, batch.Rejected.TooNewLogEventStartIndex, batch.Rejected.ExpiredLogEventEndIndex));
    }

    [Fact]
    public void Check_MoreThanTwoHoursAhead_AcceptsTheRestAndReportsTheFirstTooNewIndex()
    {
        var batch = LogEventBatch.Check(Events(Ms(TimeSpan.Zero), Ms(TimeSpan.FromHours(1)), Ms(TimeSpan.FromHours(3)), Ms(TimeSpan.FromHours(4))), Now, null);

        Assert.Equal(["m0", "m1"], batch.Accepted.Select(e => e.Message));
        Assert.Equal((2, (int?)null), (batch.Rejected!.TooNewLogEventStartIndex, batch.Rejected.TooOldLogEventEndIndex));
    }

    [Fact]
    public void Check_OlderThanTheRetention_ReportsThemExpired()
    {
        var batch = LogEventBatch.Check(
            Events(Ms(TimeSpan.FromMinutes(-1470)), Ms(TimeSpan.FromMinutes(-1450)), Ms(TimeSpan.FromHours(-1))), Now, retentionInDays: 1);

        Assert.Equal(["m2"], batch.Accepted.Select(e => e.Message));
        Assert.Equal((1, (int?)null), (batch.Rejected!.ExpiredLogEventEndIndex, batch.Rejected.TooOldLogEventEndIndex));
    }
}
