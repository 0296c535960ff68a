using Berth.LoadBalancing;

namespace Berth.ControlPlane.Elb.Targets;

/// <summary>What DescribeTargetHealth says of one target: the control plane's facts (registration, draining, whether any
/// listener forwards to the group, whether health checks are on) first, then the data plane's latest observation.</summary>
public static class TargetHealthMerger
{
    public static TargetHealthView Merge(TargetRef target, bool draining, bool groupInUse, bool healthCheckEnabled, TargetHealthObservation? observation) =>
        draining ? new(target, "draining", "Target.DeregistrationInProgress", "Target deregistration is in progress")
        : !groupInUse ? new(target, "unused", "Target.NotInUse", "Target group is not configured to receive traffic from the load balancer")
        : !healthCheckEnabled ? new(target, "unavailable", "Target.HealthCheckDisabled", "Health checks are disabled")
        : observation switch
        {
            null => new(target, "initial", "Elb.RegistrationInProgress", "Target registration is in progress"),
            { State: ObservedHealth.Healthy } => new(target, "healthy", null, null),
            { State: ObservedHealth.Unhealthy } => new(target, "unhealthy", observation.Reason ?? "Target.FailedHealthChecks",
                observation.Description ?? "Health checks failed"),
            _ => new(target, "initial", observation.Reason ?? "Elb.InitialHealthChecking", observation.Description ?? "Initial health checks in progress"),
        };

    /// <summary>A target the group does not have.</summary>
    public static TargetHealthView NotRegistered(TargetRef target) =>
        new(target, "unused", "Target.NotRegistered", "Target is not registered to the target group");
}
