namespace Berth.State;

/// <summary>One document as stored: the body is opaque JSON the store never interprets; Version lets writers detect lost updates.</summary>
public sealed record StoredDocument(string Kind, string Partition, string Key, long Version, string Body);
