using Berth.Agent.Docker;
using Berth.Agent.Engine;
using Berth.Agent.Launch;
using Berth.Agent.Logs;
using Berth.Agent.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Berth.Agent.Host;

/// <summary>One agent: waits for Docker, enrolls the host as a container instance, then keeps the channel open, runs the tasks
/// assigned to it and reports their state until cancelled. Cancelling leaves the tasks' containers running, as stopping the ECS
/// agent does; the next start re-attaches.</summary>
public sealed partial class AgentHost(
    AgentOptions options, IDockerClient docker, IDockerMonitoring monitoring, TimeProvider time, HttpClient http, ILoggerFactory? loggers = null)
{
    private readonly ILoggerFactory loggers = loggers ?? NullLoggerFactory.Instance;
    public async Task RunAsync(CancellationToken ct)
    {
        var logger = loggers.CreateLogger<AgentHost>();
        var api = new EcsApiClient(http, options.Endpoint, options.Region, time);
        var engineInfo = await RetryAsync(docker.GetEngineInfoAsync, "Docker", logger, ct).ConfigureAwait(false);
        var enrollment = new InstanceEnrollment(api, options, new AgentIdentityFile(options.DataDir), loggers.CreateLogger<InstanceEnrollment>());
        var identity = await RetryAsync(c => enrollment.EnrollAsync(engineInfo, c), "the control plane", logger, ct).ConfigureAwait(false);

        var reporter = new StatusReporter(api, options, time, loggers.CreateLogger<StatusReporter>()) { Key = identity.Key };
        var router = new DockerEventRouter(docker, time);
        using var registryCredentials = new EcrRegistryCredentials(
            new EcrApiClient(api.Caller, options.Region), identity.Key, time, loggers.CreateLogger<EcrRegistryCredentials>());
        await using var supervisor = new TaskSupervisor(identity.ContainerInstanceArn, docker, reporter, router, new TaskEngine(time), time,
            options.Tasks with { RegistryCredentials = registryCredentials }, loggers.CreateLogger<TaskSupervisor>());
        var channel = new ChannelClient(api, identity, supervisor, reporter.Health, options, time, loggers.CreateLogger<ChannelClient>());
        var logs = new LogShippingWatcher(docker, monitoring, new LogsApiSink(new LogsApiClient(api.Caller), identity.Key), new ShippingStateFile(options.DataDir),
            [new LabelFilter(BerthLabels.ContainerInstanceArn, identity.ContainerInstanceArn)], time, options.Logs, loggers);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var loops = new[] { router.RunAsync(stopping.Token), reporter.RunAsync(stopping.Token), channel.RunAsync(stopping.Token), logs.RunAsync(stopping.Token) };
        try
        {
            await Task.WhenAny(loops).ConfigureAwait(false);
        }
        finally
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(loops).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        ct.ThrowIfCancellationRequested();
        // A loop ended without being cancelled: surface why.
        await Task.WhenAll(loops).ConfigureAwait(false);
    }

    /// <summary>Retries <paramref name="call"/> with backoff until it succeeds: Docker or the control plane may still be starting.
    /// A refusal (bad credentials, unknown cluster) ends the agent instead.</summary>
    private async Task<T> RetryAsync<T>(Func<CancellationToken, Task<T>> call, string what, ILogger logger, CancellationToken ct)
    {
        var delay = options.MinRetryDelay;
        while (true)
        {
            try
            {
                return await call(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (!ct.IsCancellationRequested && e is not (ArgumentException or InvalidOperationException or AwsApiException { IsPermanent: true }))
            {
                LogWaiting(logger, what, e.Message, delay.TotalSeconds);
            }

            await Task.Delay(delay, time, ct).ConfigureAwait(false);
            delay = options.NextRetryDelay(delay);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for {What}: {Reason}; retrying in {Seconds} s")]
    private static partial void LogWaiting(ILogger logger, string what, string reason, double seconds);
}
