namespace Berth.State.Sqlite;

/// <summary>Opens the embedded SQLite store, the default backend of <c>berth up</c> and of single-node servers.</summary>
public static class SqliteStore
{
    /// <summary>Opens (creating and migrating as needed) the store in the given file with default settings.</summary>
    public static ValueTask<IStore> OpenAsync(string path, CancellationToken ct = default) =>
        OpenAsync(new SqliteStoreOptions { Path = path }, ct);

    /// <summary>Opens (creating and migrating as needed) the store described by options.</summary>
    /// <exception cref="UnsupportedSchemaVersionException">The file was written by a newer Berth.</exception>
    public static ValueTask<IStore> OpenAsync(SqliteStoreOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ct.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IStore>(SqliteDocumentStore.Open(options, SqliteSchema.Migrations));
    }

    /// <summary>Opens a store in a new temporary file that is deleted on dispose; real WAL semantics, for tests and throwaway runs.</summary>
    public static ValueTask<IStore> OpenTemporaryAsync(CancellationToken ct = default) =>
        OpenAsync(new SqliteStoreOptions { Path = TemporaryPath(), DeleteOnDispose = true }, ct);

    /// <summary>A fresh, unused database path in the temporary folder.</summary>
    internal static string TemporaryPath() =>
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"berth-store-{Guid.NewGuid():N}.db");
}
