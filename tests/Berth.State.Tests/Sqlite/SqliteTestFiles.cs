using Berth.State.Sqlite;
using Microsoft.Data.Sqlite;

namespace Berth.State.Tests.Sqlite;

/// <summary>Temporary database files and raw access to them, for tests that look beneath the store.</summary>
internal static class SqliteTestFiles
{
    /// <summary>Removes a database and its WAL side files.</summary>
    public static void Delete(string path)
    {
        foreach (var suffix in (string[])["", "-wal", "-shm", "-journal"])
        {
            File.Delete(path + suffix);
        }
    }

    /// <summary>Opens the file directly, the way the store's writer does (creating it, WAL).</summary>
    public static SqliteConnection OpenRaw(string path) => SqliteConnections.OpenWriter(path, flushEachCommit: true);

    /// <summary>Runs one statement and returns the first column of the first row.</summary>
    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
