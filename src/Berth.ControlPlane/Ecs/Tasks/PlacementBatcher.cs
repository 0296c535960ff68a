using System.Collections.Concurrent;
using Berth.Domain;

namespace Berth.ControlPlane.Ecs.Tasks;

/// <summary>Takes this process's placements on one cluster in turn and combines those that arrive together into one batch:
/// planned one after another on a single read of the cluster and committed in one transaction. Placements racing each
/// other would all read the same versions and all but one re-plan (and, under load, exhaust their retries); queued one
/// by one, each would still pay a durable commit of its own. Commits still check versions, so writers outside the batcher
/// (task state changes, agent presence) stay safe.</summary>
public sealed class PlacementBatcher
{
    /// <summary>At most this many placements share a transaction (each RunTask places at most 10 tasks).</summary>
    public const int MaxJobsPerBatch = 32;

    /// <summary>One small queue per cluster ever placed on in this process.</summary>
    private readonly ConcurrentDictionary<(ResourceScope Scope, string Cluster), ClusterQueue> queues = new();

    /// <summary>Queues the job and waits for its outcome; the first job of an idle cluster starts the cluster's drain, which
    /// hands each batch to <paramref name="runBatch"/> (it completes the jobs). A caller that gives up only stops waiting: a
    /// queued placement still happens, as a commit already under way would.</summary>
    public Task<PlacementJob.Placed> PlaceAsync(
        ResourceScope scope, string cluster, PlacementJob job, Func<ResourceScope, string, IReadOnlyList<PlacementJob>, Task> runBatch, CancellationToken cancellationToken)
    {
        var queue = queues.GetOrAdd((scope, cluster), _ => new ClusterQueue());
        bool start;
        lock (queue)
        {
            queue.Pending.Add(job);
            start = !queue.Draining;
            queue.Draining = true;
        }

        if (start)
        {
            _ = Task.Run(() => DrainAsync(scope, cluster, queue, runBatch), CancellationToken.None);
        }

        return job.Outcome.WaitAsync(cancellationToken);
    }

    /// <summary>Runs batches until the cluster's queue is empty. A batch that fails as a whole fails each of its jobs.</summary>
    private static async Task DrainAsync(ResourceScope scope, string cluster, ClusterQueue queue, Func<ResourceScope, string, IReadOnlyList<PlacementJob>, Task> runBatch)
    {
        while (true)
        {
            List<PlacementJob> batch;
            lock (queue)
            {
                if (queue.Pending.Count == 0)
                {
                    queue.Draining = false;
                    return;
                }

                batch = Take(queue.Pending);
            }

            try
            {
                await runBatch(scope, cluster, batch).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                foreach (var job in batch)
                {
                    job.Fail(e);
                }
            }
        }
    }

    /// <summary>The oldest jobs, leaving for a later batch any that repeats a clientToken already in this one: both would
    /// create the token's document, so one transaction holding both could never commit.</summary>
    private static List<PlacementJob> Take(List<PlacementJob> pending)
    {
        var batch = new List<PlacementJob>();
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        foreach (var job in pending)
        {
            if (batch.Count == MaxJobsPerBatch)
            {
                break;
            }

            if (job.ClientToken is null || tokens.Add(job.ClientToken))
            {
                batch.Add(job);
            }
        }

        pending.RemoveAll(batch.Contains);
        return batch;
    }

    /// <summary>A cluster's waiting jobs and whether a drain is running for them (both guarded by locking the queue).</summary>
    private sealed class ClusterQueue
    {
        public List<PlacementJob> Pending { get; } = [];

        public bool Draining { get; set; }
    }
}
