using Berth.ControlPlane.Controllers;
using Berth.ControlPlane.Elb.TargetGroups;
using Berth.State;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Elb.Targets;

/// <summary>Removes targets whose draining has run for their group's deregistration delay, every <see cref="Interval"/>;
/// the removal is what tells the data plane (through the change feed) to drop them. A target changed since it was read
/// (registered again) is left for the next sweep.</summary>
public sealed class TargetDrainSweeper(ElbStore store, TimeProvider time, ILogger<TargetDrainSweeper> logger)
    : PeriodicSweeper(Interval, "Sweeping drained load balancer targets", time, logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async ValueTask SweepOnceAsync(CancellationToken cancellationToken) => await SweepAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>One sweep over every account and region; returns how many targets it removed.</summary>
    public async ValueTask<int> SweepAsync(CancellationToken cancellationToken)
    {
        var removed = 0;
        var now = Time.GetUtcNow();
        foreach (var partition in await store.Store.ListPartitionsAsync(store.Targets.Kind, cancellationToken).ConfigureAwait(false))
        {
            var ops = new List<WriteOp>();
            await foreach (var group in store.TargetGroups.ScanAsync(partition, null, cancellationToken).ConfigureAwait(false))
            {
                var name = group.Value.TargetGroup.TargetGroupName!;
                var delay = TargetGroupAttributes.DeregistrationDelaySeconds(group.Value.Attributes);
                await foreach (var target in store.Targets.ScanAsync(partition, ElbStore.TargetPrefix(name), cancellationToken).ConfigureAwait(false))
                {
                    if (target.Value.Gone(now, delay))
                    {
                        ops.Add(store.Targets.Delete(partition, ElbStore.TargetKey(name, target.Value.Id, target.Value.Port), target.Version));
                    }
                }
            }

            if (ops.Count > 0)
            {
                try
                {
                    await store.Store.ApplyAsync(ops, cancellationToken).ConfigureAwait(false);
                }
                catch (ConcurrencyConflictException)
                {
                    continue; // a target changed meanwhile: the next sweep reads afresh
                }
            }

            removed += ops.Count;
        }

        return removed;
    }
}
