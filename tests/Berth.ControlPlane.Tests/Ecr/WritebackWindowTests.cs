using Berth.ControlPlane.Ecr.Registry;

namespace Berth.ControlPlane.Tests.Ecr;

/// <summary>Writeback starts per full interval of new bytes, from where the last range ended, and the rest when the append ends.</summary>
public sealed class WritebackWindowTests
{
    [Theory]
    [InlineData(0, 99, false, null, null)]
    [InlineData(0, 100, false, 0L, 100L)]
    [InlineData(0, 250, false, 0L, 250L)]
    [InlineData(0, 99, true, 0L, 99L)]
    [InlineData(40, 139, false, null, null)]
    [InlineData(40, 140, false, 40L, 100L)]
    [InlineData(40, 41, true, 40L, 1L)]
    [InlineData(40, 40, true, null, null)]
    public void Next_FirstRange(long appendStart, long written, bool ended, long? offset, long? length)
    {
        var window = new WritebackWindow(100, appendStart);

        var range = window.Next(written, ended);

        Assert.Equal(offset, range?.Offset);
        Assert.Equal(length, range?.Length);
    }

    /// <summary>Bytes arriving in small reads: each range starts where the previous ended, none is handed out twice, none is missed.</summary>
    [Fact]
    public void Next_ManySmallReads_CoversTheFileOnceInIntervals()
    {
        var window = new WritebackWindow(100, 0);
        var ranges = new List<(long Offset, long Length)>();
        for (long written = 30; written <= 330; written += 30)
        {
            if (window.Next(written, ended: false) is { } range)
            {
                ranges.Add(range);
            }
        }

        if (window.Next(330, ended: true) is { } rest)
        {
            ranges.Add(rest);
        }

        Assert.Equal([(0L, 120L), (120L, 120L), (240L, 90L)], ranges);
        Assert.Null(window.Next(330, ended: true));
    }

    [Fact]
    public void Interval_NotPositive_IsRefused() => Assert.Throws<ArgumentOutOfRangeException>(() => new WritebackWindow(0, 0));
}
