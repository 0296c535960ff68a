using System.Text;
using Microsoft.Data.Sqlite;

namespace Berth.State.Sqlite;

/// <summary>One reader connection with its prepared commands kept across calls; used by one caller at a time (rented from the pool).</summary>
internal sealed class SqliteReader : IDisposable
{
    private const int Descending = 1, HasPrefix = 2, HasPrefixEnd = 4, HasStartAfter = 8;

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _get;
    private readonly SqliteParameter _getKind, _getPartition, _getKey;
    private readonly SqliteCommand _changes;
    private readonly SqliteParameter _changesAfter, _changesLimit;
    private readonly SqliteCommand _partitions;
    private readonly SqliteParameter _partitionsKind;
    private readonly SqliteCommand?[] _lists = new SqliteCommand?[16];

    /// <summary>Opens the connection; commands are prepared on first use and reused afterwards.</summary>
    public SqliteReader(string path)
    {
        _connection = SqliteConnections.OpenReader(path);
        _get = Command("SELECT version, body FROM documents WHERE kind = $kind AND partition = $partition AND key = $key");
        _getKind = _get.Parameters.Add("$kind", SqliteType.Text);
        _getPartition = _get.Parameters.Add("$partition", SqliteType.Text);
        _getKey = _get.Parameters.Add("$key", SqliteType.Text);

        _changes = Command("SELECT sequence, kind, partition, key, version, deleted FROM changes WHERE sequence > $after ORDER BY sequence LIMIT $limit");
        _changesAfter = _changes.Parameters.Add("$after", SqliteType.Integer);
        _changesLimit = _changes.Parameters.Add("$limit", SqliteType.Integer);

        // The primary key (kind, partition, key) serves this as an index scan; BINARY collation is UTF-8 byte order.
        _partitions = Command("SELECT DISTINCT partition FROM documents WHERE kind = $kind ORDER BY partition");
        _partitionsKind = _partitions.Parameters.Add("$kind", SqliteType.Text);
    }

    /// <summary>Reads one document, or null.</summary>
    public StoredDocument? Get(string kind, string partition, string key)
    {
        _getKind.Value = kind;
        _getPartition.Value = partition;
        _getKey.Value = key;
        using var reader = _get.ExecuteReader();
        return reader.Read() ? new StoredDocument(kind, partition, key, reader.GetInt64(0), reader.GetString(1)) : null;
    }

    /// <summary>Reads one page; asks for one row more than the limit so NextKey is null exactly when nothing follows.</summary>
    public DocumentPage List(string kind, string partition, ListQuery query)
    {
        var prefix = string.IsNullOrEmpty(query.KeyPrefix) ? null : query.KeyPrefix;
        var prefixEnd = prefix is null ? null : KeyRange.PrefixEnd(prefix);
        var startAfter = string.IsNullOrEmpty(query.StartAfter) ? null : query.StartAfter;
        var shape = (query.Descending ? Descending : 0)
            | (prefix is null ? 0 : HasPrefix)
            | (prefixEnd is null ? 0 : HasPrefixEnd)
            | (startAfter is null ? 0 : HasStartAfter);

        var command = _lists[shape] ??= ListCommand(shape);
        command.Parameters["$kind"].Value = kind;
        command.Parameters["$partition"].Value = partition;
        command.Parameters["$limit"].Value = (long)query.Limit + 1;
        if (prefix is not null)
        {
            command.Parameters["$prefix"].Value = prefix;
        }

        if (prefixEnd is not null)
        {
            command.Parameters["$prefixEnd"].Value = prefixEnd;
        }

        if (startAfter is not null)
        {
            command.Parameters["$startAfter"].Value = startAfter;
        }

        var items = new List<StoredDocument>(Math.Min(query.Limit, 256));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (items.Count == query.Limit)
            {
                return new DocumentPage(items, items[^1].Key);
            }

            items.Add(new StoredDocument(kind, partition, reader.GetString(0), reader.GetInt64(1), reader.GetString(2)));
        }

        return new DocumentPage(items, null);
    }

    /// <summary>Reads the distinct partitions of one kind, in order.</summary>
    public IReadOnlyList<string> Partitions(string kind)
    {
        _partitionsKind.Value = kind;
        var partitions = new List<string>();
        using var reader = _partitions.ExecuteReader();
        while (reader.Read())
        {
            partitions.Add(reader.GetString(0));
        }

        return partitions;
    }

    /// <summary>Reads change-feed entries after a sequence, oldest first.</summary>
    public IReadOnlyList<Change> ReadChanges(long afterSequence, int limit)
    {
        _changesAfter.Value = afterSequence;
        _changesLimit.Value = limit;
        var changes = new List<Change>(Math.Min(limit, 256));
        using var reader = _changes.ExecuteReader();
        while (reader.Read())
        {
            changes.Add(new Change(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4), reader.GetInt64(5) != 0));
        }

        return changes;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var command in _lists)
        {
            command?.Dispose();
        }

        _get.Dispose();
        _changes.Dispose();
        _partitions.Dispose();
        _connection.Dispose();
    }

    private SqliteCommand ListCommand(int shape)
    {
        var sql = new StringBuilder("SELECT key, version, body FROM documents WHERE kind = $kind AND partition = $partition");
        var command = _connection.CreateCommand();
        command.Parameters.Add("$kind", SqliteType.Text);
        command.Parameters.Add("$partition", SqliteType.Text);
        command.Parameters.Add("$limit", SqliteType.Integer);
        if ((shape & HasPrefix) != 0)
        {
            sql.Append(" AND key >= $prefix");
            command.Parameters.Add("$prefix", SqliteType.Text);
        }

        if ((shape & HasPrefixEnd) != 0)
        {
            sql.Append(" AND key < $prefixEnd");
            command.Parameters.Add("$prefixEnd", SqliteType.Text);
        }

        if ((shape & HasStartAfter) != 0)
        {
            sql.Append((shape & Descending) != 0 ? " AND key < $startAfter" : " AND key > $startAfter");
            command.Parameters.Add("$startAfter", SqliteType.Text);
        }

        sql.Append((shape & Descending) != 0 ? " ORDER BY key DESC" : " ORDER BY key").Append(" LIMIT $limit");
        command.CommandText = sql.ToString();
        return command;
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}
