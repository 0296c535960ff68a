namespace Berth.State.Tests;

/// <summary>Get, put, delete, versions and expected-version rules.</summary>
public abstract partial class StoreConformanceTests
{
    [Fact]
    public async Task GetAsync_Missing_ReturnsNull()
    {
        Assert.Null(await Store.GetAsync("cluster", "p1", "nope"));
    }

    [Fact]
    public async Task ApplyAsync_PutNew_CreatesVersion1()
    {
        var change = await PutAsync("default", """{"name":"default"}""");

        Assert.Equal(new Change(change.Sequence, "cluster", "p1", "default", 1, false), change);
        Assert.Equal(new StoredDocument("cluster", "p1", "default", 1, """{"name":"default"}"""), await Store.GetAsync("cluster", "p1", "default"));
    }

    [Fact]
    public async Task ApplyAsync_PutExisting_ReplacesBodyAndIncrementsVersion()
    {
        await PutAsync("default", "1");
        await PutAsync("default", "2");
        var change = await PutAsync("default", "3");

        Assert.Equal(3, change.Version);
        var doc = await Store.GetAsync("cluster", "p1", "default");
        Assert.Equal(3, doc?.Version);
        Assert.Equal("3", doc?.Body);
    }

    [Fact]
    public async Task ApplyAsync_PutLargeUnicodeBody_RoundTripsExactly()
    {
        var body = "{\"x\":\"" + string.Concat(Enumerable.Repeat("é漢😀\\\"\n", 20_000)) + "\"}";
        await PutAsync("big", body);

        Assert.Equal(body, (await Store.GetAsync("cluster", "p1", "big"))?.Body);
    }

    [Fact]
    public async Task ApplyAsync_Delete_RemovesDocumentAndRecordsDeletedVersion()
    {
        await PutAsync("default", "1");
        await PutAsync("default", "2");

        var change = Assert.Single(await Store.ApplyAsync([new DeleteOp("cluster", "p1", "default")]));

        Assert.Equal(new Change(change.Sequence, "cluster", "p1", "default", 2, true), change);
        Assert.Null(await Store.GetAsync("cluster", "p1", "default"));
    }

    [Fact]
    public async Task ApplyAsync_DeleteMissing_WritesNoChange()
    {
        Assert.Empty(await Store.ApplyAsync([new DeleteOp("cluster", "p1", "ghost")]));
        Assert.Empty(await Store.ApplyAsync([new DeleteOp("cluster", "p1", "ghost", ExpectedVersion: 0)]));
        Assert.Empty(await Store.ReadChangesAsync(0, 10));
    }

    [Fact]
    public async Task ApplyAsync_PutAfterDelete_StartsAgainAtVersion1()
    {
        await PutAsync("default", "1");
        await PutAsync("default", "2");
        await Store.ApplyAsync([new DeleteOp("cluster", "p1", "default")]);

        var change = await PutAsync("default", "again", expectedVersion: 0);

        Assert.Equal(1, change.Version);
    }

    [Fact]
    public async Task ApplyAsync_ExpectedVersionNull_AlwaysWrites()
    {
        await PutAsync("k", "a", expectedVersion: null);
        var change = await PutAsync("k", "b", expectedVersion: null);

        Assert.Equal(2, change.Version);
    }

    [Fact]
    public async Task ApplyAsync_ExpectedVersion0WhenAbsent_Creates()
    {
        var change = await PutAsync("k", "a", expectedVersion: 0);

        Assert.Equal(1, change.Version);
    }

    [Fact]
    public async Task ApplyAsync_ExpectedVersion0WhenPresent_ThrowsConflict()
    {
        await PutAsync("k", "a");

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => PutAsync("k", "b", expectedVersion: 0));

        Assert.Equal(("cluster", "p1", "k", 0L, 1L), (conflict.Kind, conflict.Partition, conflict.Key, conflict.ExpectedVersion, conflict.ActualVersion));
        Assert.Equal("a", (await Store.GetAsync("cluster", "p1", "k"))?.Body);
    }

    [Fact]
    public async Task ApplyAsync_ExpectedVersionMatches_Writes()
    {
        await PutAsync("k", "a");
        await PutAsync("k", "b", expectedVersion: 1);
        var change = await PutAsync("k", "c", expectedVersion: 2);

        Assert.Equal(3, change.Version);
        Assert.Equal("c", (await Store.GetAsync("cluster", "p1", "k"))?.Body);
    }

    [Fact]
    public async Task ApplyAsync_ExpectedVersionStale_ThrowsConflictNamingBothVersions()
    {
        await PutAsync("k", "a");
        await PutAsync("k", "b");

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => PutAsync("k", "c", expectedVersion: 1));

        Assert.Equal((1L, 2L), (conflict.ExpectedVersion, conflict.ActualVersion));
        Assert.Contains("'k'", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("cluster", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("p1", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("version 1", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("version 2", conflict.Message, StringComparison.Ordinal);
        Assert.Equal("b", (await Store.GetAsync("cluster", "p1", "k"))?.Body);
    }

    [Fact]
    public async Task ApplyAsync_ExpectedVersionOnAbsent_ThrowsConflictWithActual0()
    {
        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => PutAsync("k", "a", expectedVersion: 3));

        Assert.Equal((3L, 0L), (conflict.ExpectedVersion, conflict.ActualVersion));
        Assert.Null(await Store.GetAsync("cluster", "p1", "k"));
    }

    [Fact]
    public async Task ApplyAsync_DeleteWithStaleVersion_ThrowsConflictAndKeepsDocument()
    {
        await PutAsync("k", "a");
        await PutAsync("k", "b");

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.ApplyAsync([new DeleteOp("cluster", "p1", "k", ExpectedVersion: 1)]).AsTask());
        var change = Assert.Single(await Store.ApplyAsync([new DeleteOp("cluster", "p1", "k", ExpectedVersion: 2)]));

        Assert.True(change.Deleted);
        Assert.Null(await Store.GetAsync("cluster", "p1", "k"));
    }

    [Fact]
    public async Task ApplyAsync_LaterOpConflicts_RollsBackEarlierOps()
    {
        await PutAsync("c", "original");
        var before = await Store.ReadChangesAsync(0, 100);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.ApplyAsync(
        [
            new PutOp("cluster", "p1", "a", "new"),
            new PutOp("cluster", "p1", "c", "changed"),
            new DeleteOp("cluster", "p1", "c"),
            new PutOp("cluster", "p1", "b", "new", ExpectedVersion: 7),
        ]).AsTask());

        Assert.Null(await Store.GetAsync("cluster", "p1", "a"));
        Assert.Null(await Store.GetAsync("cluster", "p1", "b"));
        Assert.Equal(new StoredDocument("cluster", "p1", "c", 1, "original"), await Store.GetAsync("cluster", "p1", "c"));
        Assert.Equal(before, await Store.ReadChangesAsync(0, 100));
    }

    [Fact]
    public async Task ApplyAsync_SeveralOps_AppliesAllInOrderWithIncreasingSequences()
    {
        var changes = await Store.ApplyAsync(
        [
            new PutOp("cluster", "p1", "a", "1", ExpectedVersion: 0),
            new PutOp("cluster", "p1", "a", "2", ExpectedVersion: 1),
            new PutOp("family", "p1", "web", "{\"revision\":1}"),
            new DeleteOp("cluster", "p1", "a", ExpectedVersion: 2),
        ]);

        Assert.Equal(
            [("cluster", "a", 1L, false), ("cluster", "a", 2L, false), ("family", "web", 1L, false), ("cluster", "a", 2L, true)],
            changes.Select(c => (c.Kind, c.Key, c.Version, c.Deleted)));
        Assert.True(changes.Zip(changes.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence), "sequences must increase in op order");
        Assert.Null(await Store.GetAsync("cluster", "p1", "a"));
        Assert.Equal(1, (await Store.GetAsync("family", "p1", "web"))?.Version);
    }

    [Fact]
    public async Task ApplyAsync_EmptyBatch_WritesNothing()
    {
        Assert.Empty(await Store.ApplyAsync([]));
        Assert.Empty(await Store.ReadChangesAsync(0, 10));
    }

    [Fact]
    public async Task ApplyAsync_SameExpectedVersionInParallel_ExactlyOneWins()
    {
        await PutAsync("counter", "0");
        const int Contenders = 16;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, Contenders).Select(i => Task.Run(async () =>
        {
            try
            {
                await Store.ApplyAsync([new PutOp("cluster", "p1", "counter", $"winner {i}", ExpectedVersion: 1)]);
                return true;
            }
            catch (ConcurrencyConflictException)
            {
                return false;
            }
        })));

        Assert.Equal(1, outcomes.Count(won => won));
        Assert.Equal(2, (await Store.GetAsync("cluster", "p1", "counter"))?.Version);
    }

    [Fact]
    public async Task ApplyAsync_ParallelIncrementsWithRetry_LoseNoUpdate()
    {
        const int Attempts = 64;

        await Task.WhenAll(Enumerable.Range(0, Attempts).Select(_ => Task.Run(IncrementAsync)));

        var doc = await Store.GetAsync("counter", "p1", "n");
        Assert.Equal(Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture), doc?.Body);
        Assert.Equal(Attempts, doc?.Version);

        async Task IncrementAsync()
        {
            for (var attempt = 0; attempt < 10_000; attempt++)
            {
                var current = await Store.GetAsync("counter", "p1", "n");
                var value = current is null ? 0 : int.Parse(current.Body, System.Globalization.CultureInfo.InvariantCulture);
                try
                {
                    await Store.ApplyAsync([new PutOp("counter", "p1", "n", (value + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), current?.Version ?? 0)]);
                    return;
                }
                catch (ConcurrencyConflictException)
                {
                    // someone else incremented first: re-read and retry
                }
            }

            Assert.Fail("an increment never got through");
        }
    }

    [Fact]
    public async Task Partitions_SameKeyInOtherKindOrPartition_AreIndependent()
    {
        await PutAsync("k", "cluster-p1", kind: "cluster", partition: "p1");
        await PutAsync("k", "cluster-p2", kind: "cluster", partition: "p2");
        await PutAsync("k", "service-p1", kind: "service", partition: "p1");
        await PutAsync("k", "cluster-p1 again", kind: "cluster", partition: "p1");

        await Store.ApplyAsync([new DeleteOp("service", "p1", "k")]);

        Assert.Equal(new StoredDocument("cluster", "p1", "k", 2, "cluster-p1 again"), await Store.GetAsync("cluster", "p1", "k"));
        Assert.Equal(new StoredDocument("cluster", "p2", "k", 1, "cluster-p2"), await Store.GetAsync("cluster", "p2", "k"));
        Assert.Null(await Store.GetAsync("service", "p1", "k"));
        Assert.Equal(["k"], await ListAllKeysAsync(new ListQuery(), kind: "cluster", partition: "p2"));
        Assert.Empty(await ListAllKeysAsync(new ListQuery(), kind: "service", partition: "p1"));
        Assert.Empty(await ListAllKeysAsync(new ListQuery(), kind: "cluster", partition: "p3"));
    }

    [Fact]
    public async Task RestartAsync_AfterWrites_LosesNothingAndContinuesVersionsAndSequences()
    {
        await PutAsync("a", "a1");
        await PutAsync("a", "a2");
        await PutAsync("b", "b1", kind: "family", partition: "acct");
        await PutAsync("gone", "x");
        var last = Assert.Single(await Store.ApplyAsync([new DeleteOp("cluster", "p1", "gone")]));
        var changesBefore = await Store.ReadChangesAsync(0, 100);

        var store = await RestartAsync();

        Assert.Equal(new StoredDocument("cluster", "p1", "a", 2, "a2"), await store.GetAsync("cluster", "p1", "a"));
        Assert.Equal(new StoredDocument("family", "acct", "b", 1, "b1"), await store.GetAsync("family", "acct", "b"));
        Assert.Null(await store.GetAsync("cluster", "p1", "gone"));
        Assert.Equal(changesBefore, await store.ReadChangesAsync(0, 100));
        await store.WaitForChangesAsync(last.Sequence - 1).AsTask().WaitAsync(Guard);

        var next = await PutAsync("a", "a3", expectedVersion: 2);
        Assert.Equal(3, next.Version);
        Assert.True(next.Sequence > last.Sequence, $"sequence {next.Sequence} after restart must exceed {last.Sequence}");
    }

    [Fact]
    public async Task DisposeAsync_Twice_IsHarmlessAndLaterCallsThrowObjectDisposed()
    {
        await PutAsync("a", "1");
        var store = Store;
        await store.DisposeAsync();
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.GetAsync("cluster", "p1", "a").AsTask());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.ApplyAsync([new PutOp("cluster", "p1", "a", "2")]).AsTask());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.WaitForChangesAsync(0).AsTask());
    }
}
