using Berth.Aws.Protocol;

namespace Berth.ControlPlane.Ecs.Tasks;

/// <summary>The errors of the task operations, each worded once.</summary>
public static class TaskErrors
{
    public const int MaxCount = 10;
    public const int MaxStartedBy = 128;
    public const int MaxReason = 255;

    public static AwsException Count() => EcsErrors.InvalidParameter($"count must be between 1 and {MaxCount}.");

    public static AwsException StartedBy() => EcsErrors.InvalidParameter($"startedBy must be at most {MaxStartedBy} characters.");

    public static AwsException Reason() => EcsErrors.InvalidParameter($"reason must be at most {MaxReason} characters.");

    public static AwsException TaskDefinitionNotFound() => EcsErrors.Client("Unable to describe task definition.");

    public static AwsException TaskDefinitionInactive() => EcsErrors.InvalidParameter("TaskDefinition is inactive");

    public static AwsException LaunchTypeNotSupported(string launchType) =>
        EcsErrors.InvalidParameter($"launchType {launchType} is not supported yet by Berth; use EC2 or EXTERNAL.");

    public static AwsException Incompatible(string launchType) =>
        EcsErrors.InvalidParameter($"Task definition does not support launch_type {launchType}.");

    public static AwsException NotYetSupported(string parameter) =>
        EcsErrors.InvalidParameter($"{parameter} is not supported yet by Berth.");

    /// <summary>Every reason the agent could not run the definition, in one message so the caller fixes them at once.</summary>
    public static AwsException Unsupported(IReadOnlyList<string> problems) =>
        EcsErrors.InvalidParameter($"The task definition uses what Berth cannot run yet: {string.Join("; ", problems)}");

    public static AwsException UnknownContainer(string? name) =>
        EcsErrors.InvalidParameter($"Override for container named {name} is not a container in the TaskDefinition.");

    public static AwsException NoInstances() => EcsErrors.InvalidParameter("No Container Instances were found in your cluster.");

    public static AwsException NotFound() => EcsErrors.InvalidParameter("The referenced task was not found.");

    public static AwsException InvalidStatus(string what, string status) =>
        EcsErrors.InvalidParameter($"{status} is not a valid {what} status.");

    public static AwsException UnknownContainerReported(string? name) =>
        EcsErrors.InvalidParameter($"Container {name} is not a container of the task.");

    /// <summary>A container instance's key reporting a task placed elsewhere.</summary>
    public static AwsException NotOnCaller(string principalArn, string operation, string? taskArn) =>
        new("AccessDeniedException", $"User: {principalArn} is not authorized to perform: ecs:{operation} on resource: {taskArn}");

    public static AwsException TooMany(int max) => EcsErrors.InvalidParameter($"tasks can have at most {max} items.");
}
