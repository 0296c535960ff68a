namespace Berth.Agent.Engine;

/// <summary>Stopping runs dependsOn in reverse: a container is not stopped while a container that depends on it has not stopped.</summary>
internal static class ShutdownOrder
{
    /// <summary>Whether <paramref name="container"/> may be stopped now; containers with no dependency relation stop in parallel.</summary>
    public static bool CanStop(TaskState task, string container) =>
        task.Spec.Containers
            .Where(c => c.DependsOn.Any(d => string.Equals(d.ContainerName, container, StringComparison.Ordinal)))
            .All(c => task.Container(c.Name).KnownStatus == ContainerStatus.Stopped);
}
