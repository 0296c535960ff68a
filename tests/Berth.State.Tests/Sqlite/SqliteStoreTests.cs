using System.Diagnostics;
using System.Globalization;
using Berth.State.Sqlite;
using Xunit.Abstractions;

namespace Berth.State.Tests.Sqlite;

/// <summary>Runs the conformance suite on SQLite, plus what only SQLite has: files, WAL, durability settings, cost.</summary>
public sealed class SqliteStoreTests(ITestOutputHelper output) : StoreConformanceTests
{
    private readonly string _path = SqliteStore.TemporaryPath();

    protected override ValueTask<IStore> OpenStoreAsync(StoreTestSettings settings) =>
        SqliteStore.OpenAsync(new SqliteStoreOptions { Path = _path, ChangeRetention = settings.ChangeRetention, TrimInterval = settings.TrimInterval });

    protected override ValueTask DeleteDatabaseAsync()
    {
        SqliteTestFiles.Delete(_path);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task ApplyAsync_Acknowledged_IsInTheFilesBeforeTheStoreCloses()
    {
        // A process crash keeps what the OS already has: copying the files of a still-open store is what a restart after a crash would see.
        await PutAsync("survivor", "acknowledged");
        var copy = SqliteStore.TemporaryPath();
        try
        {
            File.Copy(_path, copy);
            File.Copy(_path + "-wal", copy + "-wal");

            await using var reopened = await SqliteStore.OpenAsync(copy);

            Assert.Equal("acknowledged", (await reopened.GetAsync("cluster", "p1", "survivor"))?.Body);
        }
        finally
        {
            SqliteTestFiles.Delete(copy);
        }
    }

    [Fact]
    public async Task OpenAsync_Default_UsesWalAndFullSync()
    {
        await PutAsync("a", "1");
        using var raw = SqliteTestFiles.OpenRaw(_path);

        Assert.Equal("wal", SqliteTestFiles.Scalar(raw, "PRAGMA journal_mode"));
        Assert.True(new SqliteStoreOptions { Path = _path }.FlushEachCommit);
    }

    [Fact]
    public async Task OpenTemporaryAsync_WriteAndRead_Works()
    {
        await using var store = await SqliteStore.OpenTemporaryAsync();
        await store.ApplyAsync([new PutOp("c", "p", "k", "x")]);

        Assert.Equal("x", (await store.GetAsync("c", "p", "k"))?.Body);
    }

    [Fact]
    public async Task DisposeAsync_DeleteOnDispose_RemovesEveryFile()
    {
        var path = SqliteStore.TemporaryPath();
        var store = await SqliteStore.OpenAsync(new SqliteStoreOptions { Path = path, DeleteOnDispose = true });
        await store.ApplyAsync([new PutOp("c", "p", "k", "x")]);
        Assert.True(File.Exists(path + "-wal"), "a WAL store has a -wal file while open");

        await store.DisposeAsync();

        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + "*"));
    }

    [Fact]
    public async Task OpenAsync_InvalidOptions_ThrowArgumentException()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => SqliteStore.OpenAsync(new SqliteStoreOptions { Path = " " }).AsTask());
        await Assert.ThrowsAnyAsync<ArgumentException>(() => SqliteStore.OpenAsync(new SqliteStoreOptions { Path = _path, ChangeRetention = 0 }).AsTask());
        await Assert.ThrowsAnyAsync<ArgumentException>(() => SqliteStore.OpenAsync(new SqliteStoreOptions { Path = _path, TrimInterval = 0 }).AsTask());
    }

    [Fact]
    public async Task GetAsync_TightLoop_ReportsCostPerCall()
    {
        // A measurement for the record (test output), not an assertion: timing on shared CI machines is noise.
        const int Documents = 1_000, Gets = 100_000;
        var body = new string('x', 600);
        await Store.ApplyAsync(Enumerable.Range(0, Documents).Select(i => (WriteOp)new PutOp("task", "arn:aws:ecs:us-east-1:000000000000:cluster/default", Key(i), body)).ToList());
        for (var i = 0; i < 10_000; i++)
        {
            await Store.GetAsync("task", "arn:aws:ecs:us-east-1:000000000000:cluster/default", Key(i % Documents));
        }

        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < Gets; i++)
        {
            var doc = await Store.GetAsync("task", "arn:aws:ecs:us-east-1:000000000000:cluster/default", Key(i % Documents));
            Assert.NotNull(doc);
        }

        stopwatch.Stop();
        output.WriteLine($"GetAsync: {stopwatch.Elapsed.TotalMicroseconds / Gets:F2} µs per call, one thread, {Documents} documents of {body.Length} chars");

        static string Key(int i) => i.ToString("D8", CultureInfo.InvariantCulture);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ApplyAsync_SequentialWrites_ReportsCostPerCall(bool flushEachCommit)
    {
        const int Writes = 300;
        var path = SqliteStore.TemporaryPath();
        try
        {
            await using var store = await SqliteStore.OpenAsync(new SqliteStoreOptions { Path = path, FlushEachCommit = flushEachCommit });
            var stopwatch = Stopwatch.StartNew();
            for (var i = 0; i < Writes; i++)
            {
                await store.ApplyAsync([new PutOp("task", "p", $"t{i % 50}", "{\"lastStatus\":\"RUNNING\"}")]);
            }

            stopwatch.Stop();
            output.WriteLine($"ApplyAsync (synchronous={(flushEachCommit ? "FULL" : "NORMAL")}): {stopwatch.Elapsed.TotalMicroseconds / Writes:F1} µs per single-put commit");
        }
        finally
        {
            SqliteTestFiles.Delete(path);
        }
    }
}
