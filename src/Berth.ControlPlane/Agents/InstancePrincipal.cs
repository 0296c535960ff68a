namespace Berth.ControlPlane.Agents;

/// <summary>Who a container instance's own key authenticates as: an assumed role per instance, as ECS's instance role.</summary>
public static class InstancePrincipal
{
    public const string RoleName = "berth-container-instance";

    public static string Arn(string accountId, string instanceId) => $"arn:aws:sts::{accountId}:assumed-role/{RoleName}/{instanceId}";
}
