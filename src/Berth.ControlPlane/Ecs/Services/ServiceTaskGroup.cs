namespace Berth.ControlPlane.Ecs.Services;

/// <summary>The task group every task of a service carries (<c>service:&lt;name&gt;</c>), by which its tasks are found.</summary>
public static class ServiceTaskGroup
{
    public const string Prefix = "service:";

    public static string Of(string serviceName) => Prefix + serviceName;

    /// <summary>The service a task group names, or null for a group that is not a service's.</summary>
    public static string? ServiceOf(string? group) =>
        group is { Length: > 0 } && group.StartsWith(Prefix, StringComparison.Ordinal) && group.Length > Prefix.Length ? group[Prefix.Length..] : null;
}
