namespace Berth.State;

/// <summary>Creates or replaces a document; ExpectedVersion null skips the check, 0 requires absence, n requires the current version to be n.</summary>
public sealed record PutOp(string Kind, string Partition, string Key, string Body, long? ExpectedVersion = null)
    : WriteOp(Kind, Partition, Key);
