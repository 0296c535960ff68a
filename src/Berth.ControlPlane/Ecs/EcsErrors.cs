using Berth.Aws.Protocol;

namespace Berth.ControlPlane.Ecs;

/// <summary>The ECS errors Berth answers with, each worded once.</summary>
public static class EcsErrors
{
    public static AwsException ClusterNotFound() => new("ClusterNotFoundException", "Cluster not found.");

    public static AwsException InvalidParameter(string message) => new("InvalidParameterException", message);

    public static AwsException Client(string message) => new("ClientException", message);

    public static AwsException ResourceNotFound(string message) => new("ResourceNotFoundException", message);

    public static AwsException InvalidNextToken() => InvalidParameter("Invalid nextToken.");

    public static AwsException MaxResults(int max) => InvalidParameter($"maxResults must be between 1 and {max}.");
}
