namespace Berth.State;

/// <summary>The durable, versioned document store every part of the control plane keeps its truth in; backend-neutral (SQLite, PostgreSQL).</summary>
/// <remarks>
/// Documents are addressed by (kind, partition, key), all non-empty. Keys are ordered by ordinal byte order of their
/// UTF-8 encoding (Unicode code point order). Every method is safe to call concurrently. Invalid arguments throw
/// <see cref="ArgumentException"/>; calls after disposal throw <see cref="ObjectDisposedException"/>.
/// </remarks>
public interface IStore : IAsyncDisposable
{
    /// <summary>Reads the current document, or null when it does not exist.</summary>
    ValueTask<StoredDocument?> GetAsync(string kind, string partition, string key, CancellationToken ct = default);

    /// <summary>Lists one partition ordered by key, with optional key prefix and keyset pagination (StartAfter is exclusive; descending lists keys strictly less).</summary>
    ValueTask<DocumentPage> ListAsync(string kind, string partition, ListQuery query, CancellationToken ct = default);

    /// <summary>The partitions holding at least one document of this kind, in key order; lets startup work visit every account and region.</summary>
    ValueTask<IReadOnlyList<string>> ListPartitionsAsync(string kind, CancellationToken ct = default);

    /// <summary>Applies all ops atomically in order, or none when any ExpectedVersion fails (<see cref="ConcurrencyConflictException"/>); durable when it returns.</summary>
    /// <returns>The changes written, in op order, each with its change-feed sequence number (a delete of an absent document writes none).</returns>
    /// <remarks>Cancellation is honoured only before the write starts; once started, it commits or fails as a whole.</remarks>
    ValueTask<IReadOnlyList<Change>> ApplyAsync(IReadOnlyList<WriteOp> ops, CancellationToken ct = default);

    /// <summary>Reads up to limit changes with Sequence greater than afterSequence, oldest first; survives restarts, but old entries are trimmed.</summary>
    ValueTask<IReadOnlyList<Change>> ReadChangesAsync(long afterSequence, int limit, CancellationToken ct = default);

    /// <summary>Completes when a change with Sequence greater than afterSequence exists (at once if one already does); woken by this instance's commits.</summary>
    ValueTask WaitForChangesAsync(long afterSequence, CancellationToken ct = default);
}
