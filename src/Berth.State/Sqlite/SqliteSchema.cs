using Microsoft.Data.Sqlite;

namespace Berth.State.Sqlite;

/// <summary>The ordered schema migrations and the one place that applies them; the applied version lives in PRAGMA user_version.</summary>
internal static class SqliteSchema
{
    /// <summary>Every migration, oldest first, versions 1, 2, 3...; append only, never edit a released one.</summary>
    public static readonly IReadOnlyList<SqliteMigration> Migrations =
    [
        new(1, "documents and change feed", """
            CREATE TABLE documents (
                kind      TEXT    NOT NULL,
                partition TEXT    NOT NULL,
                key       TEXT    NOT NULL,
                version   INTEGER NOT NULL,
                body      TEXT    NOT NULL,
                PRIMARY KEY (kind, partition, key)
            ) STRICT, WITHOUT ROWID;

            CREATE TABLE changes (
                sequence  INTEGER PRIMARY KEY AUTOINCREMENT,
                kind      TEXT    NOT NULL,
                partition TEXT    NOT NULL,
                key       TEXT    NOT NULL,
                version   INTEGER NOT NULL,
                deleted   INTEGER NOT NULL
            ) STRICT;
            """),
    ];

    /// <summary>Brings the database to the newest version in one transaction: all pending steps apply, or none.</summary>
    /// <exception cref="UnsupportedSchemaVersionException">The database is newer than the newest migration.</exception>
    public static void Migrate(SqliteConnection connection, string database, IReadOnlyList<SqliteMigration> migrations)
    {
        CheckOrder(migrations);
        var latest = migrations.Count == 0 ? 0 : migrations[^1].Version;

        // IMMEDIATE takes the write lock before reading the version, so two processes never both migrate.
        Execute(connection, "BEGIN IMMEDIATE");
        try
        {
            var current = UserVersion(connection);
            if (current > latest)
            {
                throw new UnsupportedSchemaVersionException(database, current, latest);
            }

            foreach (var migration in migrations)
            {
                if (migration.Version > current)
                {
                    Execute(connection, migration.Sql);
                    Execute(connection, $"PRAGMA user_version = {migration.Version}");
                }
            }

            Execute(connection, "COMMIT");
        }
        catch
        {
            SqliteConnections.RollbackIfActive(connection);
            throw;
        }
    }

    /// <summary>The schema version recorded in the database file (0 for a new file).</summary>
    public static long UserVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void CheckOrder(IReadOnlyList<SqliteMigration> migrations)
    {
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException(
                    $"Migration '{migrations[i].Description}' has version {migrations[i].Version}, but position {i} requires {i + 1}.");
            }
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
