using Berth.LoadBalancing;

namespace Berth.ControlPlane.Elb;

/// <summary>The health source until a data plane registers its own: nothing observed, so registered targets read as initial.</summary>
public sealed class NoTargetHealthObservations : ITargetHealthSource
{
    public IReadOnlyList<TargetHealthObservation> Observe(string targetGroupArn) => [];
}
