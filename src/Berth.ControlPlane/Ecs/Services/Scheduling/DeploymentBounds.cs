using Berth.Aws.Generated.Ecs;

namespace Berth.ControlPlane.Ecs.Services.Scheduling;

/// <summary>How far a deployment may go: at least <paramref name="Lower"/> healthy tasks kept, at most <paramref name="Upper"/>
/// tasks RUNNING or on their way there (ecs-semantics §4.2).</summary>
public sealed record DeploymentBounds(int Lower, int Upper)
{
    /// <summary>ECS's defaults when the deployment configuration leaves a percentage out: REPLICA 100/200, DAEMON 0/100.</summary>
    public static DeploymentBounds For(int desired, DeploymentConfiguration? configuration, string? schedulingStrategy)
    {
        var daemon = schedulingStrategy == SchedulingStrategy.Daemon;
        var minimum = configuration?.MinimumHealthyPercent ?? (daemon ? 0 : 100);
        var maximum = configuration?.MaximumPercent ?? (daemon ? 100 : 200);
        return new((int)Math.Ceiling(desired * (long)minimum / 100m), (int)Math.Floor(desired * (long)maximum / 100m));
    }
}
