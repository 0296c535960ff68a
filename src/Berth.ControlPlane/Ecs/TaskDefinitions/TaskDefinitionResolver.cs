using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Storage;
using Berth.Domain;
using Berth.State;

namespace Berth.ControlPlane.Ecs.TaskDefinitions;

/// <summary>Finds the revision a request names: a bare family means its latest ACTIVE revision.</summary>
public sealed class TaskDefinitionResolver(EcsStore store)
{
    public async ValueTask<Versioned<StoredTaskDefinition>?> FindAsync(ResourceScope scope, string identifier, CancellationToken cancellationToken)
    {
        var reference = TaskDefinitionReference.Parse(scope, identifier);
        if (reference is null)
        {
            return null;
        }

        if (reference.Revision is { } revision)
        {
            return await store.TaskDefinitions.GetAsync(scope.Partition, EcsStore.TaskDefinitionKey(reference.Family, revision), cancellationToken)
                .ConfigureAwait(false);
        }

        var (latest, _) = await store.TaskDefinitions.PageAsync(
            scope.Partition,
            new ListQuery { KeyPrefix = EcsStore.TaskDefinitionPrefix(reference.Family), Descending = true },
            pageSize: 1,
            d => d.Definition.Status == TaskDefinitionStatus.Active,
            cancellationToken).ConfigureAwait(false);
        return latest.FirstOrDefault();
    }
}
