using Berth.ControlPlane.Elb.TargetGroups;
using Berth.ControlPlane.Storage;
using Berth.Domain;

namespace Berth.ControlPlane.Elb.Targets;

/// <summary>A group's targets as every reader sees them: a draining target whose deregistration delay has passed is gone,
/// whether or not <see cref="TargetDrainSweeper"/> has removed its document yet.</summary>
public sealed class LiveTargets(ElbStore store, TimeProvider time)
{
    /// <summary>The group's targets that have not finished draining, in key order.</summary>
    public async ValueTask<List<Versioned<StoredTarget>>> ReadAsync(ResourceScope scope, StoredTargetGroup group, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var delay = TargetGroupAttributes.DeregistrationDelaySeconds(group.Attributes);
        var live = new List<Versioned<StoredTarget>>();
        await foreach (var target in store.Targets.ScanAsync(scope.Partition, ElbStore.TargetPrefix(group.TargetGroup.TargetGroupName!), cancellationToken)
            .ConfigureAwait(false))
        {
            if (!target.Value.Gone(now, delay))
            {
                live.Add(target);
            }
        }

        return live;
    }
}
