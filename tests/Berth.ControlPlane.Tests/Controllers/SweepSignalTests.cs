using System.Threading.Channels;
using Berth.ControlPlane.Controllers;
using Microsoft.Extensions.Logging.Abstractions;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Controllers;

/// <summary>A sweeper's wait on a hand-set clock: it ends at the interval or when woken, wake-ups coalesce, and a woken
/// sweeper sweeps without the clock moving.</summary>
public sealed class SweepSignalTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly ManualTimeProvider time = new(new DateTimeOffset(2026, 11, 22, 7, 0, 0, TimeSpan.Zero));
    private readonly SweepSignal signal = new();

    [Fact]
    public async Task Wait_WithoutAWakeUp_EndsWhenTheIntervalHasPassed()
    {
        var waiting = signal.WaitAsync(Interval, time, default);

        time.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        await waiting.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Wake_EndsTheWait_WithoutTheClockMoving()
    {
        var waiting = signal.WaitAsync(Interval, time, default);
        Assert.False(waiting.IsCompleted);

        signal.Wake();

        await waiting.WaitAsync(Timeout);
    }

    [Fact]
    public async Task WakeUps_BeforeTheWait_EndOneWaitOnly()
    {
        signal.Wake();
        signal.Wake();

        await signal.WaitAsync(Interval, time, default).WaitAsync(Timeout);
        var next = signal.WaitAsync(Interval, time, default);

        Assert.False(next.IsCompleted);
        time.Advance(Interval);
        await next.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Wait_WhenStopped_IsCancelled()
    {
        using var stopping = new CancellationTokenSource();
        var waiting = signal.WaitAsync(Interval, time, stopping.Token);

        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Timeout));
    }

    [Fact]
    public async Task Sweeper_Woken_SweepsAtOnce_AndOnlyOnce()
    {
        var sweeper = new CountingSweeper(time, signal);
        await sweeper.StartAsync(default);
        try
        {
            signal.Wake();

            Assert.Equal(1, await sweeper.Sweeps.Reader.ReadAsync().AsTask().WaitAsync(Timeout));
            Assert.Equal(new DateTimeOffset(2026, 11, 22, 7, 0, 0, TimeSpan.Zero), time.GetUtcNow());
        }
        finally
        {
            await sweeper.StopAsync(default);
        }

        Assert.False(sweeper.Sweeps.Reader.TryRead(out _));
    }

    /// <summary>Counts its sweeps; waits out <see cref="Interval"/> unless woken, and does not sweep at start.</summary>
    private sealed class CountingSweeper(TimeProvider time, SweepSignal signal)
        : PeriodicSweeper(Interval, "Counting", time, NullLogger.Instance, wakeup: signal)
    {
        private int count;

        public Channel<int> Sweeps { get; } = Channel.CreateUnbounded<int>();

        protected override ValueTask SweepOnceAsync(CancellationToken cancellationToken)
        {
            Sweeps.Writer.TryWrite(++count);
            return ValueTask.CompletedTask;
        }
    }
}
