using Berth.ControlPlane.Ecs;
using Berth.Domain;

namespace Berth.ControlPlane.Elb.Targets;

/// <summary>The EC2-style ids (<c>i-…</c>) of the scope's registered container instances: the ids an instance target may name.</summary>
public sealed class InstanceTargets(EcsStore ecs)
{
    public async ValueTask<HashSet<string>> KnownAsync(ResourceScope scope, CancellationToken cancellationToken)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var instance in ecs.ContainerInstances.ScanAsync(scope.Partition, null, cancellationToken).ConfigureAwait(false))
        {
            if (instance.Value.Status != "INACTIVE" && instance.Value.Ec2InstanceId is { } id)
            {
                known.Add(id);
            }
        }

        return known;
    }
}
