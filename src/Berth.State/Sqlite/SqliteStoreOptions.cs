namespace Berth.State.Sqlite;

/// <summary>Settings of the embedded SQLite store; validated when the store opens.</summary>
public sealed record SqliteStoreOptions
{
    /// <summary>The database file; created with its schema when missing.</summary>
    public required string Path { get; init; }

    /// <summary>True fsyncs the WAL on every commit (synchronous=FULL) so acknowledged writes survive power loss, not just a process crash.</summary>
    public bool FlushEachCommit { get; init; } = true;

    /// <summary>How many of the newest change-feed entries to keep; older ones are trimmed so the feed stays bounded.</summary>
    public long ChangeRetention { get; init; } = 100_000;

    /// <summary>Trim the change feed on every this-many commits, inside the commit, so trimming costs no extra fsync.</summary>
    public int TrimInterval { get; init; } = 1_000;

    /// <summary>Deletes the database files on dispose; for throwaway stores.</summary>
    internal bool DeleteOnDispose { get; init; }

    /// <summary>Fails fast on settings that would misbehave later.</summary>
    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Path);
        ArgumentOutOfRangeException.ThrowIfLessThan(ChangeRetention, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(TrimInterval, 1);
    }
}
