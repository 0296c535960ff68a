using System.Threading.Channels;

namespace Berth.ControlPlane.Ecr.Lifecycle;

/// <summary>Lets PutLifecyclePolicy bring the next lifecycle pass forward instead of waiting out the interval; signals coalesce.</summary>
public sealed class LifecycleWakeup
{
    private readonly Channel<bool> signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Signal() => signals.Writer.TryWrite(true);

    /// <summary>Returns when signalled or after <paramref name="interval"/> on the clock, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan interval, TimeProvider time, CancellationToken cancellationToken)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var signalled = signals.Reader.WaitToReadAsync(done.Token).AsTask();
        var elapsed = Task.Delay(interval, time, done.Token);
        await Task.WhenAny(signalled, elapsed).ConfigureAwait(false);
        await done.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        signals.Reader.TryRead(out _);
    }
}
