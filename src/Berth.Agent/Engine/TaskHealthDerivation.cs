namespace Berth.Agent.Engine;

/// <summary>Task healthStatus from the essential containers only; non-essential containers never make a task unhealthy.</summary>
internal static class TaskHealthDerivation
{
    /// <summary>Any essential UNHEALTHY → UNHEALTHY; else any essential UNKNOWN (including one without a health check) → UNKNOWN; else HEALTHY. UNHEALTHY winning over UNKNOWN is our reading; ECS docs list both.</summary>
    public static HealthStatus Derive(TaskState task)
    {
        var result = HealthStatus.Healthy;
        foreach (var spec in task.Spec.Containers)
        {
            if (!spec.Essential)
            {
                continue;
            }
            var health = spec.HasHealthCheck ? task.Container(spec.Name).Health : HealthStatus.Unknown;
            if (health == HealthStatus.Unhealthy)
            {
                return HealthStatus.Unhealthy;
            }
            if (health == HealthStatus.Unknown)
            {
                result = HealthStatus.Unknown;
            }
        }
        return result;
    }
}
