using Berth.Aws.Generated.Ecs;
using Berth.Domain;
using Berth.State;

namespace Berth.ControlPlane.Ecs.Services;

/// <summary>Tasks' scale-in protection, one document per task (kind <c>ecs.task-protection</c>, keyed like the task); an
/// expired protection reads as disabled, so nothing has to clear it.</summary>
public sealed class TaskProtections(EcsStore store)
{
    /// <summary>The protection as GetTaskProtection shows it at <paramref name="now"/>.</summary>
    public async ValueTask<ProtectedTask> GetAsync(ResourceScope scope, string cluster, string taskArn, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (_, _, id) = EcsArns.ParseLong(taskArn);
        var stored = await store.TaskProtections.GetAsync(scope.Partition, EcsStore.TaskKey(cluster, id), cancellationToken).ConfigureAwait(false);
        return Effective(stored?.Value, taskArn, now);
    }

    /// <summary>What the scheduler needs: the cluster's protected tasks (task ARN) and when each protection ends.</summary>
    public async ValueTask<IReadOnlyDictionary<string, DateTimeOffset>> ActiveAsync(
        ResourceScope scope, string cluster, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var active = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await foreach (var stored in store.TaskProtections.ScanAsync(scope.Partition, EcsStore.TaskPrefix(cluster), cancellationToken).ConfigureAwait(false))
        {
            if (Effective(stored.Value, stored.Value.TaskArn!, now) is { ProtectionEnabled: true, ExpirationDate: { } until })
            {
                active[stored.Value.TaskArn!] = until;
            }
        }

        return active;
    }

    /// <summary>The write that records a task's protection (disabled protection is kept as such, without an expiry).</summary>
    public PutOp Write(ResourceScope scope, string cluster, ProtectedTask protection)
    {
        var (_, _, id) = EcsArns.ParseLong(protection.TaskArn);
        return store.TaskProtections.Put(scope.Partition, EcsStore.TaskKey(cluster, id), protection, null);
    }

    private static ProtectedTask Effective(ProtectedTask? stored, string taskArn, DateTimeOffset now) =>
        stored is { ProtectionEnabled: true, ExpirationDate: { } until } && until > now
            ? stored
            : new ProtectedTask { TaskArn = taskArn, ProtectionEnabled = false };
}
