using System.Net;

namespace Berth.Agent.Docker;

/// <summary>A Docker call failed: the engine answered with an error (<see cref="StatusCode"/> set), did not answer
/// at all (<see cref="StatusCode"/> null), or sent something this client cannot read. The message is Docker's own text
/// in the shape the docker CLI prints ("Error response from daemon: ..."), fit for an ECS reason such as
/// "CannotStartContainerError: &lt;message&gt;".</summary>
public class DockerException : Exception
{
    public DockerException(string operation, HttpStatusCode? statusCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Operation = operation;
        StatusCode = statusCode;
    }

    /// <summary>What was being done, e.g. "start container" (see <see cref="DockerOperations"/>).</summary>
    public string Operation { get; }

    /// <summary>The engine's HTTP status; null when no answer came.</summary>
    public HttpStatusCode? StatusCode { get; }
}
