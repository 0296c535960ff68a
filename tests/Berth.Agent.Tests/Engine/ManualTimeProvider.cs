namespace Berth.Agent.Tests.Engine;

/// <summary>A clock that moves only when a test says so, so timestamps, start timeouts and waits on timers are exact.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<OneShot> _timers = [];
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    /// <summary>How many timers are armed (a test waits for one before advancing past it).</summary>
    public int ArmedTimers
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count(t => t.Due is not null);
            }
        }
    }

    /// <summary>One-shot timers only (all the code under test arms); they fire in <see cref="Advance"/>.</summary>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new OneShot(this, () => callback(state));
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward, firing the timers that fall due; time never goes back.</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        List<OneShot> due;
        lock (_gate)
        {
            _now += by;
            due = [.. _timers.Where(t => t.Due <= _now).OrderBy(t => t.Due)];
            foreach (var timer in due)
            {
                timer.Due = null;
            }
        }
        foreach (var timer in due)
        {
            timer.Fire();
        }
    }

    /// <summary>A timer armed at most once at a time; a period is not supported.</summary>
    private sealed class OneShot(ManualTimeProvider owner, Action fire) : ITimer
    {
        public DateTimeOffset? Due { get; set; }

        public void Fire() => fire();

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (period != Timeout.InfiniteTimeSpan && period != TimeSpan.Zero)
            {
                throw new NotSupportedException("Periodic timers are not used by the code under test.");
            }
            lock (owner._gate)
            {
                owner._timers.Remove(this);
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : owner._now + dueTime;
                owner._timers.Add(this);
            }
            return true;
        }

        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
