using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Attributes;
using Berth.ControlPlane.Ecs.ContainerInstances;
using Berth.ControlPlane.Ecs.Services.Scheduling;
using Berth.ControlPlane.Ecs.Tasks;
using Berth.ControlPlane.Storage;
using EcsTask = Berth.Aws.Generated.Ecs.Task;

namespace Berth.ControlPlane.Ecs.Services;

/// <summary>Reads what one scheduler pass decides from: the service, every task it started (its cluster's tasks of group
/// <c>service:&lt;name&gt;</c> started by one of its deployments, STOPPED ones included), the cluster's ACTIVE and DRAINING
/// instances with their agents' connectivity, the tasks' scale-in protections, where they stand in their target groups
/// (<see cref="ServiceTargets"/>), and the time.</summary>
public sealed class ServiceSituationReader(
    EcsStore store, DefinitionHealthChecks healthChecks, TaskProtections protections, ServiceTargets targets, SchedulerSettings settings,
    TimeProvider time)
{
    /// <summary>The reading, or null when the service is not stored.</summary>
    public async ValueTask<ServiceReading?> ReadAsync(ServiceKey key, CancellationToken cancellationToken)
    {
        var service = await store.Services.GetAsync(key.Partition, key.StoreKey, cancellationToken).ConfigureAwait(false);
        if (service is null)
        {
            return null;
        }

        var instances = new Dictionary<string, ContainerInstance>(StringComparer.Ordinal);
        await foreach (var instance in store.ContainerInstances.ScanAsync(key.Partition, EcsStore.ContainerInstancePrefix(key.Cluster), cancellationToken)
            .ConfigureAwait(false))
        {
            instances[instance.Value.ContainerInstanceArn!] = instance.Value;
        }

        var now = time.GetUtcNow();
        var protectedUntil = await protections.ActiveAsync(key.Scope, key.Cluster, now, cancellationToken).ConfigureAwait(false);
        var group = ServiceTaskGroup.Of(key.Name);
        var tasks = new Dictionary<string, Versioned<EcsTask>>(StringComparer.Ordinal);
        var seen = new List<ServiceTask>();
        await foreach (var task in store.Tasks.ScanAsync(key.Partition, EcsStore.TaskPrefix(key.Cluster), cancellationToken).ConfigureAwait(false))
        {
            if (task.Value.Group == group && DeploymentIds.IsDeploymentId(task.Value.StartedBy))
            {
                tasks[task.Value.TaskArn!] = task;
                seen.Add(await ToServiceTaskAsync(key, task.Value, instances, protectedUntil, cancellationToken).ConfigureAwait(false));
            }
        }

        var standing = await targets.ReadAsync(key, service.Value, [.. tasks.Values.Select(t => t.Value)], instances, cancellationToken).ConfigureAwait(false);
        seen = [.. seen.Select(t => standing.TryGetValue(t.TaskArn, out var own) ? t with { Targets = own } : t)];
        var registered = instances.Values
            .Where(i => i.Status is InstanceStatus.Active or InstanceStatus.Draining)
            .Select(i => new ServiceInstance(i.ContainerInstanceArn!, i.Status!, i.AgentConnected == true, ZoneOf(i)))
            .ToList();
        return new ServiceReading(key, service, tasks, new ServiceSituation(service.Value, seen, registered, now, settings));
    }

    private async ValueTask<ServiceTask> ToServiceTaskAsync(
        ServiceKey key, EcsTask task, Dictionary<string, ContainerInstance> instances, IReadOnlyDictionary<string, DateTimeOffset> protectedUntil,
        CancellationToken cancellationToken) =>
        new(
            task.TaskArn!,
            task.StartedBy!,
            task.LastStatus!,
            task.DesiredStatus!,
            task.CreatedAt ?? DateTimeOffset.MinValue,
            task.StartedAt,
            task.StoppedAt,
            task.StopCode,
            task.StoppedReason,
            task.HealthStatus,
            await healthChecks.HasAsync(key.Scope, task.TaskDefinitionArn!, cancellationToken).ConfigureAwait(false),
            task.ContainerInstanceArn ?? "",
            instances.TryGetValue(task.ContainerInstanceArn ?? "", out var instance) ? ZoneOf(instance) : task.AvailabilityZone,
            protectedUntil.TryGetValue(task.TaskArn!, out var until) ? until : null,
            Draining: TaskDeactivation.IsDraining(task));

    private static string? ZoneOf(ContainerInstance instance) =>
        instance.Attributes?.FirstOrDefault(a => a.Name == BuiltInAttributes.AvailabilityZone)?.Value;
}
