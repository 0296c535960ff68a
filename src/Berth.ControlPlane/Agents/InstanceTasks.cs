using Berth.AgentProtocol;
using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Ecs.TaskDefinitions;
using Berth.ControlPlane.Ecs.Tasks;
using Berth.ControlPlane.Storage;
using Berth.Domain;
using EcsTask = Berth.Aws.Generated.Ecs.Task;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Agents;

/// <summary>The store side of one instance's channel: the tasks it should know of, as assignments, and the health its agent reports.</summary>
public sealed class InstanceTasks(EcsStore store, TaskDefinitionResolver definitions)
{
    /// <summary>Every task placed on the instance that has not stopped, for a full sync.</summary>
    public async Task<List<TaskAssignment>> CurrentAsync(string containerInstanceArn, CancellationToken cancellationToken)
    {
        var (scope, cluster, _) = EcsArns.ParseLong(containerInstanceArn);
        var assignments = new List<TaskAssignment>();
        await foreach (var task in store.Tasks.ScanAsync(scope.Partition, EcsStore.TaskPrefix(cluster), cancellationToken).ConfigureAwait(false))
        {
            if (task.Value.ContainerInstanceArn == containerInstanceArn && task.Value.LastStatus != "STOPPED")
            {
                assignments.Add(await AssignmentAsync(task.Value, cancellationToken).ConfigureAwait(false));
            }
        }

        return assignments;
    }

    /// <summary>The task as its agent is to see it (RUNNING while it drains) with the definition it runs (the definition's ARN
    /// names an exact revision, so it is always found).</summary>
    public async Task<TaskAssignment> AssignmentAsync(EcsTask task, CancellationToken cancellationToken)
    {
        var (scope, _, _) = EcsArns.ParseLong(task.TaskArn);
        var definition = await definitions.FindAsync(scope, task.TaskDefinitionArn!, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException($"Task {task.TaskArn} runs a task definition that is not stored: {task.TaskDefinitionArn}.");
        return new TaskAssignment(TaskDeactivation.AsAgentSees(task), definition.Value.Definition);
    }

    /// <summary>Records the reported health on the task when it is the instance's and the health changed (version +1).</summary>
    public async Task RecordHealthAsync(string containerInstanceArn, TaskHealthMessage health, CancellationToken cancellationToken)
    {
        if (!Arn.TryParse(health.TaskArn, out var arn) || arn.ResourceId.Split('/') is not [var cluster, var id])
        {
            return;
        }

        var partition = new ResourceScope(arn.Account, arn.Region).Partition;
        var key = EcsStore.TaskKey(cluster, id);
        await Optimistic.RetryAsync(async () =>
        {
            var current = await store.Tasks.GetAsync(partition, key, cancellationToken).ConfigureAwait(false);
            if (current is null || current.Value.ContainerInstanceArn != containerInstanceArn)
            {
                return false;
            }

            var updated = WithHealth(current.Value, health);
            if (updated is null)
            {
                return false;
            }

            await store.Store.ApplyAsync([store.Tasks.Put(partition, key, updated, current.Version)], cancellationToken).ConfigureAwait(false);
            return true;
        }).ConfigureAwait(false);
    }

    /// <summary>The task with the reported health, or null when nothing would change.</summary>
    private static EcsTask? WithHealth(EcsTask task, TaskHealthMessage health)
    {
        var containers = task.Containers?.Select(c =>
            health.Containers.FirstOrDefault(h => h.Name == c.Name) is { } reported && reported.HealthStatus != c.HealthStatus
                ? c with { HealthStatus = reported.HealthStatus }
                : c).ToList();
        var changed = task.HealthStatus != health.HealthStatus
            || (containers is not null && !containers.SequenceEqual(task.Containers!));
        return changed ? task with { HealthStatus = health.HealthStatus, Containers = containers, Version = (task.Version ?? 0) + 1 } : null;
    }

}
