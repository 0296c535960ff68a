namespace Berth.Agent.Docker;

/// <summary>Docker network modes the agent uses; any user-defined network name is also a mode.</summary>
public static class NetworkModes
{
    public const string Bridge = "bridge";
    public const string Host = "host";
    public const string None = "none";

    /// <summary>Join another container's network namespace (the pause-container pattern behind awsvpc).</summary>
    public static string Container(string containerIdOrName) => "container:" + containerIdOrName;
}
