using Berth.Aws.Generated.Elbv2;
using Berth.ControlPlane.Elb;

namespace Berth.ControlPlane.Ecs.Services.Scheduling;

/// <summary>Where a service task stands in one target group of its deployment's loadBalancers.</summary>
/// <param name="TargetGroupArn">The group (one entry of the deployment's loadBalancers).</param>
/// <param name="TargetType">The group's target type (instance for bridge and host tasks, ip for awsvpc ones).</param>
/// <param name="Target">The task's target: its instance's EC2 id and the host port bound to containerName/containerPort; null
/// while the task has no such binding (not yet RUNNING).</param>
/// <param name="Health">The target as DescribeTargetHealth shows it; null when the group does not list it (never registered, or
/// its deregistration delay is over).</param>
public sealed record TaskTarget(string TargetGroupArn, string TargetType, TargetRef? Target, TargetHealthView? Health)
{
    public bool IsListed => Health is not null;

    public bool IsHealthy => Health?.State == TargetHealthStateEnum.Healthy;

    public bool IsUnhealthy => Health?.State == TargetHealthStateEnum.Unhealthy;

    /// <summary>Listed and not yet draining: what a stop must deregister first.</summary>
    public bool IsServing => Health is { State: not (TargetHealthStateEnum.Draining or TargetHealthStateEnum.UnhealthyDraining) };
}
