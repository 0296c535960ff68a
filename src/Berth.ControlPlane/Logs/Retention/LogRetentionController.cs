using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Logs.Retention;

/// <summary>Enforces retention policies: a sweep at start and then every <see cref="Interval"/> on the injected clock.</summary>
public sealed partial class LogRetentionController(LogRetentionSweeper sweeper, TimeProvider time, ILogger<LogRetentionController> logger)
    : BackgroundService
{
    /// <summary>AWS deletes expired events within days; a few minutes late is well inside that.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var deleted = await sweeper.SweepAsync(stoppingToken).ConfigureAwait(false);
                if (deleted > 0)
                {
                    LogSwept(deleted);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(e);
            }

            await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention deleted {Count} expired log events")]
    private partial void LogSwept(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention sweep failed; trying again at the next interval")]
    private partial void LogSweepFailed(Exception exception);
}
