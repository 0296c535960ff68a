using Berth.ControlPlane.Logs.Storage;
using Microsoft.Data.Sqlite;

namespace Berth.ControlPlane.Tests.Logs;

/// <summary>logs.db gives deleted events' space back: a store that only grows is a bug.</summary>
public sealed class LogEventStoreSizeTests : IDisposable
{
    private static readonly LogStreamAddress Stream = new("123456789012/us-east-1", "app", "web/1");

    private readonly string path = Path.Combine(Path.GetTempPath(), $"berth-logs-size-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task DeletingAGroup_ShrinksTheFile()
    {
        using var store = SqliteLogEventStore.Open(path);
        await FillAsync(store);
        var full = store.PageCounts();

        await store.DeleteGroupAsync(Stream.Partition, Stream.Group, CancellationToken.None);

        var after = store.PageCounts();
        Assert.True(after.Pages < full.Pages / 10, $"{after.Pages} pages after the delete, {full.Pages} before");
        Assert.Equal(0, after.FreePages);
    }

    [Fact]
    public async Task Retention_ShrinksTheFile()
    {
        using var store = SqliteLogEventStore.Open(path);
        await FillAsync(store);
        var full = store.PageCounts();

        var deleted = await store.DeleteBeforeAsync(Stream.Partition, Stream.Group, cutoff: 15_000, CancellationToken.None);

        Assert.Equal(15_000, deleted);
        Assert.True(store.PageCounts().Pages < full.Pages / 2, $"{store.PageCounts().Pages} pages after retention, {full.Pages} before");
    }

    [Fact]
    public void ADatabaseMadeBeforeIncrementalVacuum_IsConverted()
    {
        using (var old = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            old.Open();
            using var command = old.CreateCommand();
            command.CommandText = "CREATE TABLE leftover(x); PRAGMA user_version = 0;";
            command.ExecuteNonQuery();
        }

        using var store = SqliteLogEventStore.Open(path);

        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var query = check.CreateCommand();
        query.CommandText = "PRAGMA auto_vacuum";
        Assert.Equal(2L, query.ExecuteScalar());
    }

    public void Dispose()
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    /// <summary>20,000 events of 200 bytes, timestamps 0..19,999.</summary>
    private static async Task FillAsync(SqliteLogEventStore store)
    {
        var message = new string('x', 200);
        for (var batch = 0; batch < 20; batch++)
        {
            var events = Enumerable.Range(batch * 1000, 1000).Select(t => new NewLogEvent(t, message)).ToArray();
            await store.AppendAsync(Stream, events, ingestionTime: 1, CancellationToken.None);
        }
    }
}
