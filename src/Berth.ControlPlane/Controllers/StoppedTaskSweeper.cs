using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Ecs.Tasks;
using Berth.State;
using Microsoft.Extensions.Logging;

namespace Berth.ControlPlane.Controllers;

/// <summary>Deletes tasks whose <see cref="StoppedTaskRetention"/> has passed, with their scale-in protection records, every
/// <see cref="Interval"/>. A task that changed since it was read is left for the next sweep.</summary>
public sealed class StoppedTaskSweeper(EcsStore store, TimeProvider time, ILogger<StoppedTaskSweeper> logger)
    : PeriodicSweeper(Interval, "Sweeping expired stopped tasks", time, logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    private const int DeletesPerCommit = 100;

    protected override async ValueTask SweepOnceAsync(CancellationToken cancellationToken) => await SweepAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>One sweep over every account and region; returns how many tasks it deleted.</summary>
    public async ValueTask<int> SweepAsync(CancellationToken cancellationToken)
    {
        var deleted = 0;
        var now = Time.GetUtcNow();
        foreach (var partition in await store.Store.ListPartitionsAsync(store.Tasks.Kind, cancellationToken).ConfigureAwait(false))
        {
            var ops = new List<WriteOp>();
            await foreach (var task in store.Tasks.ScanAsync(partition, null, cancellationToken).ConfigureAwait(false))
            {
                if (!StoppedTaskRetention.Expired(task.Value, now))
                {
                    continue;
                }

                var key = TaskResolver.KeyOf(task.Value);
                ops.Add(store.Tasks.Delete(partition, key, task.Version));
                ops.Add(store.TaskProtections.Delete(partition, key, expectedVersion: null));
                if (ops.Count >= 2 * DeletesPerCommit)
                {
                    deleted += await CommitAsync(ops, cancellationToken).ConfigureAwait(false);
                }
            }

            deleted += await CommitAsync(ops, cancellationToken).ConfigureAwait(false);
        }

        return deleted;
    }

    private async ValueTask<int> CommitAsync(List<WriteOp> ops, CancellationToken cancellationToken)
    {
        var tasks = ops.Count / 2;
        try
        {
            if (tasks > 0)
            {
                await store.Store.ApplyAsync(ops, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ConcurrencyConflictException)
        {
            tasks = 0;
        }

        ops.Clear();
        return tasks;
    }
}
