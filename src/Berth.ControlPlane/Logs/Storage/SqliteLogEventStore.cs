using System.Text;
using Berth.ControlPlane.Logs.Events;
using Microsoft.Data.Sqlite;

namespace Berth.ControlPlane.Logs.Storage;

/// <summary>The events database (<c>logs.db</c> beside the document store): one writer connection behind a gate, pooled
/// readers that WAL lets read while it writes, and a full flush per commit so an accepted batch survives power loss.</summary>
/// <remarks>A message is stored once, in <c>log_events</c>; the two indexes (stream, time) and (group, time) serve
/// GetLogEvents and FilterLogEvents, and retention deletes a time range of the group index. Per-stream statistics are kept
/// in <c>log_streams</c> in the same transaction as the events they count.</remarks>
public sealed class SqliteLogEventStore : ILogEventStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS log_groups(id INTEGER PRIMARY KEY, partition TEXT NOT NULL, name TEXT NOT NULL, UNIQUE(partition, name));
        CREATE TABLE IF NOT EXISTS log_streams(id INTEGER PRIMARY KEY, group_id INTEGER NOT NULL, name TEXT NOT NULL,
            first_ts INTEGER, last_ts INTEGER, last_ingestion INTEGER, stored_bytes INTEGER NOT NULL DEFAULT 0, UNIQUE(group_id, name));
        CREATE TABLE IF NOT EXISTS log_events(seq INTEGER PRIMARY KEY AUTOINCREMENT, group_id INTEGER NOT NULL, stream_id INTEGER NOT NULL,
            ts INTEGER NOT NULL, ingestion INTEGER NOT NULL, message TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS log_events_by_stream ON log_events(stream_id, ts, seq);
        CREATE INDEX IF NOT EXISTS log_events_by_group ON log_events(group_id, ts, seq);
        """;

    private const string EventColumns = "e.seq, s.name, e.ts, e.ingestion, e.message";

    private readonly SqliteConnection writer;
    private readonly SqliteCommand insert;
    private readonly SemaphoreSlim writeGate = new(1, 1);
    private readonly string readConnectionString;

    // Ids the writer has committed, so a batch to a known stream costs no lookups; only touched under writeGate.
    private readonly Dictionary<(string Partition, string Group), long> groupIds = [];
    private readonly Dictionary<(long GroupId, string Stream), long> streamIds = [];

    static SqliteLogEventStore() => SQLitePCL.Batteries_V2.Init();

    private SqliteLogEventStore(string path)
    {
        readConnectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = true }.ToString();
        writer = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        writer.Open();
        UseIncrementalVacuum(writer);
        Execute(writer, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;");
        Execute(writer, Schema);
        insert = writer.CreateCommand();
        insert.CommandText = "INSERT INTO log_events(group_id, stream_id, ts, ingestion, message) VALUES ($g, $s, $ts, $i, $m)";
        foreach (var name in new[] { "$g", "$s", "$ts", "$i", "$m" })
        {
            insert.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        insert.Prepare();
    }

    /// <summary>Opens (creating as needed) the events database at <paramref name="path"/>.</summary>
    public static SqliteLogEventStore Open(string path) => new(path);

    public async ValueTask AppendAsync(LogStreamAddress stream, IReadOnlyList<NewLogEvent> events, long ingestionTime, CancellationToken ct)
    {
        if (events.Count == 0)
        {
            return;
        }

        await writeGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            using var transaction = writer.BeginTransaction();
            var (groupId, newGroup) = EnsureGroup(transaction, stream.Partition, stream.Group);
            var (streamId, newStream) = EnsureStream(transaction, groupId, stream.Stream);
            insert.Transaction = transaction;
            insert.Parameters[0].Value = groupId;
            insert.Parameters[1].Value = streamId;
            insert.Parameters[3].Value = ingestionTime;
            long first = long.MaxValue, last = long.MinValue, bytes = 0;
            foreach (var e in events)
            {
                insert.Parameters[2].Value = e.Timestamp;
                insert.Parameters[4].Value = e.Message;
                insert.ExecuteNonQuery();
                first = Math.Min(first, e.Timestamp);
                last = Math.Max(last, e.Timestamp);
                bytes += Encoding.UTF8.GetByteCount(e.Message);
            }

            Execute(
                transaction,
                """
                UPDATE log_streams SET first_ts = min(coalesce(first_ts, $first), $first), last_ts = max(coalesce(last_ts, $last), $last),
                    last_ingestion = $ingestion, stored_bytes = stored_bytes + $bytes WHERE id = $id
                """,
                ("$first", first), ("$last", last), ("$ingestion", ingestionTime), ("$bytes", bytes), ("$id", streamId));
            transaction.Commit();
            if (newGroup)
            {
                groupIds[(stream.Partition, stream.Group)] = groupId;
            }

            if (newStream)
            {
                streamIds[(groupId, stream.Stream)] = streamId;
            }
        }
        finally
        {
            writeGate.Release();
        }
    }

    public ValueTask<IReadOnlyList<StoredLogEvent>> ReadStreamAsync(LogStreamAddress stream, StreamRead read, CancellationToken ct)
    {
        using var connection = OpenReader();
        var (comparison, order) = read.Forward ? (">", "ASC") : ("<", "DESC");
        using var command = Command(
            connection,
            $"""
            SELECT {EventColumns} FROM log_events e JOIN log_streams s ON s.id = e.stream_id
            WHERE e.stream_id = (SELECT s2.id FROM log_streams s2 JOIN log_groups g ON g.id = s2.group_id
                                 WHERE g.partition = $p AND g.name = $g AND s2.name = $s)
              AND (e.ts, e.seq) {comparison} ($ts, $seq) AND e.ts >= $start AND e.ts < $end
            ORDER BY e.ts {order}, e.seq {order} LIMIT $limit
            """,
            ("$p", stream.Partition), ("$g", stream.Group), ("$s", stream.Stream), ("$ts", read.From.Timestamp), ("$seq", read.From.Sequence),
            ("$start", read.StartTime), ("$end", read.EndTime), ("$limit", read.Limit));
        var events = ReadEvents(command, read.MaxBytes);
        if (!read.Forward)
        {
            events.Reverse();
        }

        return ValueTask.FromResult<IReadOnlyList<StoredLogEvent>>(events);
    }

    public ValueTask<IReadOnlyList<StoredLogEvent>> ScanGroupAsync(string partition, string group, GroupScan scan, CancellationToken ct)
    {
        using var connection = OpenReader();
        var groupId = GroupId(connection, null, partition, group);
        if (groupId is null)
        {
            return ValueTask.FromResult<IReadOnlyList<StoredLogEvent>>([]);
        }

        var streamFilter = "";
        if (scan.Streams is { } selection)
        {
            var ids = SelectStreams(connection, groupId.Value, selection);
            if (ids.Count == 0)
            {
                return ValueTask.FromResult<IReadOnlyList<StoredLogEvent>>([]);
            }

            streamFilter = $"AND e.stream_id IN ({string.Join(',', ids)})";
        }

        using var command = Command(
            connection,
            $"""
            SELECT {EventColumns} FROM log_events e JOIN log_streams s ON s.id = e.stream_id
            WHERE e.group_id = $gid AND (e.ts, e.seq) > ($ts, $seq) AND e.ts >= $start AND e.ts <= $end {streamFilter}
            ORDER BY e.ts, e.seq LIMIT $limit
            """,
            ("$gid", groupId.Value), ("$ts", scan.After.Timestamp), ("$seq", scan.After.Sequence), ("$start", scan.StartTime), ("$end", scan.EndTime),
            ("$limit", scan.MaxRows));
        return ValueTask.FromResult<IReadOnlyList<StoredLogEvent>>(ReadEvents(command, int.MaxValue));
    }

    public ValueTask<IReadOnlyDictionary<string, LogStreamStats>> StreamStatsAsync(string partition, string group, CancellationToken ct)
    {
        using var connection = OpenReader();
        using var command = Command(
            connection,
            """
            SELECT s.name, s.first_ts, s.last_ts, s.last_ingestion, s.stored_bytes FROM log_streams s JOIN log_groups g ON g.id = s.group_id
            WHERE g.partition = $p AND g.name = $g
            """,
            ("$p", partition), ("$g", group));
        using var reader = command.ExecuteReader();
        var stats = new Dictionary<string, LogStreamStats>(StringComparer.Ordinal);
        while (reader.Read())
        {
            stats[reader.GetString(0)] = new LogStreamStats(NullableLong(reader, 1), NullableLong(reader, 2), NullableLong(reader, 3), reader.GetInt64(4));
        }

        return ValueTask.FromResult<IReadOnlyDictionary<string, LogStreamStats>>(stats);
    }

    public async ValueTask DeleteStreamAsync(LogStreamAddress stream, CancellationToken ct)
    {
        await writeGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            using var transaction = writer.BeginTransaction();
            var groupId = GroupId(writer, transaction, stream.Partition, stream.Group);
            var streamId = groupId is null ? null
                : StreamId(writer, transaction, groupId.Value, stream.Stream);
            if (streamId is null)
            {
                return;
            }

            Execute(transaction, "DELETE FROM log_events WHERE stream_id = $id", ("$id", streamId.Value));
            Execute(transaction, "DELETE FROM log_streams WHERE id = $id", ("$id", streamId.Value));
            transaction.Commit();
            streamIds.Remove((groupId!.Value, stream.Stream));
            ReturnFreePages();
        }
        finally
        {
            writeGate.Release();
        }
    }

    public async ValueTask DeleteGroupAsync(string partition, string group, CancellationToken ct)
    {
        await writeGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            using var transaction = writer.BeginTransaction();
            var groupId = GroupId(writer, transaction, partition, group);
            if (groupId is null)
            {
                return;
            }

            Execute(transaction, "DELETE FROM log_events WHERE group_id = $id", ("$id", groupId.Value));
            Execute(transaction, "DELETE FROM log_streams WHERE group_id = $id", ("$id", groupId.Value));
            Execute(transaction, "DELETE FROM log_groups WHERE id = $id", ("$id", groupId.Value));
            transaction.Commit();
            groupIds.Remove((partition, group));
            foreach (var key in streamIds.Keys.Where(k => k.GroupId == groupId.Value).ToArray())
            {
                streamIds.Remove(key);
            }

            ReturnFreePages();
        }
        finally
        {
            writeGate.Release();
        }
    }

    public async ValueTask<int> DeleteBeforeAsync(string partition, string group, long cutoff, CancellationToken ct)
    {
        await writeGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            using var transaction = writer.BeginTransaction();
            var groupId = GroupId(writer, transaction, partition, group);
            if (groupId is null)
            {
                return 0;
            }

            (string, object)[] parameters = [("$g", groupId.Value), ("$cutoff", cutoff)];
            Execute(
                transaction,
                """
                UPDATE log_streams SET stored_bytes = stored_bytes - (SELECT coalesce(sum(length(CAST(message AS BLOB))), 0) FROM log_events
                    WHERE stream_id = log_streams.id AND ts < $cutoff)
                WHERE group_id = $g
                """,
                parameters);
            var deleted = Execute(transaction, "DELETE FROM log_events WHERE group_id = $g AND ts < $cutoff", parameters);
            Execute(
                transaction,
                """
                UPDATE log_streams SET first_ts = (SELECT min(ts) FROM log_events WHERE stream_id = log_streams.id),
                    last_ts = CASE WHEN EXISTS (SELECT 1 FROM log_events WHERE stream_id = log_streams.id) THEN last_ts END
                WHERE group_id = $g AND first_ts < $cutoff
                """,
                parameters);
            transaction.Commit();
            if (deleted > 0)
            {
                ReturnFreePages();
            }

            return deleted;
        }
        finally
        {
            writeGate.Release();
        }
    }

    /// <summary>The file's size in pages and how many of them are free (what a delete has not yet given back).</summary>
    public (long Pages, long FreePages) PageCounts() =>
        (Scalar(writer, null, "PRAGMA page_count")!.Value, Scalar(writer, null, "PRAGMA freelist_count")!.Value);

    /// <summary>Deleted events' pages go back to the file system, so the file shrinks when retention or deletes drop events
    /// (a store that only grows is a bug). A database made before this setting is converted once with a VACUUM.</summary>
    private static void UseIncrementalVacuum(SqliteConnection connection)
    {
        const long incremental = 2;
        if (Scalar(connection, null, "PRAGMA auto_vacuum") == incremental)
        {
            return;
        }

        Execute(connection, "PRAGMA auto_vacuum = INCREMENTAL;");
        Execute(connection, "VACUUM;");
    }

    /// <summary>Called under the write gate after a delete commits.</summary>
    private void ReturnFreePages() => Execute(writer, "PRAGMA incremental_vacuum;");

    public void Dispose()
    {
        insert.Dispose();
        writer.Dispose();
        using var connection = new SqliteConnection(readConnectionString);
        SqliteConnection.ClearPool(connection);
        writeGate.Dispose();
    }

    private (long Id, bool New) EnsureGroup(SqliteTransaction transaction, string partition, string group)
    {
        if (groupIds.TryGetValue((partition, group), out var id))
        {
            return (id, false);
        }

        Execute(transaction, "INSERT OR IGNORE INTO log_groups(partition, name) VALUES ($p, $g)", ("$p", partition), ("$g", group));
        return (GroupId(writer, transaction, partition, group)!.Value, true);
    }

    private (long Id, bool New) EnsureStream(SqliteTransaction transaction, long groupId, string stream)
    {
        if (streamIds.TryGetValue((groupId, stream), out var id))
        {
            return (id, false);
        }

        Execute(transaction, "INSERT OR IGNORE INTO log_streams(group_id, name) VALUES ($g, $s)", ("$g", groupId), ("$s", stream));
        return (StreamId(writer, transaction, groupId, stream)!.Value, true);
    }

    private static List<long> SelectStreams(SqliteConnection connection, long groupId, StreamSelection selection)
    {
        using var command = Command(connection, "SELECT id, name FROM log_streams WHERE group_id = $g", ("$g", groupId));
        using var reader = command.ExecuteReader();
        var names = selection.Names?.ToHashSet(StringComparer.Ordinal);
        var ids = new List<long>();
        while (reader.Read())
        {
            var name = reader.GetString(1);
            if (names?.Contains(name) ?? name.StartsWith(selection.Prefix ?? "", StringComparison.Ordinal))
            {
                ids.Add(reader.GetInt64(0));
            }
        }

        return ids;
    }

    private static List<StoredLogEvent> ReadEvents(SqliteCommand command, int maxBytes)
    {
        using var reader = command.ExecuteReader();
        var events = new List<StoredLogEvent>();
        long bytes = 0;
        while (reader.Read())
        {
            var message = reader.GetString(4);
            bytes += Encoding.UTF8.GetByteCount(message) + LogEventLimits.EventOverheadBytes;
            if (bytes > maxBytes && events.Count > 0)
            {
                break;
            }

            events.Add(new StoredLogEvent(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), message));
        }

        return events;
    }

    private SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(readConnectionString);
        connection.Open();
        return connection;
    }

    private static long? NullableLong(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    private static long? GroupId(SqliteConnection connection, SqliteTransaction? transaction, string partition, string group) =>
        Scalar(connection, transaction, "SELECT id FROM log_groups WHERE partition = $p AND name = $g", ("$p", partition), ("$g", group));

    private static long? StreamId(SqliteConnection connection, SqliteTransaction? transaction, long groupId, string stream) =>
        Scalar(connection, transaction, "SELECT id FROM log_streams WHERE group_id = $g AND name = $s", ("$g", groupId), ("$s", stream));

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters) =>
        Command(connection, null, sql, parameters);

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private static long? Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, transaction, sql, parameters);
        return command.ExecuteScalar() is long value ? value : null;
    }

    private static int Execute(SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(transaction.Connection!, transaction, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = Command(connection, sql);
        command.ExecuteNonQuery();
    }
}
