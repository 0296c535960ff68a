namespace Berth.Agent.Logs;

/// <summary>Lines read from Docker and not yet taken for shipping, bounded by <c>capacity</c> bytes of text. Blocking mode:
/// a writer waits for room (the container is not blocked: Docker keeps its log on disk, so reading simply pauses).
/// Non-blocking mode (<c>mode: non-blocking</c>, <c>max-buffer-size</c>): a write always succeeds and the oldest lines are
/// dropped to make room, as Docker's ring buffer does.</summary>
/// <remarks>One writer and one reader; all members are thread-safe.</remarks>
public sealed class LineBuffer(long capacity, bool dropOldest)
{
    private readonly Queue<LogLine> _lines = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _bytes;
    private bool _completed;

    /// <summary>Lines dropped so far for want of room (non-blocking mode only).</summary>
    public long Dropped { get; private set; }

    /// <summary>Adds <paramref name="line"/>; in blocking mode waits until it fits (a line larger than the capacity goes
    /// alone into an empty buffer).</summary>
    public async ValueTask WriteAsync(LogLine line, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(line);
        var size = (long)line.Text.Length * sizeof(char);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (dropOldest || _lines.Count == 0 || _bytes + size <= capacity)
                {
                    _lines.Enqueue(line);
                    _bytes += size;
                    while (dropOldest && _bytes > capacity && _lines.Count > 1)
                    {
                        _bytes -= (long)_lines.Dequeue().Text.Length * sizeof(char);
                        Dropped++;
                    }

                    Signal();
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>No more lines will come.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            Signal();
        }
    }

    /// <summary>The oldest line, if any.</summary>
    public bool TryTake(out LogLine line)
    {
        lock (_gate)
        {
            if (_lines.TryDequeue(out line!))
            {
                _bytes -= (long)line.Text.Length * sizeof(char);
                Signal();
                return true;
            }

            return false;
        }
    }

    /// <summary>True once empty and completed: nothing more will ever be taken.</summary>
    public bool IsFinished
    {
        get
        {
            lock (_gate)
            {
                return _completed && _lines.Count == 0;
            }
        }
    }

    /// <summary>Completes when a line can be taken or the buffer is finished.</summary>
    public Task WaitToReadAsync(CancellationToken ct)
    {
        Task changed;
        lock (_gate)
        {
            if (_lines.Count > 0 || _completed)
            {
                return Task.CompletedTask;
            }

            changed = _changed.Task;
        }

        return changed.WaitAsync(ct);
    }

    private void Signal()
    {
        _changed.TrySetResult();
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
