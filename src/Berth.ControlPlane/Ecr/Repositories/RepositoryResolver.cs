using Berth.Aws.Dispatch;
using Berth.ControlPlane.Ecr.Policies;
using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Storage;
using Berth.Domain;

namespace Berth.ControlPlane.Ecr.Repositories;

/// <summary>Finds the repository a request names (every image and layer operation goes through here first) and changes its
/// document for the operations that keep their state on it (tags, policies, the lifecycle preview).</summary>
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

    /// <summary>The repository an API request names, once its policy is found not to deny the caller the operation.</summary>
    public async ValueTask<Versioned<StoredRepository>> RequireAsync(
        RequestContext context, string? registryId, string name, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        var repository = await RequireAsync(scope, registryId, name, cancellationToken).ConfigureAwait(false);
        RepositoryAccess.Check(scope, repository.Value, context.PrincipalArn, $"{EcrArns.Service}:{context.Operation.Name}");
        return repository;
    }

    /// <summary>Changes the repository document an API request names, retrying on a concurrent change; returns it as it was.</summary>
    /// <param name="change">May throw the operation's error (nothing is stored then).</param>
    public async ValueTask<StoredRepository> UpdateAsync(
        RequestContext context, string? registryId, string name, Func<StoredRepository, StoredRepository> change, CancellationToken cancellationToken) =>
        await Optimistic.RetryAsync(async () =>
        {
            var repository = await RequireAsync(context, registryId, name, cancellationToken).ConfigureAwait(false);
            await store.Store.ApplyAsync([store.Repositories.Put(context.Scope().Partition, name, change(repository.Value), repository.Version)], cancellationToken)
                .ConfigureAwait(false);
            return repository.Value;
        }).ConfigureAwait(false);
}
