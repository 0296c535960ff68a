using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Tasks;
using Berth.Domain;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecs.Tasks;

/// <summary>Placements batched per cluster: concurrent RunTasks and StartTasks commit together without over-committing,
/// repeat a clientToken safely, and the batcher combines what waits, never two creations of one token in a batch.</summary>
public sealed class PlacementBatchTests : TaskHandlerTestBase
{
    private static readonly ResourceScope Scope = new("123456789012", "us-east-1");

    [Fact]
    public async Task Run_ManyConcurrently_ReservesExactlyWhatWasPlaced()
    {
        var instances = new[] { await InstanceAsync(cpu: 1000), await InstanceAsync(cpu: 1000) };
        await DefinitionAsync(cpu: 100, memoryReservation: 10);

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => RunAsync(count: 3))));

        var placed = responses.SelectMany(r => r.Tasks!).ToList();
        Assert.Equal(20, placed.Count);
        Assert.Equal(20, placed.Select(t => t.TaskArn).Distinct().Count());
        Assert.All(responses.SelectMany(r => r.Failures!), f => Assert.Equal("RESOURCE:CPU", f.Reason));
        foreach (var instance in instances)
        {
            var stored = await StoredInstanceAsync(instance.ContainerInstanceArn!);
            var here = placed.Count(t => t.ContainerInstanceArn == instance.ContainerInstanceArn);
            Assert.Equal((1000 - (here * 100), here), (Remaining(stored, "CPU"), stored.PendingTasksCount));
        }

        Assert.Equal(20, (await StoredClusterAsync()).PendingTasksCount);
    }

    [Fact]
    public async Task Run_SameClientTokenConcurrently_PlacesOnceAndAnswersEveryoneTheSame()
    {
        var instance = await InstanceAsync();
        await DefinitionAsync(cpu: 10, memoryReservation: 10);
        var request = new RunTaskRequest { Cluster = "prod", TaskDefinition = "web", Count = 2, ClientToken = "once" };

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () => await Ecs.RunTask.RunTask(Ecs.Caller(), request, default))));

        var first = responses[0].Tasks!.Select(t => t.TaskArn).ToList();
        Assert.Equal(2, first.Count);
        Assert.All(responses, r => Assert.Equal(first, r.Tasks!.Select(t => t.TaskArn)));
        Assert.Equal(2, (await StoredInstanceAsync(instance.ContainerInstanceArn!)).PendingTasksCount);
        Assert.Equal(2, (await StoredClusterAsync()).PendingTasksCount);
    }

    [Fact]
    public async Task Start_ConcurrentlyWithRuns_EachGetsItsOwnOutcome()
    {
        var instance = await InstanceAsync();
        await DefinitionAsync(cpu: 10, memoryReservation: 10);
        const string Missing = "0123456789abcdef0123456789abcdef";

        var start = Task.Run(async () => await Ecs.RunTask.StartTask(
            Ecs.Caller(), new StartTaskRequest { Cluster = "prod", TaskDefinition = "web", ContainerInstances = [instance.ContainerInstanceArn!, Missing] }, default));
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => RunAsync(count: 2))));
        var started = await start;

        Assert.Equal(instance.ContainerInstanceArn, Assert.Single(started.Tasks!).ContainerInstanceArn);
        Assert.Equal("MISSING", Assert.Single(started.Failures!).Reason);
        Assert.All(runs, r => Assert.Equal(2, r.Tasks!.Count));
        Assert.Equal(9, (await StoredInstanceAsync(instance.ContainerInstanceArn!)).PendingTasksCount);
        Assert.Equal(9, (await StoredClusterAsync()).PendingTasksCount);
    }

    [Fact]
    public async Task Batcher_CombinesWhatWaits_AndLeavesARepeatedTokenForTheNextBatch()
    {
        var batcher = new PlacementBatcher();
        var batches = new List<string[]>();
        var firstEntered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var names = new Dictionary<PlacementJob, string>();
        async Task RunBatch(ResourceScope scope, string cluster, IReadOnlyList<PlacementJob> jobs)
        {
            lock (batches)
            {
                batches.Add([.. jobs.Select(j => names[j])]);
            }

            if (batches.Count == 1)
            {
                firstEntered.SetResult();
                await releaseFirst.Task;
            }

            foreach (var job in jobs)
            {
                job.Complete(new PlacementJob.Placed([], [], []));
            }
        }

        Task<PlacementJob.Placed> Queue(string name, string? token)
        {
            var job = new PlacementJob(token, countsGroups: false, _ => throw new InvalidOperationException("not planned here"));
            names[job] = name;
            return batcher.PlaceAsync(Scope, "prod", job, RunBatch, default);
        }

        var waiting = new List<Task<PlacementJob.Placed>> { Queue("a", null) };
        await firstEntered.Task;
        waiting.AddRange([Queue("b", "t"), Queue("c", "t"), Queue("d", null), Queue("e", "u")]);
        releaseFirst.SetResult();
        await Task.WhenAll(waiting);

        Assert.Equal([["a"], ["b", "d", "e"], ["c"]], batches);
    }

    [Fact]
    public async Task Batcher_FailedBatch_FailsEachOfItsJobs()
    {
        var batcher = new PlacementBatcher();
        var job = new PlacementJob(null, countsGroups: false, _ => throw new InvalidOperationException("not planned here"));

        var error = await Assert.ThrowsAsync<TimeoutException>(
            () => batcher.PlaceAsync(Scope, "prod", job, (_, _, _) => throw new TimeoutException("store unavailable"), default));

        Assert.Equal("store unavailable", error.Message);
    }
}
