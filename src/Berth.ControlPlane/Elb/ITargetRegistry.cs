using Berth.Domain;

namespace Berth.ControlPlane.Elb;

/// <summary>What ECS's service scheduler needs of ELBv2, without going through the wire: check a service's target groups,
/// register its tasks, watch their health, deregister them before they stop.</summary>
public interface ITargetRegistry
{
    /// <summary>The target group, or null when it does not exist in the scope.</summary>
    Task<TargetGroupFacts?> FindTargetGroupAsync(ResourceScope scope, string targetGroupArn, CancellationToken cancellationToken);

    /// <summary>Registers targets (idempotent: a registered target stays as it is; a draining one is registered again).</summary>
    Task RegisterAsync(ResourceScope scope, string targetGroupArn, IReadOnlyList<TargetRef> targets, CancellationToken cancellationToken);

    /// <summary>Starts draining targets (idempotent; unknown targets are ignored). They leave the group after its deregistration delay.</summary>
    Task DeregisterAsync(ResourceScope scope, string targetGroupArn, IReadOnlyList<TargetRef> targets, CancellationToken cancellationToken);

    /// <summary>Every target of the group with its health as DescribeTargetHealth reports it (draining ones included).</summary>
    Task<IReadOnlyList<TargetHealthView>> DescribeAsync(ResourceScope scope, string targetGroupArn, CancellationToken cancellationToken);
}

/// <summary>A target: an instance id (target type instance) or an IP address (target type ip), and a port.</summary>
public sealed record TargetRef(string Id, int Port);

/// <summary>A target's health in ELBv2's words: State is initial, healthy, unhealthy, unused, draining or unavailable.</summary>
public sealed record TargetHealthView(TargetRef Target, string State, string? Reason, string? Description);

/// <summary>What ECS checks of a target group named in a service's loadBalancers.</summary>
/// <param name="TargetType">instance, ip, lambda or alb.</param>
/// <param name="LoadBalancerArns">The load balancers whose listeners forward to it (ECS refuses a group with none).</param>
public sealed record TargetGroupFacts(string TargetGroupArn, string Name, string TargetType, int? Port, IReadOnlyList<string> LoadBalancerArns, int DeregistrationDelaySeconds);
