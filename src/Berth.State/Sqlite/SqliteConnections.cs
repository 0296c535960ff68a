using Microsoft.Data.Sqlite;

namespace Berth.State.Sqlite;

/// <summary>Opens connections with the pragmas the store's guarantees rest on; one place so writer and readers never drift apart.</summary>
internal static class SqliteConnections
{
    /// <summary>How long a statement waits on a lock held by another process before failing with SQLITE_BUSY.</summary>
    public const int BusyTimeoutMilliseconds = 5_000;

    // The native provider must be chosen exactly once per process, before the first connection opens.
    static SqliteConnections() => SQLitePCL.Batteries_V2.Init();

    /// <summary>Opens the one writer connection, creating the file and switching it to WAL.</summary>
    public static SqliteConnection OpenWriter(string path, bool flushEachCommit)
    {
        var connection = Open(path, SqliteOpenMode.ReadWriteCreate);
        try
        {
            var mode = Scalar(connection, "PRAGMA journal_mode = WAL");
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"The database '{path}' cannot use WAL journaling (got '{mode}'); the store needs a file on a local file system.");
            }

            // WAL+FULL fsyncs the log on each commit: acknowledged writes survive power loss; NORMAL survives process crashes only.
            Scalar(connection, flushEachCommit ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Opens a reader connection; WAL lets it read a committed snapshot while the writer writes.</summary>
    public static SqliteConnection OpenReader(string path)
    {
        var connection = Open(path, SqliteOpenMode.ReadWrite);
        try
        {
            Scalar(connection, "PRAGMA query_only = ON");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Rolls back the open transaction, if SQLite has not already done so after an error.</summary>
    public static void RollbackIfActive(SqliteConnection connection)
    {
        if (SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) == 0)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "ROLLBACK";
            command.ExecuteNonQuery();
        }
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Cache = SqliteCacheMode.Private,
            Pooling = false, // the store pools its own connections with their prepared commands
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Scalar(connection, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()?.ToString();
    }
}
