using Berth.Aws.Generated.Ecs;
using Berth.Aws.Protocol;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecs.Tasks;

/// <summary>RunTask against a real (temporary) SQLite store: the task document, exact accounting, failure reasons, bad input.</summary>
public sealed class RunTaskHandlerTests : TaskHandlerTestBase
{
    [Fact]
    public async Task Run_PlacesPendingTask_AndReservesExactly()
    {
        var instance = await InstanceAsync();
        var definition = await DefinitionAsync();

        var response = await RunAsync(startedBy: "me");

        Assert.Empty(response.Failures!);
        var task = Assert.Single(response.Tasks!);
        Assert.Equal($"arn:aws:ecs:us-east-1:123456789012:task/prod/{SequentialIdSource.Of(2)}", task.TaskArn);
        Assert.Equal("arn:aws:ecs:us-east-1:123456789012:cluster/prod", task.ClusterArn);
        Assert.Equal(definition.TaskDefinitionArn, task.TaskDefinitionArn);
        Assert.Equal(instance.ContainerInstanceArn, task.ContainerInstanceArn);
        Assert.Equal(("PENDING", "RUNNING", "EC2"), (task.LastStatus, task.DesiredStatus, task.LaunchType));
        Assert.Equal(("family:web", "me", 1L), (task.Group, task.StartedBy, task.Version));
        Assert.Equal(EcsHarness.Start, task.CreatedAt);
        var container = Assert.Single(task.Containers!);
        Assert.StartsWith($"arn:aws:ecs:us-east-1:123456789012:container/prod/{SequentialIdSource.Of(2)}/", container.ContainerArn);
        Assert.Equal(("app", "nginx", "PENDING", "256", "512"), (container.Name, container.Image, container.LastStatus, container.Cpu, container.MemoryReservation));
        Assert.Empty(container.NetworkBindings!);

        var stored = await StoredInstanceAsync(instance.ContainerInstanceArn!);
        Assert.Equal((2048 - 256, 3928 - 512), (Remaining(stored, "CPU"), Remaining(stored, "MEMORY")));
        Assert.Equal((1, instance.Version + 1), (stored.PendingTasksCount, stored.Version));
        Assert.Equal(1, (await StoredClusterAsync()).PendingTasksCount);
    }

    [Fact]
    public async Task Run_WithoutConnectedAgent_FailsWithAgent()
    {
        var instance = await InstanceAsync(connected: false);
        await DefinitionAsync();

        var response = await RunAsync();

        Assert.Empty(response.Tasks!);
        var failure = Assert.Single(response.Failures!);
        Assert.Equal((instance.ContainerInstanceArn, "AGENT"), (failure.Arn, failure.Reason));
    }

    [Theory]
    [InlineData(1000, 512, 5, 2, "RESOURCE:CPU")]
    [InlineData(256, 1000, 5, 3, "RESOURCE:MEMORY")]
    public async Task Run_MoreThanFits_PlacesWhatFits_AndReportsTheResource(int cpu, int memory, int count, int placed, string reason)
    {
        var instance = await InstanceAsync();
        await DefinitionAsync(cpu: cpu, memoryReservation: memory);

        var response = await RunAsync(count: count);

        Assert.Equal(placed, response.Tasks!.Count);
        var failure = Assert.Single(response.Failures!);
        Assert.Equal((instance.ContainerInstanceArn, reason), (failure.Arn, failure.Reason));
        var stored = await StoredInstanceAsync(instance.ContainerInstanceArn!);
        Assert.Equal((2048 - (placed * cpu), 3928 - (placed * memory)), (Remaining(stored, "CPU"), Remaining(stored, "MEMORY")));
        Assert.Equal(placed, stored.PendingTasksCount);
        Assert.Equal(placed, (await StoredClusterAsync()).PendingTasksCount);
    }

    [Theory]
    [InlineData(8080, 1, "RESOURCE:PORTS")]
    [InlineData(22, 0, "RESOURCE:PORTS")]
    [InlineData(0, 2, null)]
    public async Task Run_StaticHostPorts_ReserveThePort_DynamicOnesDoNot(int hostPort, int placed, string? reason)
    {
        var instance = await InstanceAsync();
        await Ecs.TaskDefinitions.RegisterTaskDefinition(Ecs.Caller(), new RegisterTaskDefinitionRequest
        {
            Family = "web",
            ContainerDefinitions =
            [
                new ContainerDefinition
                {
                    Name = "app", Image = "nginx", Cpu = 10, MemoryReservation = 10,
                    PortMappings = [new PortMapping { ContainerPort = 80, HostPort = hostPort }],
                },
            ],
        }, default);

        var response = await RunAsync(count: 2);

        Assert.Equal(placed, response.Tasks!.Count);
        Assert.Equal(reason, response.Failures!.SingleOrDefault()?.Reason);
        var ports = (await StoredInstanceAsync(instance.ContainerInstanceArn!)).RemainingResources!.Single(r => r.Name == "PORTS").StringSetValue!;
        Assert.Equal(placed > 0 && hostPort > 0, ports.Contains("8080"));
    }

    [Fact]
    public async Task Run_Overrides_SizeTheReservation_AndAreEchoed()
    {
        var instance = await InstanceAsync();
        await DefinitionAsync();

        var task = (await Ecs.RunTask.RunTask(Ecs.Caller(), new RunTaskRequest
        {
            Cluster = "prod",
            TaskDefinition = "web",
            Overrides = new TaskOverride
            {
                ContainerOverrides = [new ContainerOverride { Name = "app", Command = ["sleep", "1"], Cpu = 300, MemoryReservation = 1000 }],
                TaskRoleArn = "arn:aws:iam::123456789012:role/app",
            },
        }, default)).Tasks!.Single();

        Assert.Equal(("300", "1000"), (task.Containers!.Single().Cpu, task.Containers!.Single().MemoryReservation));
        Assert.Equal(["sleep", "1"], task.Overrides!.ContainerOverrides!.Single().Command!);
        Assert.Equal("arn:aws:iam::123456789012:role/app", task.Overrides.TaskRoleArn);
        var stored = await StoredInstanceAsync(instance.ContainerInstanceArn!);
        Assert.Equal((2048 - 300, 3928 - 1000), (Remaining(stored, "CPU"), Remaining(stored, "MEMORY")));
    }

    [Fact]
    public async Task Run_Concurrently_NeverOverCommits()
    {
        var instance = await InstanceAsync();
        await DefinitionAsync(cpu: 100, memoryReservation: 1000);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => RunAsync()));

        Assert.Equal(3, responses.Sum(r => r.Tasks!.Count));
        Assert.Equal(5, responses.Sum(r => r.Failures!.Count));
        var stored = await StoredInstanceAsync(instance.ContainerInstanceArn!);
        Assert.Equal((3928 - 3000, 3), (Remaining(stored, "MEMORY"), stored.PendingTasksCount));
        Assert.Equal(3, (await StoredClusterAsync()).PendingTasksCount);
    }

    [Fact]
    public async Task Run_SameNewClientTokenConcurrently_PlacesOnce_AndEveryCallAnswersThoseTasks()
    {
        var instance = await InstanceAsync();
        await DefinitionAsync();
        var request = new RunTaskRequest { Cluster = "prod", TaskDefinition = "web", Count = 2, ClientToken = "race" };

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Ecs.RunTask.RunTask(Ecs.Caller(), request, default).AsTask()));

        var first = responses[0].Tasks!.Select(t => t.TaskArn).ToList();
        Assert.Equal(2, first.Count);
        Assert.All(responses, r => Assert.Equal(first, r.Tasks!.Select(t => t.TaskArn)));
        Assert.Equal(2, (await StoredInstanceAsync(instance.ContainerInstanceArn!)).PendingTasksCount);
    }

    [Fact]
    public async Task Run_PropagatesDefinitionTags_WhenAsked()
    {
        await InstanceAsync();
        await DefinitionAsync(tags: [new Tag { Key = "team", Value = "a" }, new Tag { Key = "env", Value = "def" }]);

        var response = await Ecs.RunTask.RunTask(Ecs.Caller(), new RunTaskRequest
        {
            Cluster = "prod", TaskDefinition = "web", PropagateTags = "TASK_DEFINITION", Tags = [new Tag { Key = "env", Value = "own" }],
        }, default);

        Assert.Equal(["team=a", "env=own"], response.Tasks!.Single().Tags!.Select(t => $"{t.Key}={t.Value}"));
    }

    [Fact]
    public async Task Run_NoInstances_IsInvalidParameter()
    {
        await DefinitionAsync();

        var error = await Assert.ThrowsAsync<AwsException>(() => RunAsync());

        Assert.Equal(("InvalidParameterException", "No Container Instances were found in your cluster."), (error.Code, error.Message));
    }

    public static TheoryData<RunTaskRequest, string, string> Bad => new()
    {
        { new RunTaskRequest { TaskDefinition = "web", Count = 11 }, "InvalidParameterException", "count must be between 1 and 10." },
        { new RunTaskRequest { TaskDefinition = "web", Count = 0 }, "InvalidParameterException", "count must be between 1 and 10." },
        { new RunTaskRequest { TaskDefinition = "web", StartedBy = new string('x', 129) }, "InvalidParameterException", "startedBy must be at most 128 characters." },
        { new RunTaskRequest { TaskDefinition = "web", LaunchType = "FARGATE" }, "InvalidParameterException", "launchType FARGATE is not supported yet by Berth; use EC2 or EXTERNAL." },
        { new RunTaskRequest { TaskDefinition = "nope" }, "ClientException", "Unable to describe task definition." },
        { new RunTaskRequest { TaskDefinition = "vpc", LaunchType = "EXTERNAL" }, "InvalidParameterException", "Task definition does not support launch_type EXTERNAL." },
        { new RunTaskRequest { TaskDefinition = "web:2" }, "InvalidParameterException", "TaskDefinition is inactive" },
        {
            new RunTaskRequest { TaskDefinition = "web", Overrides = new TaskOverride { ContainerOverrides = [new ContainerOverride { Name = "nope" }] } },
            "InvalidParameterException", "Override for container named nope is not a container in the TaskDefinition."
        },
        { new RunTaskRequest { TaskDefinition = "web", Overrides = new TaskOverride { Memory = "lots" } }, "ClientException", "Invalid 'memory' setting for task: 'lots'." },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public async Task Run_BadInput_ExactError_AndNothingChanged(RunTaskRequest request, string code, string message)
    {
        var instance = await InstanceAsync();
        await DefinitionAsync();
        var inactive = await DefinitionAsync();
        await Ecs.TaskDefinitions.DeregisterTaskDefinition(
            Ecs.Caller(), new DeregisterTaskDefinitionRequest { TaskDefinition = inactive.TaskDefinitionArn }, default);
        await DefinitionAsync(family: "vpc", networkMode: "awsvpc");

        var error = await Assert.ThrowsAsync<AwsException>(() => Ecs.RunTask.RunTask(Ecs.Caller(), request with { Cluster = "prod" }, default).AsTask());

        Assert.Equal((code, message), (error.Code, error.Message));
        Assert.Equal(instance.RemainingResources!.Select(r => r.IntegerValue), (await StoredInstanceAsync(instance.ContainerInstanceArn!)).RemainingResources!.Select(r => r.IntegerValue));
        Assert.Equal(0, (await StoredClusterAsync()).PendingTasksCount ?? 0);
    }

    /// <summary>RunnableTaskDefinition.Unsupported decides what is refused (a stub for now); the refusal names every problem at once.</summary>
    [Fact]
    public void Unsupported_JoinsEveryProblemIntoOneInvalidParameter()
    {
        var error = Berth.ControlPlane.Ecs.Tasks.TaskErrors.Unsupported(["volumes are not supported", "linuxParameters are not supported"]);

        Assert.Equal(
            ("InvalidParameterException", "The task definition uses what Berth cannot run yet: volumes are not supported; linuxParameters are not supported"),
            (error.Code, error.Message));
    }

    [Fact]
    public async Task Run_SameClientToken_AnswersTheFirstTasksWithoutPlacingAgain()
    {
        var instance = await InstanceAsync();
        await DefinitionAsync();
        var request = new RunTaskRequest { Cluster = "prod", TaskDefinition = "web", Count = 2, ClientToken = "once" };

        var first = await Ecs.RunTask.RunTask(Ecs.Caller(), request, default);
        var again = await Ecs.RunTask.RunTask(Ecs.Caller(), request, default);

        Assert.Equal(2, first.Tasks!.Count);
        Assert.Equal(first.Tasks.Select(t => t.TaskArn), again.Tasks!.Select(t => t.TaskArn));
        Assert.Empty(again.Failures!);
        Assert.Equal(2, (await StoredInstanceAsync(instance.ContainerInstanceArn!)).PendingTasksCount);
    }

    [Fact]
    public async Task Run_SameClientTokenOtherParameters_ConflictNamingTheFirstTasks()
    {
        await InstanceAsync();
        await DefinitionAsync();
        var first = await Ecs.RunTask.RunTask(Ecs.Caller(), new RunTaskRequest { Cluster = "prod", TaskDefinition = "web", ClientToken = "t" }, default);

        var error = await Assert.ThrowsAsync<AwsException>(() => Ecs.RunTask.RunTask(
            Ecs.Caller(), new RunTaskRequest { Cluster = "prod", TaskDefinition = "web", StartedBy = "other", ClientToken = "t" }, default).AsTask());

        Assert.Equal("ConflictException", error.Code);
        Assert.Equal(first.Tasks!.Select(t => t.TaskArn!), (List<string>)error.Extra!["resourceIds"]!);
    }

    [Fact]
    public async Task Run_ClientTokenOver64_InvalidParameter()
    {
        var error = await Assert.ThrowsAsync<AwsException>(() => Ecs.RunTask.RunTask(
            Ecs.Caller(), new RunTaskRequest { Cluster = "prod", TaskDefinition = "web", ClientToken = new string('t', 65) }, default).AsTask());

        Assert.Equal(("InvalidParameterException", "clientToken must be at most 64 characters."), (error.Code, error.Message));
    }
}
