namespace Berth.State;

/// <summary>One entry of the change feed that wakes controllers: Version is the written version, or for a delete the version that was removed.</summary>
public sealed record Change(long Sequence, string Kind, string Partition, string Key, long Version, bool Deleted);
