namespace Berth.ControlPlane.Logs.Storage;

/// <summary>Which stream events belong to: the store partition (account/region), the log group and the stream name.</summary>
public sealed record LogStreamAddress(string Partition, string Group, string Stream);
