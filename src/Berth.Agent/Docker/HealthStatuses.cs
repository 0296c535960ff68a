namespace Berth.Agent.Docker;

/// <summary>Docker's health status words, in inspect and in <c>health_status: &lt;status&gt;</c> events.</summary>
public static class HealthStatuses
{
    public const string Starting = "starting";
    public const string Healthy = "healthy";
    public const string Unhealthy = "unhealthy";
}
