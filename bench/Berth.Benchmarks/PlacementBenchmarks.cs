using BenchmarkDotNet.Attributes;
using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Placement.Engine;

namespace Berth.Benchmarks;

/// <summary>Placing 10,000 tasks of <see cref="PlacementWorkload"/>: as one plan, and as RunTask calls of 10 each over a
/// snapshot that follows the commits. Each operation is one placement, so BenchmarkDotNet's Op/s is placements/s.</summary>
[MemoryDiagnoser]
public class PlacementBenchmarks
{
    private const int Tasks = 10_000;
    private const int Batch = 10;

    private ClusterSnapshot snapshot = null!;

    [Params(1_000, 10_000)]
    public int Instances { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var instances = PlacementWorkload.Instances(Instances);
        snapshot = ClusterSnapshot.Of(instances, PlacementWorkload.PlacedTasks(instances));
        if (OnePlan().Unplaced != 0 || Batches().Unplaced != 0)
        {
            throw new InvalidOperationException($"The workload does not fit {Instances} instances");
        }
    }

    [Benchmark(OperationsPerInvoke = Tasks)]
    public PlacementPlan OnePlan() => PlacementEngine.Plan(snapshot, PlacementWorkload.Request(Tasks, 1));

    /// <summary>The last batch's plan; each batch plans on the snapshot the previous ones left.</summary>
    [Benchmark(OperationsPerInvoke = Tasks)]
    public PlacementPlan Batches()
    {
        var current = snapshot;
        PlacementPlan plan = null!;
        for (var batch = 0; batch < Tasks / Batch; batch++)
        {
            plan = PlacementEngine.Plan(current, PlacementWorkload.Request(Batch, batch));
            current = PlacementWorkload.Commit(current, plan);
        }

        return plan;
    }
}

/// <summary>Building the snapshot a plan starts from out of the stored instances and their tasks, as every RunTask does.</summary>
[MemoryDiagnoser]
public class PlacementSnapshotBenchmarks
{
    private List<ContainerInstance> instances = null!;
    private List<ClusterSnapshot.PlacedTask> tasks = null!;

    [Params(1_000, 10_000)]
    public int Instances { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        instances = PlacementWorkload.Instances(Instances);
        tasks = PlacementWorkload.PlacedTasks(instances);
    }

    [Benchmark]
    public ClusterSnapshot Of() => ClusterSnapshot.Of(instances, tasks);
}
