using System.Text.Json;
using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Tagging;
using Berth.ControlPlane.Pagination;
using Berth.ControlPlane.Storage;
using Berth.State;

namespace Berth.ControlPlane.Ecs.TaskDefinitions;

/// <summary>RegisterTaskDefinition, DescribeTaskDefinition, ListTaskDefinitions, ListTaskDefinitionFamilies,
/// DeregisterTaskDefinition and DeleteTaskDefinitions.</summary>
public sealed class TaskDefinitionHandlers(EcsStore store, TaskDefinitionResolver resolver, TimeProvider time)
{
    /// <summary>ECS refuses task definitions larger than this.</summary>
    public const int MaxDefinitionBytes = 64 * 1024;

    private const int MaxDeletePerCall = 10;

    /// <summary>The revision and the family counter are written in one transaction; a concurrent registration of the same
    /// family loses the race on the counter's version and retries with the next number, so revisions are never reused.</summary>
    public async ValueTask<RegisterTaskDefinitionResponse> RegisterTaskDefinition(
        RequestContext context, RegisterTaskDefinitionRequest request, CancellationToken cancellationToken)
    {
        var resources = TaskResources.Parse(request.Cpu, request.Memory);
        TaskDefinitionValidator.Validate(request, resources);
        var tags = TagRules.Validate(request.Tags);
        if (JsonSerializer.SerializeToUtf8Bytes(request, Aws.Generated.Ecs.EcsJsonContext.Default.RegisterTaskDefinitionRequest).Length > MaxDefinitionBytes)
        {
            throw EcsErrors.Client($"The task definition is larger than the {MaxDefinitionBytes / 1024} KiB ECS allows.");
        }

        var scope = context.Scope();
        var family = request.Family!;
        var definition = await Optimistic.RetryAsync(async () =>
        {
            var counter = await store.Families.GetAsync(scope.Partition, family, cancellationToken).ConfigureAwait(false);
            var revision = (counter?.Value.LastRevision ?? 0) + 1;
            var created = TaskDefinitionFactory.Create(request, resources, scope, revision, context.PrincipalArn, time.GetUtcNow());
            var updatedFamily = new TaskDefinitionFamily(family, revision, (counter?.Value.ActiveRevisions ?? 0) + 1);
            await store.Store.ApplyAsync(
            [
                store.Families.Put(scope.Partition, family, updatedFamily, counter?.Version ?? 0),
                store.TaskDefinitions.Put(scope.Partition, EcsStore.TaskDefinitionKey(family, revision), new StoredTaskDefinition(created, tags), 0),
            ], cancellationToken).ConfigureAwait(false);
            return created;
        }).ConfigureAwait(false);

        return new RegisterTaskDefinitionResponse { TaskDefinition = definition, Tags = tags };
    }

    public async ValueTask<DescribeTaskDefinitionResponse> DescribeTaskDefinition(
        RequestContext context, DescribeTaskDefinitionRequest request, CancellationToken cancellationToken)
    {
        var stored = await resolver.FindAsync(context.Scope(), request.TaskDefinition!, cancellationToken).ConfigureAwait(false)
            ?? throw EcsErrors.Client("Unable to describe task definition.");
        var includeTags = request.Include?.Contains(TaskDefinitionField.Tags) == true;
        return new DescribeTaskDefinitionResponse { TaskDefinition = stored.Value.Definition, Tags = includeTags ? stored.Value.Tags : null };
    }

    /// <summary>familyPrefix is the full family name (ECS's own definition of the parameter); the list is ordered by family,
    /// then revision.</summary>
    public async ValueTask<ListTaskDefinitionsResponse> ListTaskDefinitions(
        RequestContext context, ListTaskDefinitionsRequest request, CancellationToken cancellationToken)
    {
        var pageSize = NextToken.PageSize(request.MaxResults, 100, EcsErrors.MaxResults);
        var status = request.Status ?? TaskDefinitionStatus.Active;
        var query = new ListQuery
        {
            KeyPrefix = string.IsNullOrEmpty(request.FamilyPrefix) ? null : EcsStore.TaskDefinitionPrefix(request.FamilyPrefix),
            StartAfter = NextToken.Decode(request.NextToken, EcsErrors.InvalidNextToken),
            Descending = request.Sort == SortOrder.Desc,
        };
        var (page, next) = await store.TaskDefinitions.PageAsync(
            context.Scope().Partition, query, pageSize, d => d.Definition.Status == status, cancellationToken).ConfigureAwait(false);
        return new ListTaskDefinitionsResponse
        {
            TaskDefinitionArns = page.Select(d => d.Value.Definition.TaskDefinitionArn!).ToList(),
            NextToken = NextToken.Encode(next),
        };
    }

    /// <summary>A family is ACTIVE while it has an ACTIVE revision; without a status filter both kinds are listed.</summary>
    public async ValueTask<ListTaskDefinitionFamiliesResponse> ListTaskDefinitionFamilies(
        RequestContext context, ListTaskDefinitionFamiliesRequest request, CancellationToken cancellationToken)
    {
        var pageSize = NextToken.PageSize(request.MaxResults, 100, EcsErrors.MaxResults);
        var status = request.Status ?? TaskDefinitionFamilyStatus.All;
        var query = new ListQuery
        {
            KeyPrefix = string.IsNullOrEmpty(request.FamilyPrefix) ? null : request.FamilyPrefix,
            StartAfter = NextToken.Decode(request.NextToken, EcsErrors.InvalidNextToken),
        };
        var (page, next) = await store.Families.PageAsync(
            context.Scope().Partition, query, pageSize,
            f => status == TaskDefinitionFamilyStatus.All || (f.ActiveRevisions > 0) == (status == TaskDefinitionFamilyStatus.Active),
            cancellationToken).ConfigureAwait(false);
        return new ListTaskDefinitionFamiliesResponse { Families = page.Select(f => f.Value.Name).ToList(), NextToken = NextToken.Encode(next) };
    }

    /// <summary>Needs an exact revision. Tasks and services that use it keep running; it can no longer start new ones.</summary>
    public async ValueTask<DeregisterTaskDefinitionResponse> DeregisterTaskDefinition(
        RequestContext context, DeregisterTaskDefinitionRequest request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        var reference = TaskDefinitionReference.Parse(scope, request.TaskDefinition!);
        if (reference?.Revision is null)
        {
            throw EcsErrors.Client("The task definition must be given as family:revision or as a full ARN.");
        }

        var definition = await Optimistic.RetryAsync(async () =>
        {
            var key = EcsStore.TaskDefinitionKey(reference.Family, reference.Revision.Value);
            var stored = await store.TaskDefinitions.GetAsync(scope.Partition, key, cancellationToken).ConfigureAwait(false)
                ?? throw EcsErrors.Client("The specified task definition does not exist.");
            if (stored.Value.Definition.Status != TaskDefinitionStatus.Active)
            {
                return stored.Value.Definition;
            }

            var family = await store.Families.GetAsync(scope.Partition, reference.Family, cancellationToken).ConfigureAwait(false);
            var inactive = stored.Value.Definition with { Status = TaskDefinitionStatus.Inactive, DeregisteredAt = time.GetUtcNow() };
            await store.Store.ApplyAsync(
            [
                store.TaskDefinitions.Put(scope.Partition, key, stored.Value with { Definition = inactive }, stored.Version),
                store.Families.Put(scope.Partition, reference.Family, family!.Value with { ActiveRevisions = family.Value.ActiveRevisions - 1 }, family.Version),
            ], cancellationToken).ConfigureAwait(false);
            return inactive;
        }).ConfigureAwait(false);

        return new DeregisterTaskDefinitionResponse { TaskDefinition = definition };
    }

    /// <summary>Only INACTIVE revisions can be deleted; each one that cannot is reported in failures, the rest proceed.</summary>
    public async ValueTask<DeleteTaskDefinitionsResponse> DeleteTaskDefinitions(
        RequestContext context, DeleteTaskDefinitionsRequest request, CancellationToken cancellationToken)
    {
        var identifiers = request.TaskDefinitions!;
        if (identifiers.Count is 0 or > MaxDeletePerCall)
        {
            throw EcsErrors.InvalidParameter($"taskDefinitions must list between 1 and {MaxDeletePerCall} task definitions.");
        }

        var scope = context.Scope();
        var deleted = new List<TaskDefinition>();
        var failures = new List<Failure>();
        foreach (var identifier in identifiers)
        {
            var reference = TaskDefinitionReference.Parse(scope, identifier);
            if (reference?.Revision is null)
            {
                failures.Add(new Failure { Arn = identifier, Reason = "The task definition must be given as family:revision or as a full ARN." });
                continue;
            }

            var result = await MarkDeletedAsync(scope.Partition, reference, cancellationToken).ConfigureAwait(false);
            if (result.Definition is not null)
            {
                deleted.Add(result.Definition);
            }
            else
            {
                failures.Add(new Failure { Arn = EcsArns.TaskDefinition(scope, reference.Family, reference.Revision.Value), Reason = result.Failure });
            }
        }

        return new DeleteTaskDefinitionsResponse { TaskDefinitions = deleted, Failures = failures };
    }

    private async ValueTask<(TaskDefinition? Definition, string? Failure)> MarkDeletedAsync(
        string partition, TaskDefinitionReference reference, CancellationToken cancellationToken) =>
        await Optimistic.RetryAsync<(TaskDefinition?, string?)>(async () =>
        {
            var key = EcsStore.TaskDefinitionKey(reference.Family, reference.Revision!.Value);
            var stored = await store.TaskDefinitions.GetAsync(partition, key, cancellationToken).ConfigureAwait(false);
            switch (stored?.Value.Definition.Status)
            {
                case null:
                    return (null, "The specified task definition does not exist.");
                case TaskDefinitionStatus.Active:
                    return (null, "The specified task definition is still in ACTIVE status. Please deregister the target and try again.");
                case TaskDefinitionStatus.DeleteInProgress:
                    return (stored.Value.Definition, null);
            }

            var deleting = stored.Value.Definition with { Status = TaskDefinitionStatus.DeleteInProgress, DeleteRequestedAt = time.GetUtcNow() };
            await store.Store.ApplyAsync([store.TaskDefinitions.Put(partition, key, stored.Value with { Definition = deleting }, stored.Version)], cancellationToken)
                .ConfigureAwait(false);
            return (deleting, null);
        }).ConfigureAwait(false);
}
