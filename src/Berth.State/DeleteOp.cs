namespace Berth.State;

/// <summary>Removes a document (a no-op that records no change when it is absent); ExpectedVersion as for <see cref="PutOp"/>.</summary>
public sealed record DeleteOp(string Kind, string Partition, string Key, long? ExpectedVersion = null)
    : WriteOp(Kind, Partition, Key);
