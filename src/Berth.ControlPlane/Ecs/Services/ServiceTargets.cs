using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Services.Scheduling;
using Berth.ControlPlane.Ecs.Tasks;
using Berth.ControlPlane.Elb;
using Berth.Domain;
using EcsTask = Berth.Aws.Generated.Ecs.Task;
using TargetTypeEnum = Berth.Aws.Generated.Elbv2.TargetTypeEnum;

namespace Berth.ControlPlane.Ecs.Services;

/// <summary>The service scheduler's side of ELBv2 (<see cref="ITargetRegistry"/>). Reads where a service's tasks stand in
/// their target groups: each task's deployment's loadBalancers (from the deployment's service revision, written when it
/// started, so an UpdateService that changes them leaves older tasks in their groups), its target (its instance's EC2 id and
/// the host port bound to containerName/containerPort) and that target's health, with one FindTargetGroupAsync and one
/// DescribeAsync per target group per pass. Makes a committed decision's registrations and deregistrations, and checks the
/// target groups CreateService and UpdateService are given. Without a registry (ELBv2 not hosted) no task has targets.</summary>
public sealed class ServiceTargets(EcsStore store, ITargetRegistry? registry = null)
{
    /// <summary>Task ARN → its targets, for the tasks whose deployment has load balancers.</summary>
    public async ValueTask<IReadOnlyDictionary<string, IReadOnlyList<TaskTarget>>> ReadAsync(
        ServiceKey key, StoredService service, IReadOnlyCollection<EcsTask> tasks, IReadOnlyDictionary<string, ContainerInstance> instances,
        CancellationToken cancellationToken)
    {
        var targets = new Dictionary<string, IReadOnlyList<TaskTarget>>(StringComparer.Ordinal);
        if (registry is null)
        {
            return targets;
        }

        var balancers = new Dictionary<string, IReadOnlyList<LoadBalancer>>(StringComparer.Ordinal);
        foreach (var deploymentId in tasks.Select(t => t.StartedBy!).Distinct(StringComparer.Ordinal))
        {
            balancers[deploymentId] = await LoadBalancersAsync(key, service, deploymentId, cancellationToken).ConfigureAwait(false);
        }

        var groups = new Dictionary<string, GroupHealth>(StringComparer.Ordinal);
        foreach (var arn in balancers.Values.SelectMany(b => b).Select(b => b.TargetGroupArn!).Distinct(StringComparer.Ordinal))
        {
            if (await registry.FindTargetGroupAsync(key.Scope, arn, cancellationToken).ConfigureAwait(false) is { } facts)
            {
                var health = await registry.DescribeAsync(key.Scope, arn, cancellationToken).ConfigureAwait(false);
                groups[arn] = new(facts.TargetType, health.GroupBy(h => h.Target).ToDictionary(g => g.Key, g => g.First()));
            }
        }

        foreach (var task in tasks)
        {
            var own = balancers[task.StartedBy!]
                .Where(b => groups.ContainsKey(b.TargetGroupArn!))
                .Select(b => TargetOf(task, b, groups[b.TargetGroupArn!], instances))
                .ToList();
            if (own.Count > 0)
            {
                targets[task.TaskArn!] = own;
            }
        }

        return targets;
    }

    /// <summary>Checks a service's loadBalancers against the task definition and their target groups
    /// (<see cref="ServiceLoadBalancerRules.Check"/>); without ELBv2 hosted, load balancers are refused as not yet supported.</summary>
    public async ValueTask CheckAsync(ResourceScope scope, IReadOnlyList<LoadBalancer> balancers, TaskDefinition definition, CancellationToken cancellationToken)
    {
        if (balancers.Count == 0)
        {
            return;
        }

        if (registry is null)
        {
            throw TaskErrors.NotYetSupported("loadBalancers");
        }

        var groups = new Dictionary<string, TargetGroupFacts?>(StringComparer.Ordinal);
        foreach (var arn in balancers.Select(b => b.TargetGroupArn!).Distinct(StringComparer.Ordinal))
        {
            groups[arn] = await registry.FindTargetGroupAsync(scope, arn, cancellationToken).ConfigureAwait(false);
        }

        ServiceLoadBalancerRules.Check(balancers, definition, groups);
    }

    /// <summary>Deregisters, then registers, the decision's targets, one call per target group (both are idempotent, so a
    /// pass that repeats a change lost to a crash does no harm).</summary>
    public async ValueTask ApplyAsync(ResourceScope scope, ServiceDecision decision, CancellationToken cancellationToken)
    {
        if (registry is null)
        {
            return;
        }

        foreach (var group in decision.Deregistrations.GroupBy(t => t.TargetGroupArn, StringComparer.Ordinal))
        {
            await registry.DeregisterAsync(scope, group.Key, [.. group.Select(t => t.Target).Distinct()], cancellationToken).ConfigureAwait(false);
        }

        foreach (var group in decision.Registrations.GroupBy(t => t.TargetGroupArn, StringComparer.Ordinal))
        {
            await registry.RegisterAsync(scope, group.Key, [.. group.Select(t => t.Target).Distinct()], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The deployment's loadBalancers as its revision records them; the service's own when the revision is not stored.</summary>
    private async ValueTask<IReadOnlyList<LoadBalancer>> LoadBalancersAsync(
        ServiceKey key, StoredService service, string deploymentId, CancellationToken cancellationToken)
    {
        var revision = await store.ServiceRevisions.GetAsync(
            key.Partition, EcsStore.ServiceDeploymentKey(key.Cluster, key.Name, ServiceDeploymentRecords.IdOf(deploymentId)), cancellationToken)
            .ConfigureAwait(false);
        return (revision?.Value.LoadBalancers ?? service.Service.LoadBalancers ?? []).Where(b => b.TargetGroupArn is not null).ToList();
    }

    private static TaskTarget TargetOf(EcsTask task, LoadBalancer balancer, GroupHealth group, IReadOnlyDictionary<string, ContainerInstance> instances)
    {
        var hostPort = task.Containers?.FirstOrDefault(c => c.Name == balancer.ContainerName)?.NetworkBindings?
            .FirstOrDefault(b => b.ContainerPort == balancer.ContainerPort && b.HostPort is > 0)?.HostPort;
        var instanceId = instances.TryGetValue(task.ContainerInstanceArn ?? "", out var instance) ? instance.Ec2InstanceId : null;
        TargetRef? target = group.TargetType == TargetTypeEnum.Instance && hostPort is { } port && instanceId is not null
            ? new TargetRef(instanceId, port)
            : null;
        return new TaskTarget(balancer.TargetGroupArn!, group.TargetType, target, target is null ? null : group.Targets.GetValueOrDefault(target));
    }

    private sealed record GroupHealth(string TargetType, Dictionary<TargetRef, TargetHealthView> Targets);
}
