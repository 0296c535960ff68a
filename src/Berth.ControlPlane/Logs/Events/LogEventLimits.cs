namespace Berth.ControlPlane.Logs.Events;

/// <summary>CloudWatch Logs' event quotas, as PutLogEvents and GetLogEvents apply them.</summary>
public static class LogEventLimits
{
    /// <summary>What AWS adds to each message's UTF-8 length when it sizes a batch or a page.</summary>
    public const int EventOverheadBytes = 26;

    public const int MaxBatchBytes = 1_048_576;

    public const int MaxBatchEvents = 10_000;

    /// <summary>GetLogEvents and FilterLogEvents: most events (and bytes, <see cref="MaxBatchBytes"/>) per page.</summary>
    public const int MaxPageEvents = 10_000;

    public static readonly TimeSpan MaxBatchSpan = TimeSpan.FromHours(24);

    public static readonly TimeSpan MaxFuture = TimeSpan.FromHours(2);

    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(14);
}
