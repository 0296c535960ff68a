using Berth.State.Sqlite;
using Microsoft.Data.Sqlite;

namespace Berth.State.Tests.Sqlite;

/// <summary>Schema migrations: recorded in user_version, applied all-or-nothing, newer databases refused.</summary>
public sealed class SqliteSchemaTests : IDisposable
{
    private static readonly SqliteMigration CreateOne = new(1, "one", "CREATE TABLE one (x INTEGER)");
    private static readonly SqliteMigration CreateTwo = new(2, "two", "CREATE TABLE two (x INTEGER)");

    private readonly string _path = SqliteStore.TemporaryPath();

    public void Dispose() => SqliteTestFiles.Delete(_path);

    [Fact]
    public async Task OpenAsync_NewFile_RecordsNewestSchemaVersion()
    {
        await (await SqliteStore.OpenAsync(_path)).DisposeAsync();

        using var raw = SqliteTestFiles.OpenRaw(_path);
        Assert.Equal(SqliteSchema.Migrations[^1].Version, SqliteSchema.UserVersion(raw));
    }

    [Fact]
    public async Task OpenAsync_Reopen_KeepsVersionAndData()
    {
        await using (var store = await SqliteStore.OpenAsync(_path))
        {
            await store.ApplyAsync([new PutOp("c", "p", "k", "x")]);
        }

        await using (var store = await SqliteStore.OpenAsync(_path))
        {
            Assert.Equal("x", (await store.GetAsync("c", "p", "k"))?.Body);
        }

        using var raw = SqliteTestFiles.OpenRaw(_path);
        Assert.Equal(SqliteSchema.Migrations[^1].Version, SqliteSchema.UserVersion(raw));
    }

    [Fact]
    public async Task OpenAsync_DatabaseFromNewerBerth_RefusesWithBothVersions()
    {
        var future = SqliteSchema.Migrations[^1].Version + 1;
        using (var raw = SqliteTestFiles.OpenRaw(_path))
        {
            SqliteTestFiles.Scalar(raw, $"PRAGMA user_version = {future}");
        }

        var error = await Assert.ThrowsAsync<UnsupportedSchemaVersionException>(() => SqliteStore.OpenAsync(_path).AsTask());

        Assert.Equal((future, SqliteSchema.Migrations[^1].Version), (error.FoundVersion, error.SupportedVersion));
        Assert.Contains(_path, error.Message, StringComparison.Ordinal);
        Assert.Contains($"schema version {future}", error.Message, StringComparison.Ordinal);
        using var check = SqliteTestFiles.OpenRaw(_path);
        Assert.Equal(future, SqliteSchema.UserVersion(check));
    }

    [Fact]
    public void Migrate_PartlyMigratedDatabase_AppliesOnlyPendingSteps()
    {
        using var raw = SqliteTestFiles.OpenRaw(_path);
        SqliteSchema.Migrate(raw, _path, [CreateOne]);

        // Re-running step 1 would fail: the table exists.
        SqliteSchema.Migrate(raw, _path, [CreateOne, CreateTwo]);

        Assert.Equal(2, SqliteSchema.UserVersion(raw));
        Assert.Equal(2L, SqliteTestFiles.Scalar(raw, "SELECT count(*) FROM sqlite_master WHERE name IN ('one', 'two')"));
    }

    [Fact]
    public void Migrate_FailingStep_RollsBackEveryStepOfTheRun()
    {
        using var raw = SqliteTestFiles.OpenRaw(_path);

        Assert.Throws<SqliteException>(() => SqliteSchema.Migrate(raw, _path, [CreateOne, CreateTwo, new(3, "broken", "CREATE TABLE one (x INTEGER)")]));

        Assert.Equal(0, SqliteSchema.UserVersion(raw));
        Assert.Equal(0L, SqliteTestFiles.Scalar(raw, "SELECT count(*) FROM sqlite_master WHERE name IN ('one', 'two')"));
        SqliteSchema.Migrate(raw, _path, [CreateOne, CreateTwo]);
        Assert.Equal(2, SqliteSchema.UserVersion(raw));
    }

    [Fact]
    public void Migrate_VersionsOutOfOrder_Throws()
    {
        using var raw = SqliteTestFiles.OpenRaw(_path);

        var error = Assert.Throws<InvalidOperationException>(() => SqliteSchema.Migrate(raw, _path, [CreateTwo, CreateOne]));

        Assert.Contains("'two'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, SqliteSchema.UserVersion(raw));
    }

    [Fact]
    public void Migrations_AsShipped_AreNumberedFrom1WithoutGaps()
    {
        Assert.Equal(Enumerable.Range(1, SqliteSchema.Migrations.Count).Select(v => (long)v), SqliteSchema.Migrations.Select(m => m.Version));
    }
}
