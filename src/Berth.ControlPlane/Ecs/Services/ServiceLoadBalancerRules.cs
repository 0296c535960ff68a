using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Elb;
using TargetTypeEnum = Berth.Aws.Generated.Elbv2.TargetTypeEnum;

namespace Berth.ControlPlane.Ecs.Services;

/// <summary>The loadBalancers CreateService and UpdateService accept (ecs-semantics §4.8), pure so every rule is tested without
/// ELBv2: at most 5 entries, each a target group (Berth has no Classic Load Balancers, so a loadBalancerName never exists) with a container name and port that
/// the task definition maps, a group that exists, is behind a load balancer, and whose target type suits the network mode
/// (instance for bridge and host, ip for awsvpc).</summary>
public static class ServiceLoadBalancerRules
{
    public const int MaxLoadBalancers = 5;

    /// <summary>The entries' shape, before any target group is looked up.</summary>
    public static List<LoadBalancer> Shape(List<LoadBalancer>? given)
    {
        var balancers = given ?? [];
        if (balancers.Count > MaxLoadBalancers)
        {
            throw ServiceErrors.TooManyLoadBalancers();
        }

        foreach (var balancer in balancers)
        {
            if (balancer.LoadBalancerName is not null)
            {
                throw ServiceErrors.ClassicLoadBalancerNotFound(balancer.LoadBalancerName);
            }

            if (balancer.TargetGroupArn is null || balancer.ContainerName is null || balancer.ContainerPort is null)
            {
                throw ServiceErrors.LoadBalancerIncomplete();
            }
        }

        return balancers;
    }

    /// <summary>Each entry against the task definition and its target group as ELBv2 knows it (null: not found).</summary>
    public static void Check(IReadOnlyList<LoadBalancer> balancers, TaskDefinition definition, IReadOnlyDictionary<string, TargetGroupFacts?> groups)
    {
        var networkMode = definition.NetworkMode ?? NetworkMode.Bridge;
        foreach (var balancer in balancers)
        {
            var arn = balancer.TargetGroupArn!;
            var group = groups.GetValueOrDefault(arn) ?? throw ServiceErrors.TargetGroupNotFound(arn);
            if (group.LoadBalancerArns.Count == 0)
            {
                throw ServiceErrors.TargetGroupWithoutLoadBalancer(arn);
            }

            var container = definition.ContainerDefinitions?.FirstOrDefault(c => c.Name == balancer.ContainerName)
                ?? throw ServiceErrors.LoadBalancedContainerMissing(balancer.ContainerName!);
            if (container.PortMappings?.Any(m => m.ContainerPort == balancer.ContainerPort) != true)
            {
                throw ServiceErrors.LoadBalancedPortMissing(balancer.ContainerName!, balancer.ContainerPort!.Value);
            }

            var wanted = networkMode == NetworkMode.Awsvpc ? TargetTypeEnum.Ip : TargetTypeEnum.Instance;
            if (group.TargetType != wanted)
            {
                throw ServiceErrors.TargetTypeIncompatible(arn, group.TargetType, networkMode);
            }
        }
    }

    /// <summary>Whether two loadBalancers lists name the same entries in the same order.</summary>
    public static bool Same(IReadOnlyList<LoadBalancer>? a, IReadOnlyList<LoadBalancer>? b) => (a ?? []).SequenceEqual(b ?? []);
}
