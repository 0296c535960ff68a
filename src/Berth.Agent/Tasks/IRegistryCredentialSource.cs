using Berth.Agent.Docker;

namespace Berth.Agent.Tasks;

/// <summary>Credentials for the registries that need them (Berth's own), asked for only when an actor really pulls.</summary>
public interface IRegistryCredentialSource
{
    /// <summary>Docker's credentials for <paramref name="image"/>'s registry, or null to pull anonymously. Throws
    /// <see cref="DockerPullException"/> when the image is known to need credentials that cannot be had now.</summary>
    ValueTask<RegistryAuth?> ForImageAsync(string image, CancellationToken cancellationToken);

    /// <summary>The registry refused <paramref name="auth"/> before it expired (its keys or token format changed, e.g. after an
    /// upgrade): the next <see cref="ForImageAsync"/> asks for new credentials instead of answering these again.</summary>
    void Refused(RegistryAuth auth);
}
