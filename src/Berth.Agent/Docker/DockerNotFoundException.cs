using System.Net;

namespace Berth.Agent.Docker;

/// <summary>The engine answered 404: no such container (or image, or network).</summary>
public sealed class DockerNotFoundException(string operation, string message)
    : DockerException(operation, HttpStatusCode.NotFound, message);
