namespace Berth.Agent.Docker;

/// <summary>A Docker call took longer than its timeout (<see cref="DockerClientOptions"/>). The operation may still
/// complete inside the engine: a timed-out create can leave a container behind, so callers look it up by name.</summary>
public sealed class DockerTimeoutException : DockerException
{
    public DockerTimeoutException(string operation, TimeSpan timeout, string? subject = null, bool inactivity = false)
        : base(operation, statusCode: null, Describe(operation, timeout, subject, inactivity))
    {
        Timeout = timeout;
        Subject = subject;
    }

    public TimeSpan Timeout { get; }

    /// <summary>The container or image the call was about, when it had one.</summary>
    public string? Subject { get; }

    private static string Describe(string operation, TimeSpan timeout, string? subject, bool inactivity)
    {
        var what = subject is null ? operation : operation + " " + subject;
        return inactivity
            ? $"Docker {what} timed out: no progress for {Format(timeout)}"
            : $"Docker {what} timed out after {Format(timeout)}";
    }

    private static string Format(TimeSpan timeout) =>
        timeout.TotalSeconds < 1 ? $"{timeout.TotalMilliseconds:0} ms" : $"{timeout.TotalSeconds:0.#} s";
}
