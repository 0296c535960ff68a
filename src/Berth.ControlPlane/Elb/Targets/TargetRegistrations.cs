using Berth.ControlPlane.Elb.TargetGroups;
using Berth.ControlPlane.Storage;
using Berth.Domain;
using Berth.LoadBalancing;
using Berth.State;

namespace Berth.ControlPlane.Elb.Targets;

/// <summary>A target group's registrations and their health, shared by the ELBv2 API and ECS's <see cref="ITargetRegistry"/>.
/// </summary>
public sealed class TargetRegistrations(ElbStore store, LiveTargets targetsOf, ITargetHealthSource health, TimeProvider time)
{
    /// <summary>ELBv2's quota of targets per target group.</summary>
    public const int MaxTargets = 1000;

    /// <summary>Registers targets: new ones from now, draining ones again, registered ones left as they are.</summary>
    public async ValueTask RegisterAsync(ResourceScope scope, Versioned<StoredTargetGroup> group, IReadOnlyList<TargetRef> targets, CancellationToken cancellationToken)
    {
        var name = group.Value.TargetGroup.TargetGroupName!;
        var now = time.GetUtcNow();
        var live = await targetsOf.ReadAsync(scope, group.Value, cancellationToken).ConfigureAwait(false);
        var ops = new List<WriteOp>();
        var added = 0;
        foreach (var target in targets.Distinct())
        {
            var existing = live.FirstOrDefault(t => t.Value.Id == target.Id && t.Value.Port == target.Port);
            if (existing is { Value.DrainingSince: null })
            {
                continue;
            }

            added += existing is null ? 1 : 0;
            ops.Add(store.Targets.Put(
                scope.Partition, ElbStore.TargetKey(name, target.Id, target.Port), new StoredTarget(target.Id, target.Port, null, now, null), existing?.Version));
        }

        if (live.Count + added > MaxTargets)
        {
            throw ElbErrors.TooManyTargets(MaxTargets);
        }

        if (ops.Count > 0)
        {
            // The group written unchanged at the version read: a concurrent DeleteTargetGroup cannot leave these orphaned.
            ops.Add(store.TargetGroups.Put(scope.Partition, name, group.Value, group.Version));
        }

        await ApplyAsync(ops, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts draining registered targets (unknown ones are ignored, as on AWS). A group no listener forwards to has
    /// no traffic to drain, and a delay of 0 none to wait for: such targets leave at once.</summary>
    public async ValueTask DeregisterAsync(ResourceScope scope, Versioned<StoredTargetGroup> group, IReadOnlyList<TargetRef> targets, CancellationToken cancellationToken)
    {
        var name = group.Value.TargetGroup.TargetGroupName!;
        var now = time.GetUtcNow();
        var usage = await TargetGroupUsage.ReadAsync(store, scope, cancellationToken).ConfigureAwait(false);
        var immediate = !usage.InUse(group.Value.TargetGroup.TargetGroupArn!) || TargetGroupAttributes.DeregistrationDelaySeconds(group.Value.Attributes) == 0;
        var live = await targetsOf.ReadAsync(scope, group.Value, cancellationToken).ConfigureAwait(false);
        var ops = new List<WriteOp>();
        foreach (var existing in live.Where(t => t.Value.DrainingSince is null && targets.Contains(new TargetRef(t.Value.Id, t.Value.Port))))
        {
            var key = ElbStore.TargetKey(name, existing.Value.Id, existing.Value.Port);
            ops.Add(immediate
                ? store.Targets.Delete(scope.Partition, key, existing.Version)
                : store.Targets.Put(scope.Partition, key, existing.Value with { DrainingSince = now }, existing.Version));
        }

        await ApplyAsync(ops, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The health of the targets named (with Target.NotRegistered for those the group lacks), or of every target.</summary>
    public async ValueTask<List<TargetHealthView>> DescribeAsync(
        ResourceScope scope, StoredTargetGroup group, IReadOnlyList<TargetRef>? only, CancellationToken cancellationToken)
    {
        var live = await targetsOf.ReadAsync(scope, group, cancellationToken).ConfigureAwait(false);
        var usage = await TargetGroupUsage.ReadAsync(store, scope, cancellationToken).ConfigureAwait(false);
        var arn = group.TargetGroup.TargetGroupArn!;
        var observations = health.Observe(arn);
        var inUse = usage.InUse(arn);
        var enabled = group.TargetGroup.HealthCheckEnabled != false;
        TargetHealthView Of(StoredTarget t)
        {
            var target = new TargetRef(t.Id, t.Port);
            var observed = observations.FirstOrDefault(o => o.TargetId == t.Id && o.Port == t.Port);
            return TargetHealthMerger.Merge(target, t.DrainingSince is not null, inUse, enabled, observed);
        }

        return only is null
            ? [.. live.Select(t => Of(t.Value))]
            : [.. only.Select(r => live.FirstOrDefault(t => t.Value.Id == r.Id && t.Value.Port == r.Port) is { } t ? Of(t.Value) : TargetHealthMerger.NotRegistered(r))];
    }

    private async ValueTask ApplyAsync(List<WriteOp> ops, CancellationToken cancellationToken)
    {
        if (ops.Count > 0)
        {
            await store.Store.ApplyAsync(ops, cancellationToken).ConfigureAwait(false);
        }
    }
}
