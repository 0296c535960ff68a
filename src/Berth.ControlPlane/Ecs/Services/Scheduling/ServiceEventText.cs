namespace Berth.ControlPlane.Ecs.Services.Scheduling;

/// <summary>Service event messages in ECS's own words (ecs-semantics §4.4).</summary>
public static class ServiceEventText
{
    public static string Started(string service, IEnumerable<string> taskIds)
    {
        var ids = taskIds.ToList();
        return $"(service {service}) has started {ids.Count} tasks: {string.Join(' ', ids.Select(id => $"(task {id})"))}.";
    }

    /// <summary>No instance took the task; <paramref name="closest"/> is the instance that passed the most checks and the reason
    /// it gave, when the cluster has any.</summary>
    public static string UnableToPlace(string service, (string InstanceId, string Reason)? closest) =>
        $"(service {service}) was unable to place a task because no container instance met all of its requirements."
        + (closest is { } c ? " " + Closest(c.InstanceId, c.Reason) : " Reason: No Container Instances were found in your cluster.");

    private static string Closest(string instanceId, string reason) => reason switch
    {
        "RESOURCE:CPU" => $"The closest matching container-instance {instanceId} has insufficient CPU units available.",
        "RESOURCE:MEMORY" => $"The closest matching container-instance {instanceId} has insufficient memory available.",
        "RESOURCE:PORTS" or "RESOURCE:PORTS_UDP" => $"The closest matching container-instance {instanceId} is already using a port required by your task.",
        _ => $"The closest matching container-instance {instanceId} encountered error \"{reason}\".",
    };
}
