using Microsoft.Data.Sqlite;

namespace Berth.State.Sqlite;

/// <summary>The single writer connection and its prepared commands; callers serialise access (the store's write lock).</summary>
internal sealed class SqliteWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _begin, _commit;
    private readonly SqliteCommand _version, _upsert, _delete, _change, _trim;
    private readonly SqliteParameter _versionKind, _versionPartition, _versionKey;
    private readonly SqliteParameter _upsertKind, _upsertPartition, _upsertKey, _upsertVersion, _upsertBody;
    private readonly SqliteParameter _deleteKind, _deletePartition, _deleteKey;
    private readonly SqliteParameter _changeKind, _changePartition, _changeKey, _changeVersion, _changeDeleted;
    private readonly SqliteParameter _trimThrough;

    /// <summary>Takes over an open, migrated connection.</summary>
    public SqliteWriter(SqliteConnection connection)
    {
        _connection = connection;

        // IMMEDIATE takes the write lock up front, so a transaction never fails half-way on another process's lock.
        _begin = Command("BEGIN IMMEDIATE");
        _commit = Command("COMMIT");

        _version = Command("SELECT version FROM documents WHERE kind = $kind AND partition = $partition AND key = $key");
        (_versionKind, _versionPartition, _versionKey) = AddressParameters(_version);

        _upsert = Command("""
            INSERT INTO documents (kind, partition, key, version, body) VALUES ($kind, $partition, $key, $version, $body)
            ON CONFLICT (kind, partition, key) DO UPDATE SET version = excluded.version, body = excluded.body
            """);
        (_upsertKind, _upsertPartition, _upsertKey) = AddressParameters(_upsert);
        _upsertVersion = _upsert.Parameters.Add("$version", SqliteType.Integer);
        _upsertBody = _upsert.Parameters.Add("$body", SqliteType.Text);

        _delete = Command("DELETE FROM documents WHERE kind = $kind AND partition = $partition AND key = $key");
        (_deleteKind, _deletePartition, _deleteKey) = AddressParameters(_delete);

        _change = Command("INSERT INTO changes (kind, partition, key, version, deleted) VALUES ($kind, $partition, $key, $version, $deleted) RETURNING sequence");
        (_changeKind, _changePartition, _changeKey) = AddressParameters(_change);
        _changeVersion = _change.Parameters.Add("$version", SqliteType.Integer);
        _changeDeleted = _change.Parameters.Add("$deleted", SqliteType.Integer);

        _trim = Command("DELETE FROM changes WHERE sequence <= $through");
        _trimThrough = _trim.Parameters.Add("$through", SqliteType.Integer);
    }

    /// <summary>The newest change sequence ever issued (AUTOINCREMENT never reuses one, even after trimming).</summary>
    public long LatestSequence()
    {
        using var command = Command("SELECT seq FROM sqlite_sequence WHERE name = 'changes'");
        return command.ExecuteScalar() is long sequence ? sequence : 0;
    }

    /// <summary>Applies ops in one transaction, checking each ExpectedVersion against the state left by the ops before it.</summary>
    /// <param name="ops">Validated ops.</param>
    /// <param name="keepChanges">When set, trims the change feed to this many newest entries in the same transaction.</param>
    /// <exception cref="ConcurrencyConflictException">A check failed; nothing was written.</exception>
    public List<Change> Apply(IReadOnlyList<WriteOp> ops, long? keepChanges)
    {
        _begin.ExecuteNonQuery();
        try
        {
            var changes = new List<Change>(ops.Count);
            foreach (var op in ops)
            {
                var current = CurrentVersion(op);
                var expected = op is PutOp put ? put.ExpectedVersion : ((DeleteOp)op).ExpectedVersion;
                if (expected is long wanted && wanted != current)
                {
                    throw new ConcurrencyConflictException(op.Kind, op.Partition, op.Key, wanted, current);
                }

                if (op is PutOp write)
                {
                    Upsert(write, current + 1);
                    changes.Add(Record(op, current + 1, deleted: false));
                }
                else if (current != 0)
                {
                    Delete(op);
                    changes.Add(Record(op, current, deleted: true));
                }
            }

            if (keepChanges is long keep && changes.Count > 0)
            {
                _trimThrough.Value = changes[^1].Sequence - keep;
                _trim.ExecuteNonQuery();
            }

            _commit.ExecuteNonQuery();
            return changes;
        }
        catch
        {
            SqliteConnections.RollbackIfActive(_connection);
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var command in (SqliteCommand[])[_begin, _commit, _version, _upsert, _delete, _change, _trim])
        {
            command.Dispose();
        }

        _connection.Dispose();
    }

    private long CurrentVersion(WriteOp op)
    {
        _versionKind.Value = op.Kind;
        _versionPartition.Value = op.Partition;
        _versionKey.Value = op.Key;
        return _version.ExecuteScalar() is long version ? version : 0;
    }

    private void Upsert(PutOp op, long version)
    {
        _upsertKind.Value = op.Kind;
        _upsertPartition.Value = op.Partition;
        _upsertKey.Value = op.Key;
        _upsertVersion.Value = version;
        _upsertBody.Value = op.Body;
        _upsert.ExecuteNonQuery();
    }

    private void Delete(WriteOp op)
    {
        _deleteKind.Value = op.Kind;
        _deletePartition.Value = op.Partition;
        _deleteKey.Value = op.Key;
        _delete.ExecuteNonQuery();
    }

    private Change Record(WriteOp op, long version, bool deleted)
    {
        _changeKind.Value = op.Kind;
        _changePartition.Value = op.Partition;
        _changeKey.Value = op.Key;
        _changeVersion.Value = version;
        _changeDeleted.Value = deleted ? 1L : 0L;
        var sequence = (long)_change.ExecuteScalar()!;
        return new Change(sequence, op.Kind, op.Partition, op.Key, version, deleted);
    }

    private static (SqliteParameter Kind, SqliteParameter Partition, SqliteParameter Key) AddressParameters(SqliteCommand command) =>
        (command.Parameters.Add("$kind", SqliteType.Text),
         command.Parameters.Add("$partition", SqliteType.Text),
         command.Parameters.Add("$key", SqliteType.Text));

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}
