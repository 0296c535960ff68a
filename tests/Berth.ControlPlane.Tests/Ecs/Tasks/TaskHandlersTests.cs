using Berth.Aws.Generated.Ecs;
using Berth.Aws.Protocol;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecs.Tasks;

/// <summary>DescribeTasks, ListTasks, StopTask, task tags and what tasks mean for DeleteCluster.</summary>
public sealed class TaskHandlersTests : TaskHandlerTestBase
{
    [Fact]
    public async Task Describe_ByIdAndArn_TagsOnlyWhenAsked_UnknownIsMissing()
    {
        await InstanceAsync();
        await DefinitionAsync();
        var task = (await Ecs.RunTask.RunTask(
            Ecs.Caller(), new RunTaskRequest { Cluster = "prod", TaskDefinition = "web", Tags = [new Tag { Key = "k", Value = "v" }] }, default)).Tasks!.Single();
        var id = task.TaskArn!.Split('/')[^1];

        var plain = await Ecs.Tasks.DescribeTasks(Ecs.Caller(), new DescribeTasksRequest { Cluster = "prod", Tasks = [id, "nope"] }, default);
        var tagged = await Ecs.Tasks.DescribeTasks(
            Ecs.Caller(), new DescribeTasksRequest { Cluster = "prod", Tasks = [task.TaskArn!], Include = ["TAGS"] }, default);

        Assert.Equal(task.TaskArn, plain.Tasks!.Single().TaskArn);
        Assert.Null(plain.Tasks!.Single().Tags);
        var missing = Assert.Single(plain.Failures!);
        Assert.Equal(("arn:aws:ecs:us-east-1:123456789012:task/prod/nope", "MISSING"), (missing.Arn, missing.Reason));
        Assert.Equal("k", tagged.Tasks!.Single().Tags!.Single().Key);
    }

    [Fact]
    public async Task List_FiltersByFamilyStartedByInstanceAndDesiredStatus()
    {
        var instance = await InstanceAsync(cpu: 4096, memory: 8192);
        await DefinitionAsync();
        await DefinitionAsync(family: "api");
        var web = (await RunAsync(startedBy: "ci")).Tasks!.Single().TaskArn!;
        var api = (await RunAsync(taskDefinition: "api")).Tasks!.Single().TaskArn!;

        Assert.Equal([web, api], (await ListAsync(new ListTasksRequest())).Order());
        Assert.Equal([api], await ListAsync(new ListTasksRequest { Family = "api" }));
        Assert.Equal([web], await ListAsync(new ListTasksRequest { StartedBy = "ci" }));
        Assert.Equal(2, (await ListAsync(new ListTasksRequest { ContainerInstance = instance.ContainerInstanceArn!.Split('/')[^1] })).Count);
        Assert.Empty(await ListAsync(new ListTasksRequest { DesiredStatus = "STOPPED" }));
        Assert.Empty(await ListAsync(new ListTasksRequest { ServiceName = "svc" }));

        await Ecs.Tasks.StopTask(Ecs.Caller(), new StopTaskRequest { Cluster = "prod", Task = web }, default);

        Assert.Equal([web], await ListAsync(new ListTasksRequest { DesiredStatus = "STOPPED" }));
        Assert.Equal([api], await ListAsync(new ListTasksRequest()));
    }

    [Fact]
    public async Task List_Paginates()
    {
        await InstanceAsync();
        await DefinitionAsync(cpu: 10, memoryReservation: 10);
        await RunAsync(count: 5);

        var first = await Ecs.Tasks.ListTasks(Ecs.Caller(), new ListTasksRequest { Cluster = "prod", MaxResults = 3 }, default);
        var second = await Ecs.Tasks.ListTasks(Ecs.Caller(), new ListTasksRequest { Cluster = "prod", NextToken = first.NextToken }, default);

        Assert.Equal((3, 2), (first.TaskArns!.Count, second.TaskArns!.Count));
        Assert.Null(second.NextToken);
    }

    [Fact]
    public async Task Stop_SetsDesiredStatusOnly_WithReason()
    {
        await InstanceAsync();
        await DefinitionAsync();
        var task = (await RunAsync()).Tasks!.Single();
        Ecs.Time.Advance(TimeSpan.FromMinutes(1));

        var stopped = (await Ecs.Tasks.StopTask(Ecs.Caller(), new StopTaskRequest { Cluster = "prod", Task = task.TaskArn }, default)).Task!;
        var again = (await Ecs.Tasks.StopTask(Ecs.Caller(), new StopTaskRequest { Cluster = "prod", Task = task.TaskArn, Reason = "x" }, default)).Task!;

        Assert.Equal(("PENDING", "STOPPED", "UserInitiated", "Task stopped by user", 2L), (stopped.LastStatus, stopped.DesiredStatus, stopped.StopCode, stopped.StoppedReason, stopped.Version));
        Assert.Equal(EcsHarness.Start.AddMinutes(1), stopped.StoppingAt);
        Assert.Null(stopped.StoppedAt);
        Assert.Equal(("Task stopped by user", 2L), (again.StoppedReason, again.Version));
    }

    [Fact]
    public async Task Stop_WithReason_AndUnknownTask()
    {
        await InstanceAsync();
        await DefinitionAsync();
        var task = (await RunAsync()).Tasks!.Single();

        var stopped = (await Ecs.Tasks.StopTask(Ecs.Caller(), new StopTaskRequest { Cluster = "prod", Task = task.TaskArn, Reason = "done" }, default)).Task!;
        var unknown = await Assert.ThrowsAsync<AwsException>(() => Ecs.Tasks.StopTask(Ecs.Caller(), new StopTaskRequest { Cluster = "prod", Task = "nope" }, default).AsTask());
        var tooLong = await Assert.ThrowsAsync<AwsException>(() => Ecs.Tasks.StopTask(
            Ecs.Caller(), new StopTaskRequest { Cluster = "prod", Task = task.TaskArn, Reason = new string('x', 256) }, default).AsTask());

        Assert.Equal("done", stopped.StoppedReason);
        Assert.Equal(("InvalidParameterException", "The referenced task was not found."), (unknown.Code, unknown.Message));
        Assert.Equal("InvalidParameterException", tooLong.Code);
    }

    [Fact]
    public async Task Tags_OnTasks_ByArn()
    {
        await InstanceAsync();
        await DefinitionAsync();
        var arn = (await RunAsync()).Tasks!.Single().TaskArn!;

        await Ecs.Tags.TagResource(Ecs.Caller(), new TagResourceRequest { ResourceArn = arn, Tags = [new Tag { Key = "a", Value = "1" }] }, default);
        var tags = await Ecs.Tags.ListTagsForResource(Ecs.Caller(), new ListTagsForResourceRequest { ResourceArn = arn }, default);

        Assert.Equal("a", tags.Tags!.Single().Key);
    }

    [Fact]
    public async Task DeleteCluster_RefusedWhileTasksArePending()
    {
        var instance = await InstanceAsync();
        await DefinitionAsync();
        await RunAsync();
        await Ecs.Registration.DeregisterContainerInstance(
            Ecs.Caller(), new DeregisterContainerInstanceRequest { Cluster = "prod", ContainerInstance = instance.ContainerInstanceArn, Force = true }, default);

        var error = await Assert.ThrowsAsync<AwsException>(() => Ecs.Clusters.DeleteCluster(Ecs.Caller(), new DeleteClusterRequest { Cluster = "prod" }, default).AsTask());

        Assert.Equal("ClusterContainsTasksException", error.Code);
    }

    private async Task<List<string>> ListAsync(ListTasksRequest request) =>
        (await Ecs.Tasks.ListTasks(Ecs.Caller(), request with { Cluster = "prod" }, default)).TaskArns!;
}
