using Berth.Agent.Docker;

namespace Berth.Agent.Tasks;

/// <summary>Credentials for the registries that need them (Berth's own), asked for only when an actor really pulls.</summary>
public interface IRegistryCredentialSource
{
    /// <summary>Docker's credentials for <paramref name="image"/>'s registry, or null to pull anonymously. Throws
    /// <see cref="DockerPullException"/> when the image is known to need credentials that cannot be had now.</summary>
    ValueTask<RegistryAuth?> ForImageAsync(string image, CancellationToken cancellationToken);
}
