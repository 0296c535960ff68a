namespace Berth.Agent.Logs;

/// <summary>What the agent keeps per shipped container: the position up to which the log is known to be in CloudWatch, and
/// the batch in flight, if any (written before it is sent; its outcome is unknown until the next write).</summary>
public sealed record ShippingState(LogCursor? Shipped, PendingBatch? Pending);

/// <summary>A batch sent (or about to be) whose acceptance is unknown: where the log stands if it was accepted, and how to
/// recognise it at the end of the stream (its event count and a digest of timestamps and messages).</summary>
public sealed record PendingBatch(LogCursor End, int Count, string Digest);
