using Berth.ControlPlane.Ecr.Lifecycle;
using Berth.ControlPlane.Ecr.Registry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Ecr;

/// <summary>The registry's background work on the injected clock: lifecycle policies enforced and unreferenced blobs collected,
/// at start and then every <see cref="Interval"/>, or at once when a lifecycle policy is put.</summary>
public sealed partial class EcrHousekeeping(
    LifecycleEnforcer lifecycle, BlobCollector collector, LifecycleWakeup wakeup, TimeProvider time, ILogger<EcrHousekeeping> logger) : BackgroundService
{
    /// <summary>ECR applies lifecycle policies within 24 hours; every few minutes is well inside that.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            await wakeup.WaitAsync(Interval, time, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>One pass; a failure is logged and the next pass tries again.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await lifecycle.EnforceAsync(cancellationToken).ConfigureAwait(false) is var expired and > 0)
            {
                LogExpired(expired);
            }

            if (await collector.CollectAsync(cancellationToken).ConfigureAwait(false) is { Count: > 0 } collected)
            {
                LogCollected(collected.Count);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Lifecycle policies expired {Count} images")]
    private partial void LogExpired(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Garbage collection deleted {Count} unreferenced blobs")]
    private partial void LogCollected(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registry housekeeping failed; trying again at the next pass")]
    private partial void LogFailed(Exception exception);
}
