using Berth.ControlPlane.Controllers;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Logs.Retention;

/// <summary>Enforces retention policies: a sweep at start and then every <see cref="Interval"/> on the injected clock.</summary>
public sealed partial class LogRetentionController(LogRetentionSweeper sweeper, TimeProvider time, ILogger<LogRetentionController> logger)
    : PeriodicSweeper(Interval, "Retention sweep", time, logger, sweepAtStart: true)
{
    /// <summary>AWS deletes expired events within days; a few minutes late is well inside that.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async ValueTask SweepOnceAsync(CancellationToken cancellationToken)
    {
        var deleted = await sweeper.SweepAsync(cancellationToken).ConfigureAwait(false);
        if (deleted > 0)
        {
            LogSwept(logger, deleted);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention deleted {Count} expired log events")]
    private static partial void LogSwept(ILogger logger, int count);
}
