using Berth.AgentProtocol;

namespace Berth.Agent.Host;

/// <summary>One of the control plane's awsJson 1.1 APIs as a client names it: the X-Amz-Target prefix and the SigV4
/// signing name the edge routes and verifies by.</summary>
public sealed record AwsJsonApi(string TargetPrefix, string SigningName)
{
    public static readonly AwsJsonApi Ecs = new("AmazonEC2ContainerServiceV20141113.", AgentPaths.SigningService);

    public static readonly AwsJsonApi Logs = new("Logs_20140328.", "logs");

    public static readonly AwsJsonApi Ecr = new("AmazonEC2ContainerRegistry_V20150921.", "ecr");
}
