namespace Berth.Agent.Engine;

/// <summary>The one step that moves a container from its known status towards its desired status.</summary>
internal enum ContainerStep
{
    /// <summary>Nothing to do: it is where it should be, or stopped for good.</summary>
    None = 0,

    /// <summary>Pull the image.</summary>
    Pull = 1,

    /// <summary>Create the Docker container.</summary>
    Create = 2,

    /// <summary>Start it.</summary>
    Start = 3,

    /// <summary>Stop its running process.</summary>
    Stop = 4,

    /// <summary>It never ran and never will: record it stopped without touching Docker.</summary>
    MarkStopped = 5,
}
