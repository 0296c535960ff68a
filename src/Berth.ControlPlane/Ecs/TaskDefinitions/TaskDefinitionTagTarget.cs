using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Tagging;
using Berth.ControlPlane.Storage;
using Berth.Domain;

namespace Berth.ControlPlane.Ecs.TaskDefinitions;

/// <summary>Tags on task definition revisions (by ARN, which always names a revision).</summary>
public sealed class TaskDefinitionTagTarget(EcsStore store) : ITagTarget
{
    public string ResourceType => "task-definition";

    public async ValueTask<List<Tag>> GetTagsAsync(ResourceScope scope, Arn arn, CancellationToken cancellationToken) =>
        (await FindAsync(scope, arn, cancellationToken).ConfigureAwait(false)).Value.Tags;

    public async ValueTask UpdateTagsAsync(ResourceScope scope, Arn arn, Func<List<Tag>?, List<Tag>> change, CancellationToken cancellationToken) =>
        await Optimistic.RetryAsync(async () =>
        {
            var stored = await FindAsync(scope, arn, cancellationToken).ConfigureAwait(false);
            var definition = stored.Value.Definition;
            var key = EcsStore.TaskDefinitionKey(definition.Family!, definition.Revision!.Value);
            return await store.Store.ApplyAsync([store.TaskDefinitions.Put(scope.Partition, key, stored.Value with { Tags = change(stored.Value.Tags) }, stored.Version)], cancellationToken)
                .ConfigureAwait(false);
        }).ConfigureAwait(false);

    private async ValueTask<Versioned<StoredTaskDefinition>> FindAsync(ResourceScope scope, Arn arn, CancellationToken cancellationToken)
    {
        var reference = TaskDefinitionReference.Parse(scope, arn.ToString());
        var stored = reference?.Revision is { } revision
            ? await store.TaskDefinitions.GetAsync(scope.Partition, EcsStore.TaskDefinitionKey(reference.Family, revision), cancellationToken).ConfigureAwait(false)
            : null;
        return stored ?? throw EcsErrors.ResourceNotFound("The specified task definition does not exist.");
    }
}
