using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Controllers;

/// <summary>Runs one sweep every <paramref name="interval"/> on the injected clock, so tests drive it by hand, or sooner when
/// woken; a failed sweep is logged and the next one tries again.</summary>
/// <param name="what">What the log says failed, e.g. "Sweeping expired stopped tasks".</param>
/// <param name="sweepAtStart">Sweep once as the process starts, before the first interval has passed.</param>
/// <param name="wakeup">Brings the next sweep forward when woken; without one, sweeps wait out the interval.</param>
public abstract partial class PeriodicSweeper(
    TimeSpan interval, string what, TimeProvider time, ILogger logger, bool sweepAtStart = false, SweepSignal? wakeup = null)
    : BackgroundService
{
    /// <summary>The clock sweeps run on and judge expiry by.</summary>
    protected TimeProvider Time => time;

    protected abstract ValueTask SweepOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var first = true; !stoppingToken.IsCancellationRequested; first = false)
        {
            if (!(first && sweepAtStart))
            {
                await (wakeup is null ? Task.Delay(interval, time, stoppingToken) : wakeup.WaitAsync(interval, time, stoppingToken))
                    .ConfigureAwait(false);
            }

            try
            {
                await SweepOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(logger, what, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Sweep} failed; the next sweep tries again.")]
    private static partial void LogSweepFailed(ILogger logger, string sweep, Exception exception);
}
