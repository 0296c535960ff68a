using System.Collections.Concurrent;

namespace Berth.State.Sqlite;

/// <summary>Idle reader connections; a read never waits: when none is idle it opens another, and surplus ones close on return.</summary>
internal sealed class SqliteReaderPool(string path, int maxIdle) : IDisposable
{
    private readonly ConcurrentQueue<SqliteReader> _idle = new();
    private int _idleCount;
    private volatile bool _disposed;

    /// <summary>Takes an idle reader or opens a new one; hand it back with <see cref="Return"/>.</summary>
    public SqliteReader Rent()
    {
        if (_idle.TryDequeue(out var reader))
        {
            Interlocked.Decrement(ref _idleCount);
            return reader;
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        return new SqliteReader(path);
    }

    /// <summary>Keeps the reader for the next caller, or closes it when the pool is full or disposed.</summary>
    public void Return(SqliteReader reader)
    {
        if (!_disposed)
        {
            if (Interlocked.Increment(ref _idleCount) <= maxIdle)
            {
                _idle.Enqueue(reader);
                if (_disposed)
                {
                    Drain(); // Dispose ran meanwhile and may have missed this one
                }

                return;
            }

            Interlocked.Decrement(ref _idleCount);
        }

        reader.Dispose();
    }

    /// <summary>Closes idle readers now and rented ones as they come back.</summary>
    public void Dispose()
    {
        _disposed = true;
        Drain();
    }

    private void Drain()
    {
        while (_idle.TryDequeue(out var reader))
        {
            Interlocked.Decrement(ref _idleCount);
            reader.Dispose();
        }
    }
}
