using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Controllers;
using Berth.ControlPlane.Ecs.Tasks;
using Berth.ControlPlane.Tests.Ecs.Services;
using Microsoft.Extensions.Logging.Abstractions;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Controllers;

/// <summary>Stopped tasks expire an hour after they stopped, with their protection records; nothing else is touched.</summary>
public sealed class StoppedTaskSweeperTests : ServiceTestBase
{
    private StoppedTaskSweeper Sweeper => new(Ecs.Store, Ecs.Time, NullLogger<StoppedTaskSweeper>.Instance);

    [Fact]
    public async Task ASweep_DeletesTasksStoppedAnHourAgo_AndKeepsYoungerAndUnstoppedOnes()
    {
        await InstanceAsync();
        await DefinitionAsync();
        var tasks = await ServiceTasksAsync(3);
        var now = Ecs.Time.GetUtcNow();
        await ChangeTaskAsync(tasks[0].TaskArn!, t => Stopped(t, now - StoppedTaskRetention.Period));
        await ChangeTaskAsync(tasks[1].TaskArn!, t => Stopped(t, now - StoppedTaskRetention.Period + TimeSpan.FromSeconds(1)));
        await Ecs.Store.Store.ApplyAsync(
            [Ecs.Protections.Write(Scope, "prod", new ProtectedTask { TaskArn = tasks[0].TaskArn, ProtectionEnabled = false })], default);

        Assert.Equal(1, await Sweeper.SweepAsync(default));

        Assert.Null(await Ecs.Store.Tasks.GetAsync(Partition, TaskResolver.KeyOf(tasks[0]), default));
        Assert.Null(await Ecs.Store.TaskProtections.GetAsync(Partition, TaskResolver.KeyOf(tasks[0]), default));
        Assert.NotNull(await Ecs.Store.Tasks.GetAsync(Partition, TaskResolver.KeyOf(tasks[1]), default));
        Assert.NotNull(await Ecs.Store.Tasks.GetAsync(Partition, TaskResolver.KeyOf(tasks[2]), default));
    }

    [Fact]
    public async Task ATaskStoppedLessThanAnHourAgo_ExpiresOnceTheHourHasPassed()
    {
        await InstanceAsync();
        await DefinitionAsync();
        var task = (await ServiceTasksAsync(1))[0];
        await ChangeTaskAsync(task.TaskArn!, t => Stopped(t, Ecs.Time.GetUtcNow()));

        Assert.Equal(0, await Sweeper.SweepAsync(default));
        Ecs.Time.Advance(StoppedTaskRetention.Period);
        Assert.Equal(1, await Sweeper.SweepAsync(default));
    }

    [Fact]
    public void OnlyAStoppedTask_Expires_CountedFromWhenItStopped()
    {
        var now = DateTimeOffset.UnixEpoch + TimeSpan.FromDays(1);
        var old = now - StoppedTaskRetention.Period;
        Assert.True(StoppedTaskRetention.Expired(new() { LastStatus = "STOPPED", StoppedAt = old }, now));
        Assert.True(StoppedTaskRetention.Expired(new() { LastStatus = "STOPPED", ExecutionStoppedAt = old }, now));
        Assert.False(StoppedTaskRetention.Expired(new() { LastStatus = "STOPPED", StoppedAt = now, CreatedAt = old }, now));
        Assert.False(StoppedTaskRetention.Expired(new() { LastStatus = "RUNNING", DesiredStatus = "STOPPED", CreatedAt = old }, now));
    }

    private static Aws.Generated.Ecs.Task Stopped(Aws.Generated.Ecs.Task task, DateTimeOffset at) =>
        task with { LastStatus = "STOPPED", DesiredStatus = "STOPPED", StoppedAt = at };
}
