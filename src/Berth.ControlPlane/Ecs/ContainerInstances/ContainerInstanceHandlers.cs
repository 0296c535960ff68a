using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Clusters;
using Berth.ControlPlane.Ecs.Tasks;
using Berth.ControlPlane.Pagination;
using Berth.ControlPlane.Placement.Query;
using Berth.ControlPlane.Storage;
using Berth.Domain;
using Berth.State;

namespace Berth.ControlPlane.Ecs.ContainerInstances;

/// <summary>DescribeContainerInstances, ListContainerInstances and UpdateContainerInstancesState.</summary>
public sealed class ContainerInstanceHandlers(EcsStore store, ClusterResolver clusters, ContainerInstanceResolver instances, TaskResolver tasks)
{
    private const int MaxDescribe = 100;
    private const int MaxStateChanges = 10;
    private const int MaxPageSize = 100;

    private static readonly HashSet<string> NoOptionalFields = [];
    private static readonly HashSet<string> NoGroups = [];

    /// <summary>By id or ARN; INACTIVE instances are still described. Unknown ones are MISSING failures, not errors.</summary>
    public async ValueTask<DescribeContainerInstancesResponse> DescribeContainerInstances(
        RequestContext context, DescribeContainerInstancesRequest request, CancellationToken cancellationToken)
    {
        var identifiers = request.ContainerInstances!;
        if (identifiers.Count is 0 or > MaxDescribe)
        {
            throw ContainerInstanceErrors.TooMany("containerInstances", MaxDescribe);
        }

        var scope = context.Scope();
        var cluster = await clusters.ActiveNameAsync(scope, request.Cluster, cancellationToken).ConfigureAwait(false);
        var include = request.Include?.ToHashSet(StringComparer.Ordinal) ?? [];
        var found = new List<ContainerInstance>();
        var failures = new List<Failure>();
        foreach (var identifier in identifiers)
        {
            var instance = await instances.FindAsync(scope, cluster, identifier, cancellationToken).ConfigureAwait(false);
            if (instance is null)
            {
                failures.Add(Missing(scope, cluster, identifier));
            }
            else
            {
                found.Add(ContainerInstanceView.Describe(instance.Value, include));
            }
        }

        return new DescribeContainerInstancesResponse { ContainerInstances = found, Failures = failures };
    }

    /// <summary>Without a status, every instance but the INACTIVE ones; a <c>filter</c> (cluster query language) keeps only
    /// the instances it matches, parsed once and checked before anything is read.</summary>
    public async ValueTask<ListContainerInstancesResponse> ListContainerInstances(
        RequestContext context, ListContainerInstancesRequest request, CancellationToken cancellationToken)
    {
        var filter = ParseFilter(request.Filter);
        var pageSize = NextToken.PageSize(request.MaxResults, MaxPageSize, EcsErrors.MaxResults);
        var after = NextToken.Decode(request.NextToken, EcsErrors.InvalidNextToken);
        var scope = context.Scope();
        var cluster = await clusters.ActiveNameAsync(scope, request.Cluster, cancellationToken).ConfigureAwait(false);
        var groups = filter is { UsesTaskGroups: true }
            ? await TaskGroupsAsync(scope, cluster, cancellationToken).ConfigureAwait(false)
            : [];
        var status = request.Status;
        var (page, next) = await store.ContainerInstances.PageAsync(
            scope.Partition,
            new ListQuery { KeyPrefix = EcsStore.ContainerInstancePrefix(cluster), StartAfter = after },
            pageSize,
            i => (status is null ? i.Status != InstanceStatus.Inactive : i.Status == status)
                && (filter is null || filter.Matches(new InstanceFacts(i, groups.GetValueOrDefault(i.ContainerInstanceArn!, NoGroups)))),
            cancellationToken).ConfigureAwait(false);
        return new ListContainerInstancesResponse
        {
            ContainerInstanceArns = page.Select(i => i.Value.ContainerInstanceArn!).ToList(),
            NextToken = NextToken.Encode(next),
        };
    }

    private static QueryExpression? ParseFilter(string? filter)
    {
        if (string.IsNullOrEmpty(filter))
        {
            return null;
        }

        try
        {
            return QueryParser.Parse(filter);
        }
        catch (QuerySyntaxException e)
        {
            throw ContainerInstanceErrors.InvalidFilter(e);
        }
    }

    /// <summary>The groups of each instance's tasks that have not stopped, read once for the whole request.</summary>
    private async ValueTask<Dictionary<string, HashSet<string>>> TaskGroupsAsync(
        ResourceScope scope, string cluster, CancellationToken cancellationToken) =>
        (await tasks.PlacedAsync(scope, cluster, cancellationToken).ConfigureAwait(false))
            .GroupBy(t => t.ContainerInstanceArn, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(t => t.Group).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>ACTIVE ↔ DRAINING, each instance on its own; unknown instances are MISSING and deregistered ones INACTIVE
    /// failures. Draining only stops new placements for now: replacing a draining instance's service tasks comes with
    /// services.</summary>
    public async ValueTask<UpdateContainerInstancesStateResponse> UpdateContainerInstancesState(
        RequestContext context, UpdateContainerInstancesStateRequest request, CancellationToken cancellationToken)
    {
        var status = request.Status!;
        InstanceStateRules.EnsureSettable(status);
        var identifiers = request.ContainerInstances!;
        if (identifiers.Count is 0 or > MaxStateChanges)
        {
            throw ContainerInstanceErrors.TooMany("containerInstances", MaxStateChanges);
        }

        var scope = context.Scope();
        var cluster = await clusters.ActiveNameAsync(scope, request.Cluster, cancellationToken).ConfigureAwait(false);
        var updated = new List<ContainerInstance>();
        var failures = new List<Failure>();
        foreach (var identifier in identifiers)
        {
            var (instance, failure) = await SetStatusAsync(scope, cluster, identifier, status, cancellationToken).ConfigureAwait(false);
            if (instance is not null)
            {
                updated.Add(ContainerInstanceView.Describe(instance, NoOptionalFields));
            }
            else
            {
                failures.Add(failure!);
            }
        }

        return new UpdateContainerInstancesStateResponse { ContainerInstances = updated, Failures = failures };
    }

    private async ValueTask<(ContainerInstance? Instance, Failure? Failure)> SetStatusAsync(
        ResourceScope scope, string cluster, string identifier, string status, CancellationToken cancellationToken) =>
        await Optimistic.RetryAsync<(ContainerInstance?, Failure?)>(async () =>
        {
            var current = await instances.FindAsync(scope, cluster, identifier, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return (null, Missing(scope, cluster, identifier));
            }

            if (!InstanceStateRules.CanChangeState(current.Value))
            {
                return (null, new Failure
                {
                    Arn = current.Value.ContainerInstanceArn,
                    Reason = ContainerInstanceErrors.Inactive,
                    Detail = ContainerInstanceErrors.InactiveDetail,
                });
            }

            var changed = InstanceStateRules.SetStatus(current.Value, status);
            if (!ReferenceEquals(changed, current.Value))
            {
                await store.Store.ApplyAsync([instances.Write(scope, changed, current.Version)], cancellationToken).ConfigureAwait(false);
            }

            return (changed, null);
        }).ConfigureAwait(false);

    private static Failure Missing(ResourceScope scope, string cluster, string identifier) =>
        new() { Arn = ContainerInstanceResolver.ArnOf(scope, cluster, identifier), Reason = ContainerInstanceErrors.Missing };
}
