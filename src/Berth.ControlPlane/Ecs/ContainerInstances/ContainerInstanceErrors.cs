using Berth.Aws.Protocol;
using Berth.ControlPlane.Placement.Query;

namespace Berth.ControlPlane.Ecs.ContainerInstances;

/// <summary>The errors and failure reasons of the container instance operations, each worded once.</summary>
public static class ContainerInstanceErrors
{
    /// <summary>The failure reason Describe and UpdateContainerInstancesState report for an instance they cannot find.</summary>
    public const string Missing = "MISSING";

    /// <summary>The failure reason UpdateContainerInstancesState reports for a deregistered instance.</summary>
    public const string Inactive = "INACTIVE";

    public const string InactiveDetail = "The container instance is deregistered; its status can no longer change.";

    public static AwsException NotFound() => EcsErrors.InvalidParameter("The referenced container instance was not found.");

    /// <summary>TagResource and friends answer ResourceNotFoundException, which their model lists and Deregister's does not.</summary>
    public static AwsException TagTargetNotFound() => EcsErrors.ResourceNotFound("The specified container instance does not exist.");

    public static AwsException InvalidArn(string arn) =>
        EcsErrors.InvalidParameter($"'{arn}' is not the ARN of a container instance of this cluster.");

    public static AwsException HasTasks() => EcsErrors.InvalidParameter(
        "The container instance has running or pending tasks. Deregister it with force to leave them behind.");

    public static AwsException InvalidFilter(QuerySyntaxException error) => EcsErrors.InvalidParameter(error.Describe("filter expression"));

    public static AwsException PlatformDevicesNotSupported() => EcsErrors.InvalidParameter(
        "platformDevices (GPUs) are not supported by Berth yet; register the instance without them.");

    public static AwsException TooMany(string parameter, int max) =>
        EcsErrors.InvalidParameter($"{parameter} must list between 1 and {max} container instances.");

    public static AwsException TargetStatus(string status) =>
        EcsErrors.InvalidParameter($"Container instances can only be set to ACTIVE or DRAINING, not {status}.");

    public static AwsException ResourceMissing(string name) =>
        EcsErrors.InvalidParameter($"totalResources must include {name} as an INTEGER resource.");

    public static AwsException ResourceNegative(string name) =>
        EcsErrors.InvalidParameter($"The value of resource {name} must not be negative.");

    public static AwsException ResourceType(string name, string type, string member) =>
        EcsErrors.InvalidParameter($"Resource {name} must be of type {type}, given as {member}.");

    public static AwsException ResourceUnknown(string? name) =>
        EcsErrors.InvalidParameter($"Unknown resource '{name}': container instances register CPU, MEMORY, PORTS, PORTS_UDP and GPU.");

    public static AwsException ResourceDuplicate(string name) => EcsErrors.InvalidParameter($"Resource {name} is given more than once.");

    public static AwsException Port(string name, string? value) =>
        EcsErrors.InvalidParameter($"'{value}' in resource {name} is not a port number between 1 and 65535.");
}
