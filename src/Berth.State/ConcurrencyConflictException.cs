namespace Berth.State;

/// <summary>Thrown when an ExpectedVersion does not match, so the caller re-reads and retries instead of overwriting a newer write.</summary>
public sealed class ConcurrencyConflictException : Exception
{
    /// <summary>Creates the exception for one failed check; versions use 0 for "does not exist".</summary>
    public ConcurrencyConflictException(string kind, string partition, string key, long expectedVersion, long actualVersion)
        : base(Describe(kind, partition, key, expectedVersion, actualVersion))
    {
        Kind = kind;
        Partition = partition;
        Key = key;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>Kind of the document whose check failed.</summary>
    public string Kind { get; }

    /// <summary>Partition of the document whose check failed.</summary>
    public string Partition { get; }

    /// <summary>Key of the document whose check failed.</summary>
    public string Key { get; }

    /// <summary>The version the write required; 0 means "must not exist".</summary>
    public long ExpectedVersion { get; }

    /// <summary>The version found; 0 means the document does not exist.</summary>
    public long ActualVersion { get; }

    private static string Describe(string kind, string partition, string key, long expected, long actual)
    {
        var wanted = expected == 0 ? "it not to exist" : $"version {expected}";
        var found = actual == 0 ? "it does not exist" : $"found version {actual}";
        return $"Concurrent modification of {kind} '{key}' in partition '{partition}': expected {wanted}, but {found}.";
    }
}
