using Berth.AgentProtocol;
using Berth.Aws.Generated.Ecs;

namespace Berth.Cli;

/// <summary>One container's awslogs stream, and how <c>berth logs</c> labels its lines (<c>task-id/container</c>).</summary>
public sealed record LogSource(string TaskId, string Container, string Region, string Group, string Stream)
{
    public string Label => $"{TaskId}/{Container}";

    /// <summary>The awslogs streams of <paramref name="task"/>'s containers, named as the agent names them: with a prefix
    /// <c>prefix/container-name/task-id</c>, without one the container's Docker id (known once it was created).</summary>
    public static IEnumerable<LogSource> Of(Aws.Generated.Ecs.Task task, TaskDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(definition);
        var taskId = task.TaskArn?[(task.TaskArn.LastIndexOf('/') + 1)..] ?? string.Empty;
        foreach (var container in definition.ContainerDefinitions ?? [])
        {
            if (container.LogConfiguration is not { LogDriver: AwsLogsOptions.Driver, Options: { } options }
                || !options.TryGetValue(AwsLogsOptions.Group, out var group)
                || !options.TryGetValue(AwsLogsOptions.Region, out var region))
            {
                continue;
            }

            var stream = options.TryGetValue(AwsLogsOptions.StreamPrefix, out var prefix) && prefix.Length > 0
                ? $"{prefix}/{container.Name}/{taskId}"
                : task.Containers?.FirstOrDefault(c => c.Name == container.Name)?.RuntimeId;
            if (stream is not null)
            {
                yield return new LogSource(taskId, container.Name!, region, group, stream);
            }
        }
    }
}
