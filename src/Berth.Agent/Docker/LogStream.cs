namespace Berth.Agent.Docker;

/// <summary>Which of the container's outputs a log entry came from.</summary>
public enum LogStream
{
    Stdout = 1,
    Stderr = 2,
}
