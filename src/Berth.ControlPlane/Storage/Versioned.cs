namespace Berth.ControlPlane.Storage;

/// <summary>A stored value with the row version that an update must name to win (optimistic concurrency).</summary>
public sealed record Versioned<T>(T Value, long Version);
