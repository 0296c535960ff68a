using Berth.Aws.Auth;
using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Ecs;
using Berth.Aws.Model;
using Berth.Aws.Protocol;
using Berth.ControlPlane.Agents;
using Berth.ControlPlane.Ecs.Clusters;
using Berth.ControlPlane.Ecs.ContainerInstances;
using Berth.ControlPlane.Ecs.TaskDefinitions;
using Berth.ControlPlane.Ecs.Tasks;
using EcsTask = Berth.Aws.Generated.Ecs.Task;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecs.Tasks;

/// <summary>The agent's reports against a real (temporary) SQLite store: counts move, STOPPED returns exactly what RunTask
/// reserved and only once, only the task's own instance may report it, and a task going down on its own is stopped.</summary>
public sealed class TaskStateChangeHandlersTests : TaskHandlerTestBase
{
    private TaskStateChangeHandlers Handlers => new(
        Ecs.Store, new ClusterResolver(Ecs.Store), new TaskResolver(Ecs.Store), new TaskDefinitionResolver(Ecs.Store),
        new ContainerInstanceResolver(Ecs.Store), Ecs.Time);

    [Fact]
    public async Task Running_MovesTheTaskFromPendingToRunning_OnItsInstanceAndCluster()
    {
        var instance = await InstanceAsync();
        await DefinitionAsync();
        var task = (await RunAsync()).Tasks!.Single();
        Ecs.Time.Advance(TimeSpan.FromSeconds(30));

        var response = await ReportAsync(AgentOf(instance), task, "RUNNING");

        Assert.Equal("ACK", response.Acknowledgment);
        var stored = await StoredInstanceAsync(instance.ContainerInstanceArn!);
        var cluster = await StoredClusterAsync();
        Assert.Equal((0, 1, instance.Version + 2), (stored.PendingTasksCount, stored.RunningTasksCount, stored.Version));
        Assert.Equal((0, 1), (cluster.PendingTasksCount, cluster.RunningTasksCount));
        var described = await DescribeAsync(task);
        Assert.Equal(("RUNNING", "RUNNING", 2L), (described.LastStatus, described.DesiredStatus, described.Version));
        Assert.Equal((EcsHarness.Start.AddSeconds(30), "CONNECTED"), (described.StartedAt, described.Connectivity));
    }

    [Fact]
    public async Task Stopped_ReturnsExactlyWhatRunTaskReserved_WithOverridesAndPorts()
    {
        var instance = await InstanceAsync();
        await PortsDefinitionAsync();
        var registered = await DescribeInstanceAsync(instance);
        var task = (await Ecs.RunTask.RunTask(Ecs.Caller(), new RunTaskRequest
        {
            Cluster = "prod",
            TaskDefinition = "web",
            Overrides = new TaskOverride { ContainerOverrides = [new ContainerOverride { Name = "app", Cpu = 700, MemoryReservation = 900 }] },
        }, default)).Tasks!.Single();
        var reserved = await DescribeInstanceAsync(instance);
        Assert.Equal((2048 - 700, 3928 - 900), (Remaining(reserved, "CPU"), Remaining(reserved, "MEMORY")));
        Assert.Contains("8080", Ports(reserved, "PORTS"));

        await ReportAsync(AgentOf(instance), task, "RUNNING");
        await ReportAsync(AgentOf(instance), task, "STOPPED");

        var released = await DescribeInstanceAsync(instance);
        Assert.Equal(Json(registered.RemainingResources), Json(released.RemainingResources));
        Assert.Equal((0, 0), (released.PendingTasksCount, released.RunningTasksCount));
        var cluster = await StoredClusterAsync();
        Assert.Equal((0, 0), (cluster.PendingTasksCount, cluster.RunningTasksCount));
    }

    [Fact]
    public async Task Gpus_AreGivenToContainers_RefusedWhenShort_AndListedFreeAgainAtStop()
    {
        var instance = await InstanceAsync(gpus: ["GPU-a", "GPU-b", "GPU-c"]);
        await Ecs.TaskDefinitions.RegisterTaskDefinition(Ecs.Caller(), new RegisterTaskDefinitionRequest
        {
            Family = "train",
            ContainerDefinitions =
            [
                new ContainerDefinition { Name = "app", Image = "trainer", MemoryReservation = 64, ResourceRequirements = [new ResourceRequirement { Type = "GPU", Value = "2" }] },
                new ContainerDefinition { Name = "log", Image = "logger", MemoryReservation = 64 },
            ],
        }, default);

        var first = await RunAsync("train");
        var second = await RunAsync("train");

        var task = first.Tasks!.Single();
        Assert.Equal(["GPU-a", "GPU-b"], task.Containers!.Single(c => c.Name == "app").GpuIds);
        Assert.Null(task.Containers!.Single(c => c.Name == "log").GpuIds);
        Assert.Equal(["GPU-c"], Ports(await DescribeInstanceAsync(instance), "GPU"));
        Assert.Empty(second.Tasks!);
        Assert.Equal("RESOURCE:GPU", second.Failures!.Single().Reason);

        await ReportAsync(AgentOf(instance), task, "STOPPED");

        Assert.Equal(["GPU-c", "GPU-a", "GPU-b"], Ports(await DescribeInstanceAsync(instance), "GPU"));
        Assert.Single((await RunAsync("train")).Tasks!);
    }

    [Fact]
    public async Task Stopped_Again_ReleasesNothing_AndWritesNothing()
    {
        var instance = await InstanceAsync();
        await DefinitionAsync();
        var tasks = (await RunAsync(count: 2)).Tasks!;
        await ReportAsync(AgentOf(instance), tasks[0], "STOPPED");
        var once = await StoredInstanceAsync(instance.ContainerInstanceArn!);
        var task = await DescribeAsync(tasks[0]);

        await ReportAsync(AgentOf(instance), tasks[0], "STOPPED");

        var twice = await StoredInstanceAsync(instance.ContainerInstanceArn!);
        Assert.Equal(Json(once), Json(twice));
        Assert.Equal((2048 - 256, 3928 - 512, 1), (Remaining(twice, "CPU"), Remaining(twice, "MEMORY"), twice.PendingTasksCount));
        Assert.Equal(task.Version, (await DescribeAsync(tasks[0])).Version);
        Assert.Equal((1, 0), ((await StoredClusterAsync()).PendingTasksCount, (await StoredClusterAsync()).RunningTasksCount));
    }

    [Fact]
    public async Task Stopped_ReportedConcurrently_ReleasesOnce()
    {
        var instance = await InstanceAsync();
        await DefinitionAsync();
        var task = (await RunAsync()).Tasks!.Single();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () => await ReportAsync(AgentOf(instance), task, "STOPPED"))));

        var stored = await StoredInstanceAsync(instance.ContainerInstanceArn!);
        Assert.Equal((2048, 3928, 0), (Remaining(stored, "CPU"), Remaining(stored, "MEMORY"), stored.PendingTasksCount));
        Assert.Equal(0, (await StoredClusterAsync()).PendingTasksCount);
    }

    [Fact]
    public async Task AnotherInstancesKey_IsRefused_TheAccountsUsersAreNot()
    {
        var home = await InstanceAsync();
        var other = await InstanceAsync();
        await DefinitionAsync();
        var task = (await RunAsync()).Tasks!.Single();

        var error = await Assert.ThrowsAsync<AwsException>(async () => await ReportAsync(AgentOf(other), task, "RUNNING"));
        await Handlers.SubmitContainerStateChange(
            Ecs.Caller(), new SubmitContainerStateChangeRequest { Cluster = "prod", Task = task.TaskArn, ContainerName = "app", Status = "RUNNING" }, default);

        Assert.Equal(home.ContainerInstanceArn, task.ContainerInstanceArn);
        Assert.Equal("AccessDeniedException", error.Code);
        Assert.Equal(
            $"User: {InstancePrincipal.Arn(EcsHarness.Account, IdOf(other))} is not authorized to perform: ecs:SubmitTaskStateChange on resource: {task.TaskArn}",
            error.Message);
        var described = await DescribeAsync(task);
        Assert.Equal(("PENDING", "RUNNING"), (described.LastStatus, described.Containers!.Single().LastStatus));
    }

    [Fact]
    public async Task EssentialContainerExit_StopsTheTask_WithCodeAndReason()
    {
        var instance = await InstanceAsync();
        await DefinitionAsync();
        var task = (await RunAsync()).Tasks!.Single();
        await ReportAsync(AgentOf(instance), task, "RUNNING");

        await Handlers.SubmitTaskStateChange(AgentOf(instance), new SubmitTaskStateChangeRequest
        {
            Cluster = "prod",
            Task = task.TaskArn,
            Status = "STOPPED",
            Reason = "Essential container in task exited",
            Containers = [new ContainerStateChange { ContainerName = "app", Status = "STOPPED", ExitCode = 1, RuntimeId = "abc" }],
        }, default);

        var described = await DescribeAsync(task);
        Assert.Equal(
            ("STOPPED", "STOPPED", "EssentialContainerExited", "Essential container in task exited"),
            (described.LastStatus, described.DesiredStatus, described.StopCode, described.StoppedReason));
        Assert.Equal((1, "abc", "STOPPED"), (described.Containers!.Single().ExitCode, described.Containers!.Single().RuntimeId, described.Containers!.Single().LastStatus));
        Assert.Single((await Ecs.Tasks.ListTasks(Ecs.Caller(), new ListTasksRequest { Cluster = "prod", DesiredStatus = "STOPPED" }, default)).TaskArns!);
    }

    [Fact]
    public async Task DeregisteredInstance_TheTaskStillStops_TheInstanceIsLeftAlone()
    {
        var instance = await InstanceAsync();
        await DefinitionAsync();
        var task = (await RunAsync()).Tasks!.Single();
        await Ecs.Registration.DeregisterContainerInstance(
            Ecs.Caller(), new DeregisterContainerInstanceRequest { Cluster = "prod", ContainerInstance = instance.ContainerInstanceArn, Force = true }, default);
        var deregistered = await StoredInstanceAsync(instance.ContainerInstanceArn!);

        await ReportAsync(AgentOf(instance), task, "STOPPED");

        Assert.Equal("STOPPED", (await DescribeAsync(task)).LastStatus);
        Assert.Equal(Json(deregistered), Json(await StoredInstanceAsync(instance.ContainerInstanceArn!)));
        Assert.Equal(0, (await StoredClusterAsync()).PendingTasksCount);
    }

    [Fact]
    public async Task UnknownTask_IsInvalidParameter_UnknownCluster_IsClusterNotFound()
    {
        await InstanceAsync();

        var task = await Assert.ThrowsAsync<AwsException>(async () =>
            await Handlers.SubmitTaskStateChange(Ecs.Caller(), new SubmitTaskStateChangeRequest { Cluster = "prod", Task = "nope", Status = "RUNNING" }, default));
        var cluster = await Assert.ThrowsAsync<AwsException>(async () =>
            await Handlers.SubmitTaskStateChange(Ecs.Caller(), new SubmitTaskStateChangeRequest { Cluster = "gone", Task = "nope", Status = "RUNNING" }, default));

        Assert.Equal(("InvalidParameterException", "The referenced task was not found."), (task.Code, task.Message));
        Assert.Equal("ClusterNotFoundException", cluster.Code);
    }

    [Fact]
    public async Task ContainerStateChange_RecordsTheContainer_AndLeavesTheCounts()
    {
        var instance = await InstanceAsync();
        await DefinitionAsync();
        var task = (await RunAsync()).Tasks!.Single();
        List<NetworkBinding> bindings = [new NetworkBinding { BindIP = "0.0.0.0", ContainerPort = 80, HostPort = 32768, Protocol = "tcp" }];

        var response = await Handlers.SubmitContainerStateChange(AgentOf(instance), new SubmitContainerStateChangeRequest
        {
            Cluster = "prod", Task = task.TaskArn, ContainerName = "app", Status = "RUNNING", RuntimeId = "abc", NetworkBindings = bindings,
        }, default);

        Assert.Equal("ACK", response.Acknowledgment);
        var described = await DescribeAsync(task);
        var container = described.Containers!.Single();
        Assert.Equal(("RUNNING", "abc", "PENDING", 2L), (container.LastStatus, container.RuntimeId, described.LastStatus, described.Version));
        Assert.Equal(bindings, container.NetworkBindings);
        Assert.Equal(1, (await StoredInstanceAsync(instance.ContainerInstanceArn!)).PendingTasksCount);
    }

    private async Task<SubmitTaskStateChangeResponse> ReportAsync(RequestContext caller, EcsTask task, string status) =>
        await Handlers.SubmitTaskStateChange(caller, new SubmitTaskStateChangeRequest { Cluster = "prod", Task = task.TaskArn, Status = status }, default);

    /// <summary>A request signed with the instance's own key, as its agent sends reports.</summary>
    private RequestContext AgentOf(ContainerInstance instance) => new()
    {
        Principal = new AuthenticatedPrincipal(
            new Credential("AKIDINSTANCE", "secret", EcsHarness.Account, InstancePrincipal.Arn(EcsHarness.Account, IdOf(instance)), instance.ContainerInstanceArn),
            EcsHarness.Region,
            "ecs",
            Ecs.Time.GetUtcNow()),
        Operation = new Operation("SubmitTaskStateChange", null, null, [], "POST", "/"),
        RequestId = Guid.NewGuid().ToString(),
    };

    private static string IdOf(ContainerInstance instance) => instance.ContainerInstanceArn!.Split('/')[^1];

    private async Task<EcsTask> DescribeAsync(EcsTask task) =>
        (await Ecs.Tasks.DescribeTasks(Ecs.Caller(), new DescribeTasksRequest { Cluster = "prod", Tasks = [task.TaskArn!] }, default)).Tasks!.Single();

    private async Task<ContainerInstance> DescribeInstanceAsync(ContainerInstance instance) =>
        (await Ecs.Instances.DescribeContainerInstances(
            Ecs.Caller(), new DescribeContainerInstancesRequest { Cluster = "prod", ContainerInstances = [instance.ContainerInstanceArn!] }, default))
        .ContainerInstances!.Single();

    private async Task PortsDefinitionAsync() =>
        await Ecs.TaskDefinitions.RegisterTaskDefinition(Ecs.Caller(), new RegisterTaskDefinitionRequest
        {
            Family = "web",
            ContainerDefinitions =
            [
                new ContainerDefinition
                {
                    Name = "app", Image = "nginx", Cpu = 256, MemoryReservation = 512,
                    PortMappings = [new PortMapping { ContainerPort = 80, HostPort = 8080 }, new PortMapping { ContainerPort = 53, HostPort = 5353, Protocol = "udp" }],
                },
            ],
        }, default);

    private static List<string> Ports(ContainerInstance instance, string name) => instance.RemainingResources!.Single(r => r.Name == name).StringSetValue!;

    private static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, Berth.ControlPlane.Storage.StoredJsonContext.Default.Options);
}
