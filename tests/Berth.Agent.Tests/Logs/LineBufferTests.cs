using Berth.Agent.Logs;

namespace Berth.Agent.Tests.Logs;

public sealed class LineBufferTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch.AddYears(56);

    private static LogLine Line(int n) => new($"line {n:D2}", T0, new LogCursor(T0, n)); // 7 chars = 14 bytes

    private static List<string> TakeAll(LineBuffer buffer)
    {
        var taken = new List<string>();
        while (buffer.TryTake(out var line))
        {
            taken.Add(line.Text);
        }
        return taken;
    }

    [Fact]
    public async Task NonBlocking_DropsTheOldestLinesWhenFull()
    {
        var buffer = new LineBuffer(capacity: 14 * 3, dropOldest: true);

        for (var i = 1; i <= 5; i++)
        {
            await buffer.WriteAsync(Line(i), CancellationToken.None);
        }

        Assert.Equal(["line 03", "line 04", "line 05"], TakeAll(buffer));
        Assert.Equal(2, buffer.Dropped);
    }

    [Fact]
    public async Task Blocking_AWriterWaitsForRoom_AndLosesNothing()
    {
        var buffer = new LineBuffer(capacity: 14 * 2, dropOldest: false);
        await buffer.WriteAsync(Line(1), CancellationToken.None);
        await buffer.WriteAsync(Line(2), CancellationToken.None);

        var third = buffer.WriteAsync(Line(3), CancellationToken.None).AsTask();
        Assert.False(third.IsCompleted);
        Assert.True(buffer.TryTake(out var first));
        await third.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("line 01", first.Text);
        Assert.Equal(["line 02", "line 03"], TakeAll(buffer));
        Assert.Equal(0, buffer.Dropped);
    }

    [Fact]
    public async Task Complete_FinishesOnceEmpty()
    {
        var buffer = new LineBuffer(1024, dropOldest: false);
        await buffer.WriteAsync(Line(1), CancellationToken.None);
        buffer.Complete();

        Assert.False(buffer.IsFinished);
        await buffer.WaitToReadAsync(CancellationToken.None);
        Assert.Single(TakeAll(buffer));
        Assert.True(buffer.IsFinished);
        Assert.True(buffer.WaitToReadAsync(CancellationToken.None).IsCompleted);
    }
}
