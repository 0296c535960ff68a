using System.Globalization;

namespace Berth.Agent.Engine;

/// <summary>Every user-visible reason the engine writes, defined once; container reasons follow ECS's "ErrorName: message" shape.</summary>
public static class Reasons
{
    /// <summary>Task stoppedReason when an essential container stopped (ECS wording).</summary>
    public const string EssentialContainerExited = "Essential container in task exited";

    /// <summary>Task stoppedReason of StopTask without a reason (as observed on ECS).</summary>
    public const string TaskStoppedByUser = "Task stopped by user";

    /// <summary>Error name of a failed image pull (ECS).</summary>
    public const string CannotPullContainerError = "CannotPullContainerError";

    /// <summary>Error name of a failed container create (ECS).</summary>
    public const string CannotCreateContainerError = "CannotCreateContainerError";

    /// <summary>Error name of a failed container start (ECS).</summary>
    public const string CannotStartContainerError = "CannotStartContainerError";

    /// <summary>Error name when a dependency can never meet its condition (Berth's wording; ECS does not document one).</summary>
    public const string ContainerDependencyError = "ContainerDependencyError";

    /// <summary>Error name when a dependency did not meet its condition within its start timeout (Berth's wording).</summary>
    public const string ContainerDependencyTimeoutError = "ContainerDependencyTimeoutError";

    /// <summary>ECS limits a container reason to 1024 characters.</summary>
    public const int MaxContainerReasonLength = 1024;

    /// <summary>"CannotPullContainerError: &lt;error&gt;".</summary>
    public static string CannotPull(string error) => Limit($"{CannotPullContainerError}: {error}");

    /// <summary>"CannotCreateContainerError: &lt;error&gt;".</summary>
    public static string CannotCreate(string error) => Limit($"{CannotCreateContainerError}: {error}");

    /// <summary>"CannotStartContainerError: &lt;error&gt;".</summary>
    public static string CannotStart(string error) => Limit($"{CannotStartContainerError}: {error}");

    /// <summary>Why <paramref name="dependent"/> will never start: <paramref name="dependency"/> can no longer meet <paramref name="condition"/>.</summary>
    public static string DependencyFailed(string dependent, string dependency, DependencyCondition condition) =>
        Limit($"{ContainerDependencyError}: container {dependent} cannot start: dependency {dependency} can no longer meet condition {condition.ToWire()}");

    /// <summary>Why <paramref name="dependent"/> will never start: <paramref name="dependency"/> did not meet <paramref name="condition"/> within its start timeout.</summary>
    public static string DependencyTimedOut(string dependent, string dependency, DependencyCondition condition, TimeSpan startTimeout) =>
        Limit(string.Create(CultureInfo.InvariantCulture,
            $"{ContainerDependencyTimeoutError}: container {dependent} cannot start: dependency {dependency} did not meet condition {condition.ToWire()} within {startTimeout.TotalSeconds:0.###}s"));

    /// <summary>Cuts a reason to what ECS accepts, so a long Docker message never makes a report fail.</summary>
    public static string Limit(string reason) =>
        reason.Length <= MaxContainerReasonLength ? reason : reason[..MaxContainerReasonLength];
}
