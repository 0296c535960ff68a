using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Tagging;
using Berth.ControlPlane.Storage;
using Berth.Domain;
using EcsTask = Berth.Aws.Generated.Ecs.Task;

namespace Berth.ControlPlane.Ecs.Tasks;

/// <summary>Tags on tasks, by their long-format ARN (which names the cluster); a tag change counts in the task's version.</summary>
public sealed class TaskTagTarget(EcsStore store, TaskResolver tasks) : ITagTarget
{
    public string ResourceType => TaskReference.ArnResourceType;

    public async ValueTask<List<Tag>> GetTagsAsync(ResourceScope scope, Arn arn, CancellationToken cancellationToken) =>
        (await FindAsync(scope, arn, cancellationToken).ConfigureAwait(false)).Value.Tags ?? [];

    public async ValueTask UpdateTagsAsync(ResourceScope scope, Arn arn, Func<List<Tag>?, List<Tag>> change, CancellationToken cancellationToken) =>
        await Optimistic.RetryAsync(async () =>
        {
            var current = await FindAsync(scope, arn, cancellationToken).ConfigureAwait(false);
            var updated = current.Value with { Tags = change(current.Value.Tags), Version = (current.Value.Version ?? 0) + 1 };
            return await store.Store.ApplyAsync([tasks.Write(scope, updated, current.Version)], cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);

    private async ValueTask<Versioned<EcsTask>> FindAsync(ResourceScope scope, Arn arn, CancellationToken cancellationToken)
    {
        var reference = TaskReference.Parse(scope, arn.ToString());
        var task = reference?.Cluster is { } cluster
            ? await tasks.FindAsync(scope, cluster, arn.ToString(), cancellationToken).ConfigureAwait(false)
            : null;
        return task ?? throw EcsErrors.ResourceNotFound("The specified task does not exist.");
    }
}
