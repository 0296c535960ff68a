namespace Berth.ControlPlane.Logs.Storage;

/// <summary>An event PutLogEvents accepted: its own timestamp (epoch milliseconds) and message.</summary>
public readonly record struct NewLogEvent(long Timestamp, string Message);
