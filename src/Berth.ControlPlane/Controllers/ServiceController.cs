using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Ecs.Services;
using Berth.ControlPlane.Storage;
using Berth.State;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Controllers;

/// <summary>Runs the service scheduler: follows the store's change feed and wakes the services each change concerns
/// (<see cref="ServiceWakeups"/>), every service at start and after the feed was trimmed past it, and hands them to a
/// <see cref="KeyedReconciler{TKey}"/>, so one service is never scheduled by two passes at once.</summary>
public sealed partial class ServiceController(
    EcsStore store, ServiceWakeups wakeups, IReconciler<ServiceKey> reconciler, ServiceControllerOptions options, TimeProvider time,
    ILogger<ServiceController> logger) : BackgroundService
{
    private readonly ChangeFeedFollower feed = new(store.Store);
    private KeyedReconciler<ServiceKey>? queue;
    private long head;

    /// <summary>Finds the head before the start returns, so every change committed after the start is followed.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        head = await feed.HeadAsync(cancellationToken).ConfigureAwait(false);
        queue = new KeyedReconciler<ServiceKey>(reconciler, time, logger, options.Reconciler);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await WakeAllAsync(stoppingToken).ConfigureAwait(false);
        await feed.FollowAsync(head, WakeAllAsync, WakeAsync, stoppingToken).ConfigureAwait(false);
    }

    /// <summary>Stops following, then lets the passes under way end.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (queue is not null)
        {
            await queue.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async ValueTask WakeAllAsync(CancellationToken cancellationToken)
    {
        foreach (var key in await wakeups.AllAsync(cancellationToken).ConfigureAwait(false))
        {
            queue!.Enqueue(key);
        }
    }

    /// <summary>A change whose services cannot be found now (the store failing) is logged and left to the resync, so
    /// following the feed never stops.</summary>
    private async ValueTask WakeAsync(Change change, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var key in await wakeups.KeysAsync(change, cancellationToken).ConfigureAwait(false))
            {
                queue!.Enqueue(key);
            }
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            LogWakeFailed(logger, change.Kind, change.Key, error);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not find the services a change of {Kind} {Key} concerns; the resync will look at them")]
    private static partial void LogWakeFailed(ILogger logger, string kind, string key, Exception error);
}
