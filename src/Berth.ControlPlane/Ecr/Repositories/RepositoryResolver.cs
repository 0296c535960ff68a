using Berth.ControlPlane.Storage;
using Berth.Domain;

namespace Berth.ControlPlane.Ecr.Repositories;

/// <summary>Finds the repository a request names; every image and layer operation goes through here first.</summary>
public sealed class RepositoryResolver(EcrStore store)
{
    /// <summary>The repository, or RepositoryNotFoundException (NAME_UNKNOWN on the registry). A registryId other than the
    /// caller's account names a registry Berth does not serve to this caller, so nothing is found in it.</summary>
    public async ValueTask<Versioned<StoredRepository>> RequireAsync(
        ResourceScope scope, string? registryId, string name, CancellationToken cancellationToken)
    {
        if (registryId is not null && registryId != scope.AccountId)
        {
            throw EcrErrors.RepositoryNotFound(scope with { AccountId = registryId }, name);
        }

        var found = RepositoryNames.IsValid(name) ? await store.Repositories.GetAsync(scope.Partition, name, cancellationToken).ConfigureAwait(false) : null;
        return found ?? throw EcrErrors.RepositoryNotFound(scope, name);
    }
}
