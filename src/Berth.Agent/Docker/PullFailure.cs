namespace Berth.Agent.Docker;

/// <summary>Why a pull failed, as far as the engine's text tells. The agent retries
/// <see cref="RegistryUnreachable"/> and gives up at once on the others.</summary>
public enum PullFailure
{
    /// <summary>Anything not recognised below (e.g. a layer that failed verification).</summary>
    Other,

    /// <summary>The repository or tag does not exist ("manifest unknown", "not found").</summary>
    ImageNotFound,

    /// <summary>The registry refused the credentials or the repository ("pull access denied", "unauthorized").</summary>
    AccessDenied,

    /// <summary>The registry could not be reached (DNS failure, connection refused, timeouts, TLS).</summary>
    RegistryUnreachable,
}
