using Berth.LoadBalancing.Haproxy;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Berth.LoadBalancing;

/// <summary>Makes HAProxy serve what the control plane configured, level-triggered: read the configuration, render it, apply
/// it when the text differs from what is served, wait for a change (or the resync period), pause briefly so a burst of
/// changes becomes one reload, repeat. Beside it, HAProxy's health checks are read back about once a second; a target seen
/// up for the first time is rendered anew (its healthy threshold from then on), which wakes the loop too.</summary>
internal sealed partial class LoadBalancerDataPlane(
    IProxyConfigurationSource source,
    HaproxySupervisor supervisor,
    HaproxyHealthMonitor health,
    HaproxyPaths paths,
    LoadBalancerDataPlaneOptions options,
    TimeProvider time,
    ILogger<LoadBalancerDataPlane> logger) : BackgroundService
{
    private string? served;
    private volatile TaskCompletionSource provenChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Task.Run(() => ApplyLoopAsync(stoppingToken), stoppingToken), Task.Run(() => HealthLoopAsync(stoppingToken), stoppingToken));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await supervisor.StopAsync();
    }

    /// <summary>One pass: apply the source's configuration if it differs from what HAProxy serves.</summary>
    internal async Task SyncOnceAsync(CancellationToken cancellationToken)
    {
        var rendered = HaproxyConfigRenderer.Render(await source.ReadAsync(cancellationToken), paths, health.Proven);
        if (rendered.Text == served)
        {
            return;
        }

        if (await supervisor.ApplyAsync(rendered, cancellationToken))
        {
            served = rendered.Text;
            health.Serve(rendered.Servers);
            LogApplied(logger, rendered.Servers.Count);
        }
    }

    private async Task ApplyLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // Asked before reading, so a change made while applying still wakes the next pass.
            var changed = source.WaitForChangeAsync(stoppingToken);
            var proven = (provenChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            try
            {
                await SyncOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Whatever failed (HAProxy not answering, a file it could not write), the loop must live on: it retries.
                LogApplyFailed(logger, e);
            }

            try
            {
                await Task.WhenAny(changed, proven, Task.Delay(options.ResyncInterval, time, stoppingToken));
                await Task.Delay(options.CoalesceDelay, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task HealthLoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.HealthPollInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (await health.PollAsync(stoppingToken))
                {
                    provenChanged.TrySetResult();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Load balancer configuration applied ({ServerCount} targets)")]
    private static partial void LogApplied(ILogger logger, int serverCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not apply the load balancer configuration; retrying at the next change or resync")]
    private static partial void LogApplyFailed(ILogger logger, Exception exception);
}
