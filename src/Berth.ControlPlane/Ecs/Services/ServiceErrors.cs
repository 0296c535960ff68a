using Berth.Aws.Protocol;

namespace Berth.ControlPlane.Ecs.Services;

/// <summary>The errors of the service operations, each worded once.</summary>
public static class ServiceErrors
{
    public const int MaxDescribe = 10;
    public const int MaxDescribeDeployments = 20;
    public const int MaxProtectedTasks = 10;
    public const int MinProtectionMinutes = 1;
    public const int MaxProtectionMinutes = 2880;

    public static AwsException NotFound() => new("ServiceNotFoundException", "Service not found.");

    public static AwsException NotActive() => new("ServiceNotActiveException", "Service was not ACTIVE.");

    public static AwsException DeploymentNotFound() => new("ServiceDeploymentNotFoundException", "Service deployment not found.");

    public static AwsException InvalidName() =>
        EcsErrors.InvalidParameter("Invalid service name. Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed.");

    public static AwsException NotIdempotent() => EcsErrors.InvalidParameter("Creation of service was not idempotent.");

    public static AwsException BeingDeleted() =>
        EcsErrors.InvalidParameter("A service with this name is being deleted (DRAINING). Wait until it is INACTIVE and try again.");

    public static AwsException ScaledAboveZero() => EcsErrors.InvalidParameter("The service cannot be stopped while it is scaled above 0.");

    public static AwsException TaskDefinitionRequired() => EcsErrors.InvalidParameter("taskDefinition is required for a service with the ECS deployment controller.");

    public static AwsException DesiredCountRequired() => EcsErrors.InvalidParameter("desiredCount is required for a service with the REPLICA scheduling strategy.");

    public static AwsException DesiredCountNegative() => EcsErrors.InvalidParameter("desiredCount must be 0 or greater.");

    public static AwsException DaemonDesiredCount() =>
        EcsErrors.InvalidParameter("desiredCount cannot be set for a service with the DAEMON scheduling strategy: it runs one task per container instance.");

    public static AwsException DaemonPlacementStrategy() =>
        EcsErrors.InvalidParameter("Placement strategies are not supported with the DAEMON scheduling strategy.");

    public static AwsException DeploymentController(string? type) =>
        EcsErrors.InvalidParameter($"deploymentController type {type} is not supported yet by Berth; only ECS is.");

    public static AwsException DeploymentStrategy(string strategy) =>
        EcsErrors.InvalidParameter($"deploymentConfiguration strategy {strategy} is not supported yet by Berth; only ROLLING is.");

    public static AwsException MinimumHealthyPercent() => EcsErrors.InvalidParameter("minimumHealthyPercent must be between 0 and 100.");

    public static AwsException MaximumPercent() => EcsErrors.InvalidParameter("maximumPercent must be between 100 and 2000.");

    public static AwsException DaemonMaximumPercent() =>
        EcsErrors.InvalidParameter("maximumPercent must be 100 for a service with the DAEMON scheduling strategy.");

    public static AwsException CircuitBreaker() => EcsErrors.InvalidParameter("deploymentCircuitBreaker requires both enable and rollback.");

    public static AwsException GracePeriod() => EcsErrors.InvalidParameter("healthCheckGracePeriodSeconds must be 0 or greater.");

    public static AwsException TooMany(string what, int max) => EcsErrors.InvalidParameter($"{what} can have at most {max} items.");

    public static AwsException StopTypeNotSupported(string stopType) =>
        EcsErrors.InvalidParameter($"stopType {stopType} is not supported yet by Berth; use ROLLBACK.");

    public static AwsException NotInProgress(string arn) => Conflict("The service deployment is not IN_PROGRESS, so it cannot be stopped.", arn);

    public static AwsException NothingToRollBackTo(string arn) =>
        Conflict("The service has no completed deployment to roll back to.", arn);

    public static AwsException ExpiresInMinutes() =>
        EcsErrors.InvalidParameter($"expiresInMinutes must be between {MinProtectionMinutes} and {MaxProtectionMinutes}.");

    private static AwsException Conflict(string message, string arn) =>
        new("ConflictException", message) { Extra = new Dictionary<string, object?> { ["resourceIds"] = new List<string> { arn } } };

    public static AwsException TooManyLoadBalancers() =>
        EcsErrors.InvalidParameter($"load balancers can have at most {ServiceLoadBalancerRules.MaxLoadBalancers} items.");

    public static AwsException ClassicLoadBalancerNotFound(string name) => EcsErrors.InvalidParameter($"The load balancer {name} does not exist.");

    public static AwsException LoadBalancerIncomplete() =>
        EcsErrors.InvalidParameter("A load balancer must specify a targetGroupArn, a containerName and a containerPort.");

    public static AwsException TargetGroupNotFound(string arn) => EcsErrors.InvalidParameter($"The target group with targetGroupArn {arn} does not exist.");

    public static AwsException TargetGroupWithoutLoadBalancer(string arn) =>
        EcsErrors.InvalidParameter($"The target group {arn} does not have an associated load balancer.");

    public static AwsException LoadBalancedContainerMissing(string container) =>
        EcsErrors.InvalidParameter($"The container {container} does not exist in the task definition.");

    public static AwsException LoadBalancedPortMissing(string container, int port) =>
        EcsErrors.InvalidParameter($"The container {container} did not have a container port {port} defined.");

    public static AwsException TargetTypeIncompatible(string arn, string targetType, string networkMode) =>
        EcsErrors.InvalidParameter(
            $"The provided target group {arn} has target type {targetType}, which is incompatible with the {networkMode} network mode specified in the task definition.");
}
