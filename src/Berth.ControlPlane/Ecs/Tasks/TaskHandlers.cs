using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Clusters;
using Berth.ControlPlane.Ecs.ContainerInstances;
using Berth.ControlPlane.Pagination;
using Berth.ControlPlane.Storage;
using Berth.Domain;
using Berth.State;
using EcsTask = Berth.Aws.Generated.Ecs.Task;

namespace Berth.ControlPlane.Ecs.Tasks;

/// <summary>DescribeTasks, ListTasks and StopTask.</summary>
public sealed class TaskHandlers(EcsStore store, ClusterResolver clusters, TaskResolver tasks, TimeProvider time)
{
    private const int MaxDescribe = 100;
    private const int MaxPageSize = 100;
    private const string IncludeTags = "TAGS";
    private const string DefaultStopReason = "Task stopped by user";

    /// <summary>By id or ARN; tags only when asked for, as ECS does. Unknown tasks are MISSING failures, not errors.</summary>
    public async ValueTask<DescribeTasksResponse> DescribeTasks(RequestContext context, DescribeTasksRequest request, CancellationToken cancellationToken)
    {
        var identifiers = request.Tasks!;
        if (identifiers.Count is 0 or > MaxDescribe)
        {
            throw TaskErrors.TooMany(MaxDescribe);
        }

        var scope = context.Scope();
        var cluster = await clusters.ActiveNameAsync(scope, request.Cluster, cancellationToken).ConfigureAwait(false);
        var withTags = request.Include?.Contains(IncludeTags) == true;
        var found = new List<EcsTask>();
        var failures = new List<Failure>();
        foreach (var identifier in identifiers)
        {
            var task = await tasks.FindAsync(scope, cluster, identifier, cancellationToken).ConfigureAwait(false);
            if (task is null)
            {
                failures.Add(new Failure { Arn = TaskResolver.ArnOf(scope, cluster, identifier), Reason = TaskFailureReasons.Missing });
            }
            else
            {
                found.Add(withTags ? task.Value : task.Value with { Tags = null });
            }
        }

        return new DescribeTasksResponse { Tasks = found, Failures = failures };
    }

    /// <summary>The cluster's tasks with the desired status asked for (RUNNING when none), narrowed by the other filters.</summary>
    public async ValueTask<ListTasksResponse> ListTasks(RequestContext context, ListTasksRequest request, CancellationToken cancellationToken)
    {
        var pageSize = NextToken.PageSize(request.MaxResults, MaxPageSize, EcsErrors.MaxResults);
        var after = NextToken.Decode(request.NextToken, EcsErrors.InvalidNextToken);
        var scope = context.Scope();
        var cluster = await clusters.ActiveNameAsync(scope, request.Cluster, cancellationToken).ConfigureAwait(false);
        var filter = TaskFilter.Of(scope, cluster, request);
        var (page, next) = await store.Tasks.PageAsync(
            scope.Partition,
            new ListQuery { KeyPrefix = EcsStore.TaskPrefix(cluster), StartAfter = after },
            pageSize,
            filter.Matches,
            cancellationToken).ConfigureAwait(false);
        return new ListTasksResponse { TaskArns = page.Select(t => t.Value.TaskArn!).ToList(), NextToken = NextToken.Encode(next) };
    }

    /// <summary>Only the desired status changes: the task stays where it is until its agent stops it. Stopping a task again
    /// answers it unchanged.</summary>
    public async ValueTask<StopTaskResponse> StopTask(RequestContext context, StopTaskRequest request, CancellationToken cancellationToken)
    {
        if (request.Reason is { Length: > TaskErrors.MaxReason })
        {
            throw TaskErrors.Reason();
        }

        var scope = context.Scope();
        var cluster = await clusters.ActiveNameAsync(scope, request.Cluster, cancellationToken).ConfigureAwait(false);
        var stopped = await Optimistic.RetryAsync(async () =>
        {
            var current = await tasks.FindAsync(scope, cluster, request.Task!, cancellationToken).ConfigureAwait(false) ?? throw TaskErrors.NotFound();
            if (current.Value.DesiredStatus == DesiredStatus.Stopped)
            {
                return current.Value;
            }

            var changed = TaskStopping.Requested(
                current.Value, TaskStopCode.UserInitiated, string.IsNullOrEmpty(request.Reason) ? DefaultStopReason : request.Reason, time.GetUtcNow());
            await store.Store.ApplyAsync([tasks.Write(scope, changed, current.Version)], cancellationToken).ConfigureAwait(false);
            return changed;
        }).ConfigureAwait(false);

        return new StopTaskResponse { Task = stopped };
    }
}
