using System.Net;

namespace Berth.Agent.Docker;

/// <summary>An image could not be pulled, whether the engine refused at once (HTTP error) or reported an error line
/// in the middle of the pull stream. The message always names the image:
/// "pull image &lt;image&gt;: &lt;engine's reason&gt;" — the agent reports it as
/// "CannotPullContainerError: &lt;message&gt;".</summary>
public sealed class DockerPullException(string image, PullFailure failure, HttpStatusCode? statusCode, string reason)
    : DockerException(DockerOperations.PullImage, statusCode, $"pull image {image}: {reason}")
{
    public string Image { get; } = image;

    public PullFailure Failure { get; } = failure;

    /// <summary>The engine's text alone.</summary>
    public string Reason { get; } = reason;
}
