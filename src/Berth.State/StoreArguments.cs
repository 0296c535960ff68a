namespace Berth.State;

/// <summary>Argument checks every backend shares, so bad input fails the same way (ArgumentException) whichever store runs.</summary>
internal static class StoreArguments
{
    /// <summary>Checks a document address.</summary>
    public static void Address(string kind, string partition, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentException.ThrowIfNullOrEmpty(partition);
        ArgumentException.ThrowIfNullOrEmpty(key);
    }

    /// <summary>Checks a listing request.</summary>
    public static void List(string kind, string partition, ListQuery query)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentException.ThrowIfNullOrEmpty(partition);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query));
    }

    /// <summary>Checks a partition listing.</summary>
    public static void Kind(string kind) => ArgumentException.ThrowIfNullOrEmpty(kind);

    /// <summary>Checks a change-feed read.</summary>
    public static void Changes(long afterSequence, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
    }

    /// <summary>Checks a write batch before any of it is applied.</summary>
    public static void Ops(IReadOnlyList<WriteOp> ops)
    {
        ArgumentNullException.ThrowIfNull(ops);
        for (var i = 0; i < ops.Count; i++)
        {
            var op = ops[i] ?? throw new ArgumentException($"Write op {i} is null.", nameof(ops));
            if (string.IsNullOrEmpty(op.Kind) || string.IsNullOrEmpty(op.Partition) || string.IsNullOrEmpty(op.Key))
            {
                throw new ArgumentException($"Write op {i} needs a non-empty kind, partition and key.", nameof(ops));
            }

            var expected = op switch
            {
                PutOp put when put.Body is null => throw new ArgumentException($"Write op {i} ({op.Kind} '{op.Key}') has a null body.", nameof(ops)),
                PutOp put => put.ExpectedVersion,
                DeleteOp delete => delete.ExpectedVersion,
                _ => throw new ArgumentException($"Write op {i} is a {op.GetType().Name}, which no store understands.", nameof(ops)),
            };
            if (expected < 0)
            {
                throw new ArgumentException($"Write op {i} ({op.Kind} '{op.Key}') expects negative version {expected}.", nameof(ops));
            }
        }
    }
}
