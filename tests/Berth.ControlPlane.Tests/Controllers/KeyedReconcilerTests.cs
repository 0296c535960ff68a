using System.Collections.Concurrent;
using System.Threading.Channels;
using Berth.ControlPlane.Controllers;
using Microsoft.Extensions.Logging.Abstractions;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Controllers;

/// <summary>The work queue on a manual clock: one pass per key at a time, coalesced wake-ups, timers, and retries.</summary>
public sealed class KeyedReconcilerTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly ManualTimeProvider time = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingReconciler reconciler = new();
    private KeyedReconciler<string>? queue;

    [Fact]
    public async Task Enqueue_WhileTheKeyRuns_RunsItOnceMoreAfter_NeverTwoAtOnce()
    {
        var queue = Start(workers: 4);
        var gate = reconciler.Hold("a");

        queue.Enqueue("a");
        await reconciler.NextAsync("a");
        queue.Enqueue("a");
        queue.Enqueue("a");
        queue.Enqueue("a");
        gate.SetResult();
        await reconciler.NextAsync("a");
        await MarkerAsync(queue);

        Assert.Equal(2, reconciler.Passes("a"));
        Assert.Equal(1, reconciler.MostAtOnce);
    }

    [Fact]
    public async Task Enqueue_ManyTimesBeforeAWorkerIsFree_RunsOnce()
    {
        var queue = Start(workers: 1);
        var gate = reconciler.Hold("busy");
        queue.Enqueue("busy");
        await reconciler.NextAsync("busy");

        for (var i = 0; i < 5; i++)
        {
            queue.Enqueue("b");
        }

        gate.SetResult();
        await reconciler.NextAsync("b");
        await MarkerAsync(queue);

        Assert.Equal(1, reconciler.Passes("b"));
    }

    [Fact]
    public async Task EnqueueAt_FiresWhenTheClockReachesIt_NotBefore_AndTheEarliestWins()
    {
        var queue = Start(workers: 1);
        queue.EnqueueAt("k", time.GetUtcNow().AddSeconds(10));
        queue.EnqueueAt("k", time.GetUtcNow().AddSeconds(30));

        time.Advance(TimeSpan.FromSeconds(9));
        await MarkerAsync(queue);
        Assert.Equal(0, reconciler.Passes("k"));

        time.Advance(TimeSpan.FromSeconds(1));
        await reconciler.NextAsync("k");
        time.Advance(TimeSpan.FromSeconds(30));
        await MarkerAsync(queue);

        Assert.Equal(1, reconciler.Passes("k"));
    }

    [Fact]
    public async Task APassThatAsksToLookAgain_RunsAgainThen()
    {
        var queue = Start(workers: 1);
        reconciler.Answer("k", time.GetUtcNow().AddSeconds(5));

        queue.Enqueue("k");
        await reconciler.NextAsync("k");
        await MarkerAsync(queue);
        time.Advance(TimeSpan.FromSeconds(5));
        await reconciler.NextAsync("k");

        Assert.Equal(2, reconciler.Passes("k"));
    }

    [Fact]
    public async Task AFailingPass_IsRetriedAfterTheBackoff_WhichDoublesPerFailure()
    {
        var queue = Start(workers: 1);
        reconciler.FailTimes("k", 2);

        queue.Enqueue("k");
        await reconciler.NextAsync("k");
        await MarkerAsync(queue);
        time.Advance(TimeSpan.FromSeconds(1));
        await reconciler.NextAsync("k");
        await MarkerAsync(queue);
        time.Advance(TimeSpan.FromSeconds(1));
        await MarkerAsync(queue);
        Assert.Equal(2, reconciler.Passes("k"));

        time.Advance(TimeSpan.FromSeconds(1));
        await reconciler.NextAsync("k");

        Assert.Equal(3, reconciler.Passes("k"));
    }

    [Fact]
    public async Task Dispose_DropsScheduledWakeUps_AndIgnoresLaterKeys()
    {
        var queue = Start(workers: 2);
        queue.EnqueueAt("k", time.GetUtcNow().AddSeconds(1));

        await queue.DisposeAsync();
        time.Advance(TimeSpan.FromSeconds(5));
        queue.Enqueue("k");

        Assert.Equal(0, reconciler.Passes("k"));
    }

    public async ValueTask DisposeAsync()
    {
        if (queue is not null)
        {
            await queue.DisposeAsync();
        }
    }

    private KeyedReconciler<string> Start(int workers) =>
        queue = new KeyedReconciler<string>(reconciler, time, NullLogger.Instance, new ReconcilerOptions { Workers = workers });

    /// <summary>Runs a marker key and waits for it: with one worker taking keys in order, every pass queued before it is done.</summary>
    private async Task MarkerAsync(KeyedReconciler<string> queue)
    {
        var marker = Guid.NewGuid().ToString();
        queue.Enqueue(marker);
        await reconciler.NextAsync(marker);
    }

    /// <summary>Records each pass per key; a key can be held (its pass waits), answer a wake time, or fail a number of times.</summary>
    private sealed class RecordingReconciler : IReconciler<string>
    {
        private readonly ConcurrentDictionary<string, Channel<int>> started = new();
        private readonly ConcurrentDictionary<string, int> passes = new();
        private readonly ConcurrentDictionary<string, TaskCompletionSource> holds = new();
        private readonly ConcurrentDictionary<string, DateTimeOffset> answers = new();
        private readonly ConcurrentDictionary<string, int> failures = new();
        private int atOnce;
        private int mostAtOnce;

        public int MostAtOnce => Volatile.Read(ref mostAtOnce);

        public int Passes(string key) => passes.GetValueOrDefault(key);

        public TaskCompletionSource Hold(string key) => holds[key] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Answer(string key, DateTimeOffset at) => answers[key] = at;

        public void FailTimes(string key, int times) => failures[key] = times;

        /// <summary>Waits until the next pass of <paramref name="key"/> has ended (or, for a held key, started).</summary>
        public async Task NextAsync(string key) => await Started(key).Reader.ReadAsync().AsTask().WaitAsync(Timeout);

        public async ValueTask<DateTimeOffset?> ReconcileAsync(string key, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref atOnce);
            InterlockedMax(ref mostAtOnce, now);
            var held = holds.TryRemove(key, out var hold);
            try
            {
                passes.AddOrUpdate(key, 1, (_, n) => n + 1);
                if (held)
                {
                    Started(key).Writer.TryWrite(1);
                    await hold!.Task.WaitAsync(cancellationToken);
                    return null;
                }

                if (failures.TryGetValue(key, out var left) && left > 0)
                {
                    failures[key] = left - 1;
                    throw new InvalidOperationException("planned failure");
                }

                return answers.TryRemove(key, out var at) ? at : null;
            }
            finally
            {
                Interlocked.Decrement(ref atOnce);
                if (!held)
                {
                    Started(key).Writer.TryWrite(0);
                }
            }
        }

        private Channel<int> Started(string key) => started.GetOrAdd(key, _ => Channel.CreateUnbounded<int>());

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }
}
