namespace Berth.Agent.Engine;

/// <summary>A container's observed progress, ordered so that "further along" compares greater; on the wire everything below Running is PENDING.</summary>
public enum ContainerStatus
{
    /// <summary>Nothing has happened yet.</summary>
    None = 0,

    /// <summary>The image is on the host.</summary>
    Pulled = 1,

    /// <summary>The Docker container exists but was never started.</summary>
    Created = 2,

    /// <summary>The container's process was started.</summary>
    Running = 3,

    /// <summary>Terminal: it exited, was stopped, or will never run; containers are never restarted.</summary>
    Stopped = 4,
}
