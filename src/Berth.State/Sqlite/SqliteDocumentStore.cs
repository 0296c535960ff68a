namespace Berth.State.Sqlite;

/// <summary>The SQLite <see cref="IStore"/>: one writer connection behind an async lock, pooled WAL readers that never wait on it.</summary>
internal sealed class SqliteDocumentStore : IStore
{
    private readonly SqliteStoreOptions _options;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SqliteWriter _writer;
    private readonly SqliteReaderPool _readers;
    private readonly ChangeSignal _signal;
    private int _commitsSinceTrim;
    private volatile bool _disposed;

    private SqliteDocumentStore(SqliteStoreOptions options, SqliteWriter writer, SqliteReaderPool readers, long latestSequence)
    {
        _options = options;
        _writer = writer;
        _readers = readers;
        _signal = new ChangeSignal(latestSequence);
    }

    /// <summary>Opens the file, applies pending migrations, and warms one reader so a broken file fails here, not on first use.</summary>
    public static SqliteDocumentStore Open(SqliteStoreOptions options, IReadOnlyList<SqliteMigration> migrations)
    {
        var connection = SqliteConnections.OpenWriter(options.Path, options.FlushEachCommit);
        SqliteWriter? writer = null;
        try
        {
            SqliteSchema.Migrate(connection, options.Path, migrations);
            writer = new SqliteWriter(connection);
            var readers = new SqliteReaderPool(options.Path, maxIdle: Math.Max(4, Environment.ProcessorCount * 2));
            readers.Return(readers.Rent());
            return new SqliteDocumentStore(options, writer, readers, writer.LatestSequence());
        }
        catch
        {
            if (writer is null)
            {
                connection.Dispose();
            }
            else
            {
                writer.Dispose();
            }

            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask<StoredDocument?> GetAsync(string kind, string partition, string key, CancellationToken ct = default)
    {
        StoreArguments.Address(kind, partition, key);
        return Read(reader => reader.Get(kind, partition, key), ct);
    }

    /// <inheritdoc />
    public ValueTask<DocumentPage> ListAsync(string kind, string partition, ListQuery query, CancellationToken ct = default)
    {
        StoreArguments.List(kind, partition, query);
        return Read(reader => reader.List(kind, partition, query), ct);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> ListPartitionsAsync(string kind, CancellationToken ct = default)
    {
        StoreArguments.Kind(kind);
        return Read(reader => reader.Partitions(kind), ct);
    }

    /// <summary>Runs a read on a pooled reader connection; reads are synchronous SQLite calls that never wait on the writer (WAL).</summary>
    private ValueTask<T> Read<T>(Func<SqliteReader, T> read, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ct.ThrowIfCancellationRequested();
        var reader = _readers.Rent();
        try
        {
            return ValueTask.FromResult(read(reader));
        }
        finally
        {
            _readers.Return(reader);
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<Change>> ApplyAsync(IReadOnlyList<WriteOp> ops, CancellationToken ct = default)
    {
        StoreArguments.Ops(ops);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (ops.Count == 0)
        {
            return [];
        }

        await _writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var trim = _commitsSinceTrim + 1 >= _options.TrimInterval;
            var changes = _writer.Apply(ops, trim ? _options.ChangeRetention : null);
            _commitsSinceTrim = trim ? 0 : _commitsSinceTrim + 1;
            if (changes.Count > 0)
            {
                _signal.Publish(changes[^1].Sequence);
            }

            return changes;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Change>> ReadChangesAsync(long afterSequence, int limit, CancellationToken ct = default)
    {
        StoreArguments.Changes(afterSequence, limit);
        ObjectDisposedException.ThrowIf(_disposed, this);
        ct.ThrowIfCancellationRequested();
        var reader = _readers.Rent();
        try
        {
            return ValueTask.FromResult(reader.ReadChanges(afterSequence, limit));
        }
        finally
        {
            _readers.Return(reader);
        }
    }

    /// <inheritdoc />
    public ValueTask WaitForChangesAsync(long afterSequence, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _signal.WaitAsync(afterSequence, ct);
    }

    /// <summary>Fails pending waiters, lets an in-flight write finish, then closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _signal.Close(new ObjectDisposedException(nameof(SqliteDocumentStore), "The store was closed while waiting for changes."));
            _readers.Dispose();
            _writer.Dispose();
        }
        finally
        {
            _writeLock.Release();
        }

        if (_options.DeleteOnDispose)
        {
            foreach (var suffix in (string[])["", "-wal", "-shm", "-journal"])
            {
                File.Delete(_options.Path + suffix);
            }
        }
    }
}
