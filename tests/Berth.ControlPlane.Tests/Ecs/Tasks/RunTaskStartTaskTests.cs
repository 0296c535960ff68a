using Berth.Aws.Generated.Ecs;
using Berth.Aws.Protocol;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecs.Tasks;

/// <summary>StartTask (which shares RunTask's placement): one task per named instance, RunTask's accounting and failures,
/// and MISSING/INACTIVE for instances that cannot take a task at all.</summary>
public sealed class RunTaskStartTaskTests : TaskHandlerTestBase
{
    [Fact]
    public async Task Start_OneTaskOnEachNamedInstance_ByIdOrArn()
    {
        var first = await InstanceAsync();
        var second = await InstanceAsync();
        await DefinitionAsync();

        var response = await StartAsync([first.ContainerInstanceArn!.Split('/')[^1], second.ContainerInstanceArn!], startedBy: "me");

        Assert.Empty(response.Failures!);
        Assert.Equal([first.ContainerInstanceArn, second.ContainerInstanceArn], response.Tasks!.Select(t => t.ContainerInstanceArn));
        Assert.All(response.Tasks!, t => Assert.Equal(("me", "family:web", "PENDING"), (t.StartedBy, t.Group, t.LastStatus)));
        Assert.Equal(2048 - 256, Remaining(await StoredInstanceAsync(second.ContainerInstanceArn!), "CPU"));
    }

    [Fact]
    public async Task Start_UnknownTooSmallOrNotActive_FailuresPerInstance()
    {
        var small = await InstanceAsync(memory: 256);
        var draining = await InstanceAsync();
        await Ecs.Instances.UpdateContainerInstancesState(
            Ecs.Caller(), new UpdateContainerInstancesStateRequest { Cluster = "prod", ContainerInstances = [draining.ContainerInstanceArn!], Status = "DRAINING" }, default);
        await DefinitionAsync();

        var response = await StartAsync(["0123456789abcdef0123456789abcdef", small.ContainerInstanceArn!, draining.ContainerInstanceArn!]);

        Assert.Empty(response.Tasks!);
        Assert.Equal(
            [
                ("arn:aws:ecs:us-east-1:123456789012:container-instance/prod/0123456789abcdef0123456789abcdef", "MISSING"),
                (small.ContainerInstanceArn!, "RESOURCE:MEMORY"),
                (draining.ContainerInstanceArn!, "INACTIVE"),
            ],
            response.Failures!.Select(f => (f.Arn!, f.Reason!)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public async Task Start_InstanceCountOutOfRange_InvalidParameter(int count)
    {
        var error = await Assert.ThrowsAsync<AwsException>(() => StartAsync(Enumerable.Range(0, count).Select(i => $"i{i}").ToList()));

        Assert.Equal(("InvalidParameterException", "containerInstances must contain between 1 and 10 items."), (error.Code, error.Message));
    }

    private async Task<StartTaskResponse> StartAsync(List<string> instances, string? startedBy = null) =>
        await Ecs.RunTask.StartTask(
            Ecs.Caller(), new StartTaskRequest { Cluster = "prod", TaskDefinition = "web", ContainerInstances = instances, StartedBy = startedBy }, default);
}
