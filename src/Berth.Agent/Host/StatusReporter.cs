using System.Threading.Channels;
using Berth.Agent.Tasks;
using Berth.Aws.Generated.Ecs;
using Task = System.Threading.Tasks.Task;
using Microsoft.Extensions.Logging;
using EcsNetworkBinding = Berth.Aws.Generated.Ecs.NetworkBinding;

namespace Berth.Agent.Host;

/// <summary>The actors' sink: reports are queued at once (an actor never waits on the network) and delivered in order through
/// SubmitTaskStateChange / SubmitContainerStateChange, each retried until the control plane takes it, so a control-plane
/// restart loses nothing. The control plane ignores reports that do not move a status forward, so a repeat is harmless.</summary>
public sealed partial class StatusReporter(EcsApiClient api, AgentOptions options, TimeProvider time, ILogger logger) : ITaskStatusSink
{
    private readonly Channel<object> queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>The key reports are signed with, set once the instance is enrolled.</summary>
    public AccessKey? Key { get; set; }

    public HealthBoard Health { get; } = new();

    public ValueTask ReportTaskStatusAsync(TaskStatusReport report, CancellationToken cancellationToken)
    {
        Health.Record(report);
        queue.Writer.TryWrite(report);
        return ValueTask.CompletedTask;
    }

    public ValueTask ReportContainerStatusAsync(ContainerStatusReport report, CancellationToken cancellationToken)
    {
        Health.Record(report);
        queue.Writer.TryWrite(report);
        return ValueTask.CompletedTask;
    }

    /// <summary>Delivers until cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        await foreach (var report in queue.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            await DeliverAsync(report, ct).ConfigureAwait(false);
        }
    }

    private async Task DeliverAsync(object report, CancellationToken ct)
    {
        var delay = options.MinRetryDelay;
        while (true)
        {
            try
            {
                var key = Key ?? throw new InvalidOperationException("Reports need the instance key.");
                await (report switch
                {
                    TaskStatusReport task => (Task)api.SubmitTaskStateChangeAsync(TaskChange(task), key, ct),
                    ContainerStatusReport container => (Task)api.SubmitContainerStateChangeAsync(ContainerChange(container), key, ct),
                    _ => Task.CompletedTask,
                }).ConfigureAwait(false);
                return;
            }
            catch (AwsApiException e) when (e.IsPermanent)
            {
                // Retrying cannot help (the task is gone, or the report is malformed): drop it, say so.
                LogRefused(logger, e.Code, e.Message);
                return;
            }
            catch (Exception e) when (!ct.IsCancellationRequested && e is AwsApiException or HttpRequestException or InvalidOperationException or TaskCanceledException)
            {
                LogRetrying(logger, delay.TotalSeconds, e.Message);
            }

            await Task.Delay(delay, time, ct).ConfigureAwait(false);
            delay = options.NextRetryDelay(delay);
        }
    }

    private static SubmitTaskStateChangeRequest TaskChange(TaskStatusReport report) => new()
    {
        Cluster = report.Cluster,
        Task = report.TaskArn,
        Status = report.Status,
        Reason = report.StoppedReason,
        PullStartedAt = report.PullStartedAt,
        PullStoppedAt = report.PullStoppedAt,
        ExecutionStoppedAt = report.ExecutionStoppedAt,
    };

    private static SubmitContainerStateChangeRequest ContainerChange(ContainerStatusReport report) => new()
    {
        Cluster = report.Cluster,
        Task = report.TaskArn,
        ContainerName = report.ContainerName,
        RuntimeId = report.RuntimeId,
        Status = report.Status,
        ExitCode = report.ExitCode,
        Reason = report.Reason,
        NetworkBindings = report.NetworkBindings.IsDefaultOrEmpty
            ? null
            : report.NetworkBindings.Select(b => new EcsNetworkBinding { BindIP = b.BindIp, ContainerPort = b.ContainerPort, HostPort = b.HostPort, Protocol = b.Protocol }).ToList(),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "The control plane refused a status report ({Code}): {Reason}; dropped")]
    private static partial void LogRefused(ILogger logger, string code, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Status report not delivered; retrying in {Seconds} s: {Reason}")]
    private static partial void LogRetrying(ILogger logger, double seconds, string reason);
}
