namespace Berth.State.Tests;

/// <summary>The change feed: order, reads after a sequence, wake-ups, retention.</summary>
public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task ReadChangesAsync_AfterWrites_ReturnsThemInCommitOrder()
    {
        var written = new List<Change>
        {
            await PutAsync("a", "1"),
            await PutAsync("b", "1", kind: "service"),
            await PutAsync("a", "2"),
        };
        written.AddRange(await Store.ApplyAsync([new DeleteOp("cluster", "p1", "a"), new PutOp("cluster", "p2", "c", "1")]));

        var all = await Store.ReadChangesAsync(0, 100);

        Assert.Equal(written, all);
        Assert.Equal(
            [("cluster", "a", 1L, false), ("service", "b", 1L, false), ("cluster", "a", 2L, false), ("cluster", "a", 2L, true), ("cluster", "c", 1L, false)],
            all.Select(c => (c.Kind, c.Key, c.Version, c.Deleted)));
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence), "sequences must increase");
    }

    [Fact]
    public async Task ReadChangesAsync_AfterSequenceAndLimit_ReturnsTheNextSlice()
    {
        var written = new List<Change>();
        for (var i = 0; i < 10; i++)
        {
            written.Add(await PutAsync($"k{i}", "x"));
        }

        Assert.Equal(written.Skip(3).Take(4), await Store.ReadChangesAsync(written[2].Sequence, 4));
        Assert.Equal(written.Skip(8), await Store.ReadChangesAsync(written[7].Sequence, 100));
        Assert.Empty(await Store.ReadChangesAsync(written[^1].Sequence, 100));
    }

    [Fact]
    public async Task WaitForChangesAsync_ChangeAlreadyThere_CompletesAtOnce()
    {
        var change = await PutAsync("a", "1");

        await Store.WaitForChangesAsync(0).AsTask().WaitAsync(Guard);
        await Store.WaitForChangesAsync(change.Sequence - 1).AsTask().WaitAsync(Guard);
    }

    [Fact]
    public async Task WaitForChangesAsync_NothingNewYet_WakesOnNextCommit()
    {
        var last = await PutAsync("a", "1");
        var waiters = Enumerable.Range(0, 3).Select(_ => Store.WaitForChangesAsync(last.Sequence).AsTask()).ToList();
        Assert.All(waiters, w => Assert.False(w.IsCompleted, "a waiter completed before anything was committed"));

        var next = await PutAsync("b", "1");

        await Task.WhenAll(waiters).WaitAsync(Guard);
        Assert.Equal([next], await Store.ReadChangesAsync(last.Sequence, 100));
    }

    [Fact]
    public async Task WaitForChangesAsync_EmptyStore_WakesOnFirstCommit()
    {
        var waiter = Store.WaitForChangesAsync(0).AsTask();
        Assert.False(waiter.IsCompleted, "waiting on an empty store completed before any commit");

        await PutAsync("a", "1");

        await waiter.WaitAsync(Guard);
    }

    [Fact]
    public async Task WaitForChangesAsync_ConflictedWrite_DoesNotWake()
    {
        var last = await PutAsync("a", "1");
        var waiter = Store.WaitForChangesAsync(last.Sequence).AsTask();

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => PutAsync("a", "2", expectedVersion: 5));
        Assert.False(waiter.IsCompleted, "a rolled-back write woke a waiter");

        await PutAsync("a", "2", expectedVersion: 1);
        await waiter.WaitAsync(Guard);
    }

    [Fact]
    public async Task WaitForChangesAsync_Cancelled_ThrowsOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        var waiter = Store.WaitForChangesAsync(0, cts.Token).AsTask();

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter.WaitAsync(Guard));
    }

    [Fact]
    public async Task WaitForChangesAsync_StoreDisposedWhileWaiting_FailsWithObjectDisposed()
    {
        var waiter = Store.WaitForChangesAsync(0).AsTask();

        await Store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiter.WaitAsync(Guard));
    }

    [Fact]
    public async Task ReadChangesAsync_MoreThanRetention_KeepsOnlyTheNewest()
    {
        var store = await RestartAsync(new StoreTestSettings(ChangeRetention: 10, TrimInterval: 1));
        var written = new List<Change>();
        for (var i = 0; i < 30; i++)
        {
            written.AddRange(await store.ApplyAsync([new PutOp("cluster", "p1", $"k{i % 4}", "x")]));
        }

        var kept = await store.ReadChangesAsync(0, 1_000);

        Assert.Equal(written.TakeLast(10), kept);
        Assert.Equal(4, (await store.ListAsync("cluster", "p1", new ListQuery())).Items.Count);
    }

    [Fact]
    public async Task ReadChangesAsync_TrimmedOnlyEveryInterval_StaysWithinRetentionPlusInterval()
    {
        var store = await RestartAsync(new StoreTestSettings(ChangeRetention: 10, TrimInterval: 5));
        var written = new List<Change>();
        for (var i = 0; i < 33; i++)
        {
            written.AddRange(await store.ApplyAsync([new PutOp("cluster", "p1", $"k{i}", "x")]));
        }

        var kept = await store.ReadChangesAsync(0, 1_000);

        Assert.InRange(kept.Count, 10, 10 + 5);
        Assert.Equal(written.TakeLast(kept.Count), kept);
    }
}
