using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Clusters;
using Berth.ControlPlane.Ecs.Tasks;
using Berth.ControlPlane.Pagination;
using Berth.ControlPlane.Storage;

namespace Berth.ControlPlane.Ecs.Services;

/// <summary>ListServiceDeployments, DescribeServiceDeployments, DescribeServiceRevisions and StopServiceDeployment, over the
/// documents <see cref="ServiceWrites"/> keeps beside each service.</summary>
public sealed class ServiceDeploymentHandlers(
    EcsStore store, ClusterResolver clusters, ServiceResolver services, ServiceWrites writes, IIdSource ids, TimeProvider time)
{
    private const int MaxPageSize = 100;

    /// <summary>The service's deployments since it was (last) created, newest first, narrowed by status and creation time.</summary>
    public async ValueTask<ListServiceDeploymentsResponse> ListServiceDeployments(
        RequestContext context, ListServiceDeploymentsRequest request, CancellationToken cancellationToken)
    {
        var pageSize = NextToken.PageSize(request.MaxResults, MaxPageSize, EcsErrors.MaxResults);
        var after = NextToken.Decode(request.NextToken, EcsErrors.InvalidNextToken);
        var scope = context.Scope();
        var cluster = await clusters.ActiveNameAsync(scope, request.Cluster, cancellationToken).ConfigureAwait(false);
        var service = (await services.FindAsync(scope, cluster, request.Service!, cancellationToken).ConfigureAwait(false) ?? throw ServiceErrors.NotFound()).Value.Service;
        var matching = new List<(string Key, ServiceDeployment Deployment)>();
        await foreach (var deployment in store.ServiceDeployments
            .ScanAsync(scope.Partition, EcsStore.ServiceDeploymentPrefix(cluster, service.ServiceName!), cancellationToken).ConfigureAwait(false))
        {
            var value = deployment.Value;
            if (value.CreatedAt >= service.CreatedAt
                && (request.Status is not { Count: > 0 } statuses || statuses.Contains(value.Status!))
                && (request.CreatedAt?.After is not { } since || value.CreatedAt >= since)
                && (request.CreatedAt?.Before is not { } until || value.CreatedAt <= until))
            {
                matching.Add((EcsStore.ServiceDeploymentKey(cluster, service.ServiceName!, value.ServiceDeploymentArn!.Split('/')[^1]), value));
            }
        }

        var ordered = matching.OrderByDescending(m => m.Deployment.CreatedAt).ThenBy(m => m.Key, StringComparer.Ordinal).ToList();
        var start = after is null ? 0 : ordered.FindIndex(m => m.Key == after) + 1;
        if (after is not null && start == 0)
        {
            throw EcsErrors.InvalidNextToken();
        }

        var page = ordered.Skip(start).Take(pageSize).ToList();
        var more = start + page.Count < ordered.Count;
        return new ListServiceDeploymentsResponse
        {
            ServiceDeployments = page.Select(m => ServiceDeploymentRecords.Brief(m.Deployment)).ToList(),
            NextToken = more ? NextToken.Encode(page[^1].Key) : null,
        };
    }

    public async ValueTask<DescribeServiceDeploymentsResponse> DescribeServiceDeployments(
        RequestContext context, DescribeServiceDeploymentsRequest request, CancellationToken cancellationToken)
    {
        var (found, failures) = await DescribeAsync(
            context, request.ServiceDeploymentArns!, EcsArns.ServiceDeploymentType, store.ServiceDeployments, cancellationToken).ConfigureAwait(false);
        return new DescribeServiceDeploymentsResponse { ServiceDeployments = found, Failures = failures };
    }

    public async ValueTask<DescribeServiceRevisionsResponse> DescribeServiceRevisions(
        RequestContext context, DescribeServiceRevisionsRequest request, CancellationToken cancellationToken)
    {
        var (found, failures) = await DescribeAsync(
            context, request.ServiceRevisionArns!, EcsArns.ServiceRevisionType, store.ServiceRevisions, cancellationToken).ConfigureAwait(false);
        return new DescribeServiceRevisionsResponse { ServiceRevisions = found, Failures = failures };
    }

    /// <summary>Stops an IN_PROGRESS deployment by rolling the service back to its last COMPLETED deployment (the only stop
    /// type Berth offers): the stopped deployment turns FAILED, so it launches nothing more, and a new PRIMARY deployment of
    /// the completed one's configuration replaces its tasks.</summary>
    public async ValueTask<StopServiceDeploymentResponse> StopServiceDeployment(
        RequestContext context, StopServiceDeploymentRequest request, CancellationToken cancellationToken)
    {
        var stopType = request.StopType ?? StopServiceDeploymentStopType.Rollback;
        if (stopType != StopServiceDeploymentStopType.Rollback)
        {
            throw ServiceErrors.StopTypeNotSupported(stopType);
        }

        var scope = context.Scope();
        var arn = request.ServiceDeploymentArn!;
        if (ServiceDeploymentRecords.KeyOf(scope, arn, EcsArns.ServiceDeploymentType) is not { } key
            || await store.ServiceDeployments.GetAsync(scope.Partition, key, cancellationToken).ConfigureAwait(false) is not { } record)
        {
            throw ServiceErrors.DeploymentNotFound();
        }

        var (cluster, name, id) = key.Split('/') is [var c, var n, var i] ? (c, n, i) : throw ServiceErrors.DeploymentNotFound();
        await Optimistic.RetryAsync(async () =>
        {
            var current = await services.FindAsync(scope, cluster, name, cancellationToken).ConfigureAwait(false) ?? throw ServiceErrors.DeploymentNotFound();
            var deployment = current.Value.Service.Deployments?.FirstOrDefault(d => d.Id == DeploymentIds.Prefix + id);
            if (deployment is null || ServiceDeploymentRecords.Deployment(scope, current.Value, deployment).Status != ServiceDeploymentStatus.InProgress)
            {
                throw ServiceErrors.NotInProgress(record.Value.ServiceDeploymentArn!);
            }

            if (current.Value.LastCompleted is not { } target)
            {
                throw ServiceErrors.NothingToRollBackTo(record.Value.ServiceDeploymentArn!);
            }

            var now = time.GetUtcNow();
            var stopped = current.Value with
            {
                Service = current.Value.Service with
                {
                    Deployments = current.Value.Service.Deployments!.Select(d => d.Id == deployment.Id ? ServiceRollbacks.Stopped(d, target.Id!, now) : d).ToList(),
                },
            };
            var rolledBack = ServiceRollbacks.Start(stopped, ServiceRollbacks.StoppedReason, DeploymentIds.New(ids), now);
            return await store.Store.ApplyAsync(writes.Save(scope, current, rolledBack), cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);

        return new StopServiceDeploymentResponse { ServiceDeploymentArn = record.Value.ServiceDeploymentArn };
    }

    /// <summary>Documents by ARN; an ARN that names none (or not one of this account and region) is a MISSING failure.</summary>
    private static async ValueTask<(List<T> Found, List<Failure> Failures)> DescribeAsync<T>(
        RequestContext context, List<string> arns, string resourceType, DocumentCollection<T> collection, CancellationToken cancellationToken)
        where T : class
    {
        if (arns.Count is 0 or > ServiceErrors.MaxDescribeDeployments)
        {
            throw ServiceErrors.TooMany(resourceType + " ARNs", ServiceErrors.MaxDescribeDeployments);
        }

        var scope = context.Scope();
        var found = new List<T>();
        var failures = new List<Failure>();
        foreach (var arn in arns)
        {
            var document = ServiceDeploymentRecords.KeyOf(scope, arn, resourceType) is { } key
                ? await collection.GetAsync(scope.Partition, key, cancellationToken).ConfigureAwait(false)
                : null;
            if (document is null)
            {
                failures.Add(new Failure { Arn = arn, Reason = TaskFailureReasons.Missing });
            }
            else
            {
                found.Add(document.Value);
            }
        }

        return (found, failures);
    }
}
