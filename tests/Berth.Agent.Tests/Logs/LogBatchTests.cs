using Berth.Agent.Logs;

namespace Berth.Agent.Tests.Logs;

public sealed class LogBatchTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch.AddYears(56);

    private static LogEvent Event(string message, int n = 0) => new(message, T0, new LogCursor(T0, n + 1));

    [Fact]
    public void Size_CountsUtf8BytesAnd26PerEvent()
    {
        var batch = new LogBatch();
        batch.TryAdd(Event("abc"));
        batch.TryAdd(Event("é"));

        Assert.Equal(3 + 26 + 2 + 26, batch.Bytes);
    }

    [Fact]
    public void TenThousandEvents_FillABatch()
    {
        var batch = new LogBatch();
        for (var i = 0; i < LogBatch.MaxEvents; i++)
        {
            Assert.True(batch.TryAdd(Event("x", i)));
        }

        Assert.True(batch.IsFull);
        Assert.False(batch.TryAdd(Event("one too many")));
        Assert.Equal(new LogCursor(T0, LogBatch.MaxEvents), batch.End);
    }

    [Fact]
    public void AnEventBeyondOneMebibyte_DoesNotJoin()
    {
        var batch = new LogBatch();
        var big = new string('x', 262_144 - 26);
        for (var i = 0; i < 4; i++)
        {
            Assert.True(batch.TryAdd(Event(big)));
        }

        Assert.Equal(LogBatch.MaxBytes, batch.Bytes);
        Assert.False(batch.TryAdd(Event("")));
        Assert.Equal(4, batch.Events.Count);
    }
}
