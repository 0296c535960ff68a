using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading.Channels;
using Berth.AgentProtocol;
using Berth.Agent.Tasks;

namespace Berth.Agent.Host;

/// <summary>The latest health of every task and its containers, as TaskHealth frames: the ECS API has no field for it, so it
/// goes up the channel, each change once and everything again after a reconnect.</summary>
public sealed class HealthBoard
{
    private const string WireStopped = "STOPPED";
    private const string Unknown = "UNKNOWN";

    private readonly ConcurrentDictionary<string, TaskHealthMessage> latest = new(StringComparer.Ordinal);
    private readonly Channel<string> changed = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Task ARNs whose health changed, in order; read the message with <see cref="Current"/>.</summary>
    public ChannelReader<string> Changed => changed.Reader;

    /// <summary>Every task's current message, for a freshly opened channel.</summary>
    public IReadOnlyList<TaskHealthMessage> All => [.. latest.Values];

    public TaskHealthMessage? Current(string taskArn) => latest.GetValueOrDefault(taskArn);

    public void Record(TaskStatusReport report) =>
        Update(report.TaskArn, previous => previous with { HealthStatus = report.HealthStatus }, report.Status == WireStopped);

    public void Record(ContainerStatusReport report) =>
        Update(
            report.TaskArn,
            previous => previous with
            {
                Containers = previous.Containers.Where(c => c.Name != report.ContainerName)
                    .Append(new ContainerHealthMessage(report.ContainerName, report.HealthStatus))
                    .OrderBy(c => c.Name, StringComparer.Ordinal)
                    .ToImmutableArray(),
            },
            stopped: false);

    private void Update(string taskArn, Func<TaskHealthMessage, TaskHealthMessage> change, bool stopped)
    {
        var before = latest.GetValueOrDefault(taskArn) ?? new TaskHealthMessage(string.Empty, taskArn, Unknown, ImmutableArray<ContainerHealthMessage>.Empty);
        var after = change(before);
        if (stopped)
        {
            latest.TryRemove(taskArn, out _);
        }
        else
        {
            latest[taskArn] = after with { MessageId = Guid.NewGuid().ToString() };
        }

        if (after.HealthStatus != before.HealthStatus || !after.Containers.SequenceEqual(before.Containers))
        {
            changed.Writer.TryWrite(taskArn);
        }
    }
}
