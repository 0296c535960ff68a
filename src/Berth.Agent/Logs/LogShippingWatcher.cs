using System.Collections.Concurrent;
using Berth.Agent.Docker;
using Microsoft.Extensions.Logging;

namespace Berth.Agent.Logs;

/// <summary>Runs a <see cref="ContainerLogShipper"/> for every container of this agent that carries awslogs labels: those that
/// exist when it starts (running or not: a container that exited while the agent was away still has lines to ship) and each
/// one Docker starts later. Shipping state of containers that are gone is deleted.</summary>
/// <remarks>Events are followed like the task event router does: reopened after a failure with <c>since</c> = the last event's
/// time, after a backoff; a repeated start event is harmless (one shipper per container at a time).</remarks>
public sealed partial class LogShippingWatcher(
    IDockerClient docker, IDockerMonitoring monitoring, ILogEventsSink sink, ShippingStateFile states,
    IReadOnlyList<LabelFilter> scope, TimeProvider time, LogShipperOptions options, ILoggerFactory loggers)
{
    private static readonly IReadOnlyList<string> Actions = ["start", "destroy"];

    private readonly ConcurrentDictionary<string, Task> _shippers = new(StringComparer.Ordinal);
    private readonly ILogger _logger = loggers.CreateLogger<LogShippingWatcher>();

    /// <summary>Ships until <paramref name="ct"/> ends (then waits for the shippers to stop); ends with OperationCanceledException.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        IReadOnlyList<LabelFilter> labels = [.. scope, new LabelFilter(AwsLogsTarget.GroupLabel)];
        var since = time.GetUtcNow();
        try
        {
            var existing = await ListAsync(labels, ct).ConfigureAwait(false);
            Forget(() => states.Prune(existing.Select(c => c.Id).ToHashSet(StringComparer.Ordinal)));
            // A container never started has nothing to read yet; its start event (after `since`) starts its shipper.
            foreach (var container in existing.Where(c => c.State != "created"))
            {
                Ship(container.Id, container.Labels, ct);
            }

            await FollowAsync(labels, since, ct).ConfigureAwait(false);
        }
        finally
        {
            await Task.WhenAll(_shippers.Values).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task<IReadOnlyList<ContainerSummary>> ListAsync(IReadOnlyList<LabelFilter> labels, CancellationToken ct)
    {
        var delay = options.MinRetryDelay;
        while (true)
        {
            try
            {
                return await docker.ListContainersAsync(labels, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                LogDockerFailed(_logger, e.Message, delay.TotalSeconds);
            }

            await Task.Delay(delay, time, ct).ConfigureAwait(false);
            delay = options.NextRetryDelay(delay);
        }
    }

    private async Task FollowAsync(IReadOnlyList<LabelFilter> labels, DateTimeOffset since, CancellationToken ct)
    {
        var delay = options.MinRetryDelay;
        while (true)
        {
            try
            {
                var query = new EventsQuery { Labels = labels, Actions = Actions, Since = since };
                await foreach (var ev in docker.StreamEventsAsync(query, ct).ConfigureAwait(false))
                {
                    since = ev.Time;
                    delay = options.MinRetryDelay;
                    if (ev.Action == ContainerEventAction.Start)
                    {
                        Ship(ev.ContainerId, ev.Attributes, ct);
                    }
                    else if (ev.Action == ContainerEventAction.Destroy && !_shippers.ContainsKey(ev.ContainerId))
                    {
                        Forget(() => states.Delete(ev.ContainerId));
                    }
                }
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                LogDockerFailed(_logger, e.Message, delay.TotalSeconds);
            }

            await Task.Delay(delay, time, ct).ConfigureAwait(false);
            delay = options.NextRetryDelay(delay);
        }
    }

    /// <summary>Deleting state of containers that are gone is housekeeping: a failure is logged, never the end of shipping.</summary>
    private void Forget(Action delete)
    {
        try
        {
            delete();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            LogForgetFailed(_logger, e.Message);
        }
    }

    /// <summary>Starts a shipper for the container unless one runs already.</summary>
    private void Ship(string containerId, IReadOnlyDictionary<string, string> labels, CancellationToken ct)
    {
        if (AwsLogsTarget.FromLabels(labels, containerId) is not { } target)
        {
            return;
        }

        lock (_shippers)
        {
            if (_shippers.ContainsKey(containerId))
            {
                return;
            }

            var shipper = new ContainerLogShipper(containerId, target, monitoring, sink, states, time, options, loggers.CreateLogger<ContainerLogShipper>());
            _shippers[containerId] = RunShipperAsync(containerId, shipper, ct);
        }
    }

    private async Task RunShipperAsync(string containerId, ContainerLogShipper shipper, CancellationToken ct)
    {
        await Task.Yield();
        try
        {
            await shipper.RunAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            LogShipperFailed(_logger, containerId, e.Message);
        }
        finally
        {
            lock (_shippers)
            {
                _shippers.TryRemove(containerId, out _);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Docker did not answer the log shipper: {Reason}; retrying in {Seconds} s")]
    private static partial void LogDockerFailed(ILogger logger, string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the shipping state of a removed container: {Reason}")]
    private static partial void LogForgetFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shipping the log of container {ContainerId} stopped: {Reason}")]
    private static partial void LogShipperFailed(ILogger logger, string containerId, string reason);
}
