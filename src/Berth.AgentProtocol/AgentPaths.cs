namespace Berth.AgentProtocol;

/// <summary>Where the agent finds the control plane's agent endpoints, next to the ECS API on the edge port.</summary>
public static class AgentPaths
{
    /// <summary><c>POST</c>, signed by a user of the account: issues a container instance its own key pair.</summary>
    public const string Credentials = "/berth/agent/v1/credentials";

    /// <summary><c>GET</c> WebSocket upgrade with a SigV4 presigned query signed by the instance's key.</summary>
    public const string Channel = "/berth/agent/v1/ws";

    /// <summary>The channel's query parameter naming the container instance.</summary>
    public const string InstanceParameter = "containerInstanceArn";

    /// <summary>Both endpoints are signed for this service, as the ECS API is.</summary>
    public const string SigningService = "ecs";
}
