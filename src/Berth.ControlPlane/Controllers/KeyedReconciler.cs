using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Controllers;

/// <summary>A deduplicating work queue of keys in front of an <see cref="IReconciler{TKey}"/>, run by a bounded number of
/// workers. A key is never reconciled by two workers at once: a key woken while its pass runs runs once more after it, and
/// a key woken many times before a worker takes it runs once. Scheduled wake-ups are timers on the injected
/// <see cref="TimeProvider"/> (one per key, the earliest wins); a pass that throws is logged and retried after a backoff
/// that doubles per consecutive failure of that key.</summary>
public sealed partial class KeyedReconciler<TKey> : IAsyncDisposable
    where TKey : notnull
{
    private readonly IReconciler<TKey> reconciler;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly ReconcilerOptions options;
    private readonly Lock gate = new();
    private readonly Channel<TKey> ready = Channel.CreateUnbounded<TKey>();
    private readonly HashSet<TKey> queued = [];
    private readonly HashSet<TKey> running = [];
    private readonly HashSet<TKey> again = [];
    private readonly Dictionary<TKey, (ITimer Timer, DateTimeOffset At)> timers = [];
    private readonly Dictionary<TKey, int> failures = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly Task[] workers;

    /// <summary>Starts the workers at once; keys may be enqueued from then on.</summary>
    public KeyedReconciler(IReconciler<TKey> reconciler, TimeProvider time, ILogger logger, ReconcilerOptions? options = null)
    {
        this.reconciler = reconciler;
        this.time = time;
        this.logger = logger;
        this.options = options ?? new ReconcilerOptions();
        this.options.Validate();
        workers = [.. Enumerable.Range(0, this.options.Workers).Select(_ => Task.Run(WorkAsync))];
    }

    /// <summary>Asks for a pass of <paramref name="key"/> as soon as a worker is free (after the running one, if any).</summary>
    public void Enqueue(TKey key)
    {
        lock (gate)
        {
            if (stopping.IsCancellationRequested)
            {
                return;
            }

            if (running.Contains(key))
            {
                again.Add(key);
            }
            else if (queued.Add(key))
            {
                ready.Writer.TryWrite(key);
            }
        }
    }

    /// <summary>Asks for a pass of <paramref name="key"/> at <paramref name="at"/>; a wake-up already set for earlier stands.</summary>
    public void EnqueueAt(TKey key, DateTimeOffset at)
    {
        var delay = at - time.GetUtcNow();
        if (delay <= TimeSpan.Zero)
        {
            Enqueue(key);
            return;
        }

        lock (gate)
        {
            if (stopping.IsCancellationRequested || (timers.TryGetValue(key, out var set) && set.At <= at))
            {
                return;
            }

            set.Timer?.Dispose();
            timers[key] = (time.CreateTimer(_ => Fire(key, at), null, delay, Timeout.InfiniteTimeSpan), at);
        }
    }

    /// <summary>Stops taking keys, cancels the passes under way and waits for them to end; scheduled wake-ups are dropped.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (gate)
        {
            if (stopping.IsCancellationRequested)
            {
                return;
            }

            stopping.Cancel();
            ready.Writer.TryComplete();
            foreach (var (timer, _) in timers.Values)
            {
                timer.Dispose();
            }

            timers.Clear();
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        stopping.Dispose();
    }

    /// <summary>A timer came due; one replaced by an earlier wake-up (a different time) is stale and ignored.</summary>
    private void Fire(TKey key, DateTimeOffset at)
    {
        lock (gate)
        {
            if (!timers.TryGetValue(key, out var set) || set.At != at)
            {
                return;
            }

            timers.Remove(key);
            set.Timer.Dispose();
        }

        Enqueue(key);
    }

    private async Task WorkAsync()
    {
        await foreach (var key in ready.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (stopping.IsCancellationRequested)
            {
                // Stopping: what is still queued is left for the next start, which looks at every key anyway.
                continue;
            }

            lock (gate)
            {
                queued.Remove(key);
                running.Add(key);
            }

            var next = await PassAsync(key).ConfigureAwait(false);
            lock (gate)
            {
                running.Remove(key);
                if (again.Remove(key) && !stopping.IsCancellationRequested && queued.Add(key))
                {
                    ready.Writer.TryWrite(key);
                }
            }

            if (next is { } at)
            {
                EnqueueAt(key, at);
            }
        }
    }

    /// <summary>One pass; a failure (not a stop) is logged and turned into a retry after the key's backoff.</summary>
    private async Task<DateTimeOffset?> PassAsync(TKey key)
    {
        try
        {
            var next = await reconciler.ReconcileAsync(key, stopping.Token).ConfigureAwait(false);
            lock (gate)
            {
                failures.Remove(key);
            }

            return next;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception error)
        {
            int failed;
            lock (gate)
            {
                failed = failures[key] = failures.GetValueOrDefault(key) + 1;
            }

            var backoff = options.Backoff(failed);
            LogPassFailed(logger, key.ToString() ?? "", failed, backoff.TotalSeconds, error);
            return time.GetUtcNow() + backoff;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reconciling {Key} failed ({Failures} in a row); retrying in {Seconds} s")]
    private static partial void LogPassFailed(ILogger logger, string key, int failures, double seconds, Exception error);
}
