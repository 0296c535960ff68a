using Berth.Agent.Host;
using Berth.Aws.Generated.Ecs;
using Task = System.Threading.Tasks.Task;

namespace Berth.Bench;

/// <summary>After a run: every placed task reached its instance, and the store's counts and reservations add up to exactly the
/// tasks placed (no lost update, no over-commit, however many RunTasks raced).</summary>
public static class Consistency
{
    public const int TaskCpu = 1;
    public const int TaskMemory = 8;

    /// <summary>What the store says against what the clients were told.</summary>
    public sealed record Check(int Placed, int ClusterPending, int InstancesPending, long CpuReserved, long MemoryReserved)
    {
        public bool Holds => ClusterPending == Placed && InstancesPending == Placed && CpuReserved == (long)Placed * TaskCpu && MemoryReserved == (long)Placed * TaskMemory;

        public override string ToString() =>
            $"consistency {(Holds ? "holds" : "BROKEN")}: {Placed} tasks placed; cluster pendingTasksCount {ClusterPending}, instances' pendingTasksCount {InstancesPending}, " +
            $"CPU reserved {CpuReserved} (= {TaskCpu} x tasks), MEMORY reserved {MemoryReserved} (= {TaskMemory} x tasks)";
    }

    /// <summary>Seconds until every placed task was delivered, or null after a minute.</summary>
    public static async Task<double?> WaitDeliveredAsync(InstanceFleet fleet, int placed, TimeProvider time, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        while (fleet.Delivered < placed)
        {
            if (time.GetElapsedTime(started) > TimeSpan.FromMinutes(1))
            {
                return null;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), time, ct).ConfigureAwait(false);
        }

        return time.GetElapsedTime(started).TotalSeconds;
    }

    public static async Task<Check> CheckAsync(EcsApiClient api, BenchOptions options, IReadOnlyList<string> instances, int placed, CancellationToken ct)
    {
        var cluster = await api.CallAsync(
            "DescribeClusters", new DescribeClustersRequest { Clusters = [options.Cluster] },
            EcsJsonContext.Default.DescribeClustersRequest, EcsJsonContext.Default.DescribeClustersResponse, options.Key, ct).ConfigureAwait(false);
        var described = await api.CallAsync(
            "DescribeContainerInstances", new DescribeContainerInstancesRequest { Cluster = options.Cluster, ContainerInstances = [.. instances] },
            EcsJsonContext.Default.DescribeContainerInstancesRequest, EcsJsonContext.Default.DescribeContainerInstancesResponse, options.Key, ct).ConfigureAwait(false);
        var all = described.ContainerInstances ?? [];
        return new Check(
            placed,
            cluster.Clusters?.SingleOrDefault()?.PendingTasksCount ?? -1,
            all.Sum(i => i.PendingTasksCount ?? 0),
            all.Sum(i => Reserved(i, "CPU")),
            all.Sum(i => Reserved(i, "MEMORY")));
    }

    private static long Reserved(ContainerInstance instance, string resource) =>
        (instance.RegisteredResources?.FirstOrDefault(r => r.Name == resource)?.IntegerValue ?? 0)
        - (instance.RemainingResources?.FirstOrDefault(r => r.Name == resource)?.IntegerValue ?? 0);
}
