namespace Berth.Agent.Engine;

/// <summary>The ECS wire string of every engine enum, spelled out per value so a rename in C# can never change what clients see.</summary>
public static class WireNames
{
    /// <summary>Task lastStatus as ECS spells it.</summary>
    public static string ToWire(this TaskStatus status) => status switch
    {
        TaskStatus.Provisioning => "PROVISIONING",
        TaskStatus.Pending => "PENDING",
        TaskStatus.Activating => "ACTIVATING",
        TaskStatus.Running => "RUNNING",
        TaskStatus.Deactivating => "DEACTIVATING",
        TaskStatus.Stopping => "STOPPING",
        TaskStatus.Deprovisioning => "DEPROVISIONING",
        TaskStatus.Stopped => "STOPPED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown task status."),
    };

    /// <summary>Container lastStatus: ECS shows only PENDING, RUNNING and STOPPED, so the steps before RUNNING collapse to PENDING.</summary>
    public static string ToWire(this ContainerStatus status) => status switch
    {
        ContainerStatus.None => "PENDING",
        ContainerStatus.Pulled => "PENDING",
        ContainerStatus.Created => "PENDING",
        ContainerStatus.Running => "RUNNING",
        ContainerStatus.Stopped => "STOPPED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown container status."),
    };

    /// <summary>healthStatus of a container or task.</summary>
    public static string ToWire(this HealthStatus status) => status switch
    {
        HealthStatus.Unknown => "UNKNOWN",
        HealthStatus.Healthy => "HEALTHY",
        HealthStatus.Unhealthy => "UNHEALTHY",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown health status."),
    };

    /// <summary>desiredStatus of a task.</summary>
    public static string ToWire(this DesiredStatus status) => status switch
    {
        DesiredStatus.Running => "RUNNING",
        DesiredStatus.Stopped => "STOPPED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown desired status."),
    };

    /// <summary>stopCode of a task (ECS TaskStopCode).</summary>
    public static string ToWire(this TaskStopCode code) => code switch
    {
        TaskStopCode.TaskFailedToStart => "TaskFailedToStart",
        TaskStopCode.EssentialContainerExited => "EssentialContainerExited",
        TaskStopCode.UserInitiated => "UserInitiated",
        TaskStopCode.ServiceSchedulerInitiated => "ServiceSchedulerInitiated",
        TaskStopCode.SpotInterruption => "SpotInterruption",
        TaskStopCode.TerminationNotice => "TerminationNotice",
        TaskStopCode.InfrastructureHealth => "InfrastructureHealth",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown stop code."),
    };

    /// <summary>condition of a container dependency (ECS ContainerCondition).</summary>
    public static string ToWire(this DependencyCondition condition) => condition switch
    {
        DependencyCondition.Start => "START",
        DependencyCondition.Complete => "COMPLETE",
        DependencyCondition.Success => "SUCCESS",
        DependencyCondition.Healthy => "HEALTHY",
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "Unknown dependency condition."),
    };

    /// <summary>Reads a dependsOn condition as task definitions carry it; false for anything ECS would not accept.</summary>
    public static bool TryParseDependencyCondition(string? wire, out DependencyCondition condition)
    {
        (var known, condition) = wire switch
        {
            "START" => (true, DependencyCondition.Start),
            "COMPLETE" => (true, DependencyCondition.Complete),
            "SUCCESS" => (true, DependencyCondition.Success),
            "HEALTHY" => (true, DependencyCondition.Healthy),
            _ => (false, default),
        };
        return known;
    }

    /// <summary>Reads a task desiredStatus as the control plane sends it; PENDING is a list filter, not something to drive towards.</summary>
    public static bool TryParseDesiredStatus(string? wire, out DesiredStatus status)
    {
        (var known, status) = wire switch
        {
            "RUNNING" => (true, DesiredStatus.Running),
            "STOPPED" => (true, DesiredStatus.Stopped),
            _ => (false, default),
        };
        return known;
    }
}
