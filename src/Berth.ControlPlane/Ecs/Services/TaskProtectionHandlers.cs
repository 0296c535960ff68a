using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Clusters;
using Berth.ControlPlane.Ecs.Tasks;

namespace Berth.ControlPlane.Ecs.Services;

/// <summary>UpdateTaskProtection and GetTaskProtection: tasks of the cluster only (others are MISSING failures); protection
/// lasts <c>expiresInMinutes</c> (1–2880, 120 when not given) and setting it again restarts the clock.</summary>
public sealed class TaskProtectionHandlers(ClusterResolver clusters, TaskResolver tasks, TaskProtections protections, EcsStore store, TimeProvider time)
{
    public const int DefaultMinutes = 120;

    public async ValueTask<UpdateTaskProtectionResponse> UpdateTaskProtection(
        RequestContext context, UpdateTaskProtectionRequest request, CancellationToken cancellationToken)
    {
        var enabled = request.ProtectionEnabled == true;
        var minutes = request.ExpiresInMinutes ?? DefaultMinutes;
        if (enabled && minutes is < ServiceErrors.MinProtectionMinutes or > ServiceErrors.MaxProtectionMinutes)
        {
            throw ServiceErrors.ExpiresInMinutes();
        }

        var scope = context.Scope();
        var (cluster, found, failures) = await FindAsync(context, request.Cluster, request.Tasks, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var protectedTasks = found.Select(arn => new ProtectedTask
        {
            TaskArn = arn,
            ProtectionEnabled = enabled,
            ExpirationDate = enabled ? now.AddMinutes(minutes) : null,
        }).ToList();
        if (protectedTasks.Count > 0)
        {
            await store.Store.ApplyAsync(protectedTasks.Select(p => protections.Write(scope, cluster, p)).ToList(), cancellationToken).ConfigureAwait(false);
        }

        return new UpdateTaskProtectionResponse { ProtectedTasks = protectedTasks, Failures = failures };
    }

    public async ValueTask<GetTaskProtectionResponse> GetTaskProtection(
        RequestContext context, GetTaskProtectionRequest request, CancellationToken cancellationToken)
    {
        var (cluster, found, failures) = await FindAsync(context, request.Cluster, request.Tasks, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var protectedTasks = new List<ProtectedTask>();
        foreach (var arn in found)
        {
            protectedTasks.Add(await protections.GetAsync(context.Scope(), cluster, arn, now, cancellationToken).ConfigureAwait(false));
        }

        return new GetTaskProtectionResponse { ProtectedTasks = protectedTasks, Failures = failures };
    }

    /// <summary>The ARNs of the named tasks the cluster has, and a MISSING failure for each it has not.</summary>
    private async ValueTask<(string Cluster, List<string> Found, List<Failure> Failures)> FindAsync(
        RequestContext context, string? clusterIdentifier, List<string>? identifiers, CancellationToken cancellationToken)
    {
        var named = identifiers ?? [];
        if (named.Count is 0 or > ServiceErrors.MaxProtectedTasks)
        {
            throw ServiceErrors.TooMany("tasks", ServiceErrors.MaxProtectedTasks);
        }

        var scope = context.Scope();
        var cluster = await clusters.ActiveNameAsync(scope, clusterIdentifier, cancellationToken).ConfigureAwait(false);
        var found = new List<string>();
        var failures = new List<Failure>();
        foreach (var identifier in named)
        {
            if (await tasks.FindAsync(scope, cluster, identifier, cancellationToken).ConfigureAwait(false) is { } task)
            {
                found.Add(task.Value.TaskArn!);
            }
            else
            {
                failures.Add(new Failure { Arn = TaskResolver.ArnOf(scope, cluster, identifier), Reason = TaskFailureReasons.Missing });
            }
        }

        return (cluster, found, failures);
    }
}
