using Berth.ControlPlane.Controllers;
using Berth.ControlPlane.Ecr.Lifecycle;
using Berth.ControlPlane.Ecr.Registry;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Ecr;

/// <summary>The registry's background work on the injected clock: lifecycle policies enforced and unreferenced blobs collected,
/// at start and then every <see cref="Interval"/>, or at once when a lifecycle policy is put.</summary>
public sealed partial class EcrHousekeeping(
    LifecycleEnforcer lifecycle, BlobCollector collector, LifecycleWakeup wakeup, TimeProvider time, ILogger<EcrHousekeeping> logger)
    : PeriodicSweeper(Interval, "Registry housekeeping", time, logger, sweepAtStart: true, wakeup)
{
    /// <summary>ECR applies lifecycle policies within 24 hours; every few minutes is well inside that.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async ValueTask SweepOnceAsync(CancellationToken cancellationToken) => await SweepAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>One pass: images expired by lifecycle policies first, so the blobs only they used can be collected.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Lifecycle policies expired {Count} images")]
    private partial void LogExpired(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Garbage collection deleted {Count} unreferenced blobs")]
    private partial void LogCollected(int count);
}
