namespace Berth.Agent.Engine;

/// <summary>A Docker operation dispatched for a container whose outcome has not been applied yet; while one is in flight nothing else is issued for that container.</summary>
public enum ContainerOperation
{
    /// <summary>Pulling the image.</summary>
    Pull = 0,

    /// <summary>Creating the Docker container.</summary>
    Create = 1,

    /// <summary>Starting the Docker container.</summary>
    Start = 2,

    /// <summary>Stopping the Docker container (signal, then kill after the stop timeout).</summary>
    Stop = 3,
}
