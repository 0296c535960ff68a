namespace Berth.State;

/// <summary>Wakes change-feed waiters when this process commits, without polling; a backend publishes each committed sequence.</summary>
/// <remarks>Lock-free: Publish writes the sequence before swapping the signal, and waiters read the signal before the sequence, so no wake-up is lost.</remarks>
internal sealed class ChangeSignal
{
    private long _latest;
    private TaskCompletionSource _next = NewSource();

    /// <summary>Starts from the newest sequence already stored.</summary>
    public ChangeSignal(long latest) => _latest = latest;

    /// <summary>The newest committed sequence this process knows of.</summary>
    public long Latest => Volatile.Read(ref _latest);

    /// <summary>Records a committed sequence and wakes every waiter.</summary>
    public void Publish(long sequence)
    {
        long seen;
        do
        {
            seen = Volatile.Read(ref _latest);
            if (sequence <= seen)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _latest, sequence, seen) != seen);

        Interlocked.Exchange(ref _next, NewSource()).TrySetResult();
    }

    /// <summary>Completes once a sequence greater than afterSequence is published (at once if it already was).</summary>
    public async ValueTask WaitAsync(long afterSequence, CancellationToken ct)
    {
        while (true)
        {
            var next = Volatile.Read(ref _next);
            if (Volatile.Read(ref _latest) > afterSequence)
            {
                return;
            }

            await next.Task.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>Fails current and future waiters, so nobody waits forever on a closed store.</summary>
    public void Close(Exception reason)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        closed.SetException(reason);
        _ = closed.Task.Exception; // observed: nobody may be waiting
        var previous = Interlocked.Exchange(ref _next, closed);
        previous.TrySetException(reason);
        _ = previous.Task.Exception;
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
