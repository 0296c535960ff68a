namespace Berth.State;

/// <summary>How to list one partition: keyset pagination keeps pages stable while documents are written in between.</summary>
public sealed record ListQuery
{
    /// <summary>Only keys starting with this (ordinal); null or empty lists every key.</summary>
    public string? KeyPrefix { get; init; }

    /// <summary>Exclusive cursor: keys after it in the listing direction; null or empty starts at the first key.</summary>
    public string? StartAfter { get; init; }

    /// <summary>Most documents per page; at least 1.</summary>
    public int Limit { get; init; } = 100;

    /// <summary>Lists keys from greatest to least instead.</summary>
    public bool Descending { get; init; }
}
