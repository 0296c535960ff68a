using System.Text.RegularExpressions;
using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Tasks;
using Berth.ControlPlane.Placement;

namespace Berth.ControlPlane.Ecs.Services;

/// <summary>What CreateService and UpdateService accept, pure so every rule is tested without a store: names, launch types,
/// scheduling strategies, desired counts, deployment configuration defaults and bounds, placement.</summary>
public static partial class ServiceRules
{
    public const int ReplicaMinimumHealthyPercent = 100;
    public const int ReplicaMaximumPercent = 200;
    public const int DaemonMinimumHealthyPercent = 0;
    public const int DaemonMaximumPercent = 100;
    public const int MaxMaximumPercent = 2000;

    public static string Name(string? name) => name is not null && NamePattern().IsMatch(name) ? name : throw ServiceErrors.InvalidName();

    /// <summary>EC2 when none is given; FARGATE is refused until Berth runs it.</summary>
    public static string LaunchType(string? launchType)
    {
        var chosen = launchType ?? Aws.Generated.Ecs.LaunchType.Ec2;
        return chosen is Aws.Generated.Ecs.LaunchType.Ec2 or Aws.Generated.Ecs.LaunchType.External ? chosen : throw TaskErrors.LaunchTypeNotSupported(chosen);
    }

    /// <summary>Refuses what CreateService and UpdateService take that Berth cannot honour yet (capacity providers, service
    /// discovery, awsvpc networking, Fargate platforms, Service Connect, volumes, VPC Lattice) rather than
    /// storing what would be silently ignored, naming every such parameter given.</summary>
    public static void RefuseUnsupported(
        List<CapacityProviderStrategyItem>? capacityProviderStrategy, List<ServiceRegistry>? serviceRegistries, NetworkConfiguration? networkConfiguration, string? platformVersion,
        ServiceConnectConfiguration? serviceConnectConfiguration, List<ServiceVolumeConfiguration>? volumeConfigurations,
        List<VpcLatticeConfiguration>? vpcLatticeConfigurations)
    {
        (string Name, bool Given)[] parameters =
        [
            ("capacityProviderStrategy", capacityProviderStrategy is { Count: > 0 }),
            ("serviceRegistries", serviceRegistries is { Count: > 0 }),
            ("networkConfiguration", networkConfiguration is not null),
            ("platformVersion", platformVersion is not null),
            ("serviceConnectConfiguration", serviceConnectConfiguration is not null),
            ("volumeConfigurations", volumeConfigurations is { Count: > 0 }),
            ("vpcLatticeConfigurations", vpcLatticeConfigurations is { Count: > 0 }),
        ];
        var given = parameters.Where(p => p.Given).Select(p => p.Name).ToList();
        if (given.Count > 0)
        {
            throw TaskErrors.NotYetSupported(string.Join(", ", given));
        }
    }

    public static string SchedulingStrategy(string? strategy) => strategy ?? Aws.Generated.Ecs.SchedulingStrategy.Replica;

    /// <summary>REPLICA services need a desired count; DAEMON services take none (the scheduler counts their instances).</summary>
    public static int DesiredCount(string schedulingStrategy, int? desiredCount)
    {
        if (schedulingStrategy == Aws.Generated.Ecs.SchedulingStrategy.Daemon)
        {
            return desiredCount is null ? 0 : throw ServiceErrors.DaemonDesiredCount();
        }

        return desiredCount switch
        {
            null => throw ServiceErrors.DesiredCountRequired(),
            < 0 => throw ServiceErrors.DesiredCountNegative(),
            _ => desiredCount.Value,
        };
    }

    /// <summary>An update's new desired count, or the current one when none is given.</summary>
    public static int UpdatedDesiredCount(string schedulingStrategy, int? desiredCount, int current) =>
        desiredCount is null ? current : DesiredCount(schedulingStrategy, desiredCount);

    /// <summary>Only the ECS (rolling) deployment controller is supported.</summary>
    public static DeploymentController Controller(DeploymentController? controller) =>
        controller?.Type is null or DeploymentControllerType.Ecs
            ? new DeploymentController { Type = DeploymentControllerType.Ecs }
            : throw ServiceErrors.DeploymentController(controller.Type);

    /// <summary>The given configuration over <paramref name="current"/> (the strategy's defaults when creating: REPLICA
    /// 100/200, DAEMON 0/100), checked: minimum 0–100, maximum 100–2000 (exactly 100 for DAEMON), a circuit breaker with both
    /// of its flags, the rolling strategy only. Alarms are kept as given.</summary>
    public static DeploymentConfiguration Deployment(string schedulingStrategy, DeploymentConfiguration? given, DeploymentConfiguration? current)
    {
        var daemon = schedulingStrategy == Aws.Generated.Ecs.SchedulingStrategy.Daemon;
        var basis = current ?? new DeploymentConfiguration
        {
            MinimumHealthyPercent = daemon ? DaemonMinimumHealthyPercent : ReplicaMinimumHealthyPercent,
            MaximumPercent = daemon ? DaemonMaximumPercent : ReplicaMaximumPercent,
        };
        if (given is null)
        {
            return basis;
        }

        if (given.Strategy is { } strategy && strategy != DeploymentStrategy.Rolling)
        {
            throw ServiceErrors.DeploymentStrategy(strategy);
        }

        if (given.DeploymentCircuitBreaker is { } breaker && (breaker.Enable is null || breaker.Rollback is null))
        {
            throw ServiceErrors.CircuitBreaker();
        }

        var merged = basis with
        {
            MinimumHealthyPercent = given.MinimumHealthyPercent ?? basis.MinimumHealthyPercent,
            MaximumPercent = given.MaximumPercent ?? basis.MaximumPercent,
            DeploymentCircuitBreaker = given.DeploymentCircuitBreaker ?? basis.DeploymentCircuitBreaker,
            Alarms = given.Alarms ?? basis.Alarms,
            Strategy = given.Strategy ?? basis.Strategy,
        };
        if (merged.MinimumHealthyPercent is < 0 or > 100)
        {
            throw ServiceErrors.MinimumHealthyPercent();
        }

        if (daemon && merged.MaximumPercent != DaemonMaximumPercent)
        {
            throw ServiceErrors.DaemonMaximumPercent();
        }

        return merged.MaximumPercent is < 100 or > MaxMaximumPercent ? throw ServiceErrors.MaximumPercent() : merged;
    }

    /// <summary>Placement rules are checked as RunTask checks them (limits counted with the task definition's constraints);
    /// DAEMON services place one task per instance, so they take no strategy.</summary>
    public static void Placement(
        string schedulingStrategy, List<TaskDefinitionPlacementConstraint>? definitionConstraints, List<PlacementConstraint>? constraints,
        List<PlacementStrategy>? strategies)
    {
        if (schedulingStrategy == Aws.Generated.Ecs.SchedulingStrategy.Daemon && strategies is { Count: > 0 })
        {
            throw ServiceErrors.DaemonPlacementStrategy();
        }

        PlacementRulesReader.Read(definitionConstraints, constraints, strategies);
    }

    public static int? GracePeriod(int? seconds) => seconds is < 0 ? throw ServiceErrors.GracePeriod() : seconds;

    [GeneratedRegex("^[A-Za-z0-9_-]{1,255}$")]
    private static partial Regex NamePattern();
}
