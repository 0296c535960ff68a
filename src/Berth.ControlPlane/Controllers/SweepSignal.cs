using System.Threading.Channels;

namespace Berth.ControlPlane.Controllers;

/// <summary>Brings a <see cref="PeriodicSweeper"/>'s next sweep forward instead of waiting out its interval (e.g. right after a
/// request that gives the sweep new work); wake-ups that arrive before the sweeper waits again coalesce into one sweep.</summary>
public class SweepSignal
{
    private readonly Channel<bool> signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => signals.Writer.TryWrite(true);

    /// <summary>Returns when woken (also by a wake-up that came before this call) or after <paramref name="interval"/> on the
    /// clock, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var woken = signals.Reader.WaitToReadAsync(done.Token).AsTask();
        var elapsed = Task.Delay(interval, time, done.Token);
        await Task.WhenAny(woken, elapsed).ConfigureAwait(false);
        await done.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        signals.Reader.TryRead(out _);
    }
}
