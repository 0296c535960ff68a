namespace Berth.ControlPlane.Logs.Storage;

/// <summary>One page of one stream: the events just after <see cref="From"/> (forward) or just before it (backward), in
/// [StartTime, EndTime), at most <see cref="Limit"/> of them and <see cref="MaxBytes"/> counted as PutLogEvents counts them.</summary>
public sealed record StreamRead(EventPosition From, bool Forward, long StartTime, long EndTime, int Limit, int MaxBytes);
