using Berth.ControlPlane.Ecs;
using Berth.Domain;

namespace Berth.ControlPlane.Elb.Targets;

/// <summary>The EC2-style ids (<c>i-…</c>) of the scope's container instances, the ids an instance target may name, each
/// with whether it is running: a deregistered (INACTIVE) container instance stands for an instance that no longer runs.</summary>
public sealed class InstanceTargets(EcsStore ecs)
{
    /// <returns>Each known EC2 instance id and whether some container instance with it is still registered.</returns>
    public async ValueTask<Dictionary<string, bool>> RunningByIdAsync(ResourceScope scope, CancellationToken cancellationToken)
    {
        var running = new Dictionary<string, bool>(StringComparer.Ordinal);
        await foreach (var instance in ecs.ContainerInstances.ScanAsync(scope.Partition, null, cancellationToken).ConfigureAwait(false))
        {
            if (instance.Value.Ec2InstanceId is { } id)
            {
                running[id] = running.GetValueOrDefault(id) || instance.Value.Status != "INACTIVE";
            }
        }

        return running;
    }
}
