namespace Berth.ControlPlane.Logs.Storage;

/// <summary>Events of a group after <see cref="After"/> with timestamps in [StartTime, EndTime], in time order across its
/// streams, at most <see cref="MaxRows"/>; <see cref="Streams"/> null means every stream.</summary>
public sealed record GroupScan(EventPosition After, long StartTime, long EndTime, StreamSelection? Streams, int MaxRows);

/// <summary>Which streams of a group a scan reads: named ones, or those whose name starts with a prefix.</summary>
public sealed record StreamSelection(IReadOnlyList<string>? Names, string? Prefix);
