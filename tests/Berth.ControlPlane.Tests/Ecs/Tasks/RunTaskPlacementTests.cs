using Berth.Aws.Generated.Ecs;
using Berth.Aws.Protocol;
using Berth.ControlPlane.Placement.Engine;
using Berth.ControlPlane.Tests.Ecs.ContainerInstances;
using Attribute = Berth.Aws.Generated.Ecs.Attribute;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecs.Tasks;

/// <summary>RunTask and StartTask with placement rules over several connected instances: where the tasks go, what is reserved,
/// the exact failures, and the constraints task definitions carry.</summary>
public sealed class RunTaskPlacementTests : TaskHandlerTestBase
{
    private const string ZoneA = "us-east-1a";
    private const string ZoneB = "us-east-1b";
    private const string InZoneB = $"attribute:ecs.availability-zone == {ZoneB}";

    [Fact]
    public async Task Binpack_PacksTheFullestInstanceThatFits_AndReservesThere_WithoutFailuresWhenAllArePlaced()
    {
        var big = await InstanceAsync();
        var small = await InstanceAsync(memory: 2000);
        await InstanceAsync(memory: 400);
        await InstanceAsync(memory: 1000, connected: false);
        await DefinitionAsync();

        var response = await PlaceAsync(3, strategy: [Strategy("binpack", "memory")]);

        Assert.Empty(response.Failures!);
        Assert.Equal([(small.ContainerInstanceArn!, 3)], PerInstance(response));
        var stored = await StoredInstanceAsync(small.ContainerInstanceArn!);
        Assert.Equal((2048 - 768, 2000 - 1536, 3), (Remaining(stored, "CPU"), Remaining(stored, "MEMORY"), stored.PendingTasksCount));
        Assert.Equal(3928, Remaining(await StoredInstanceAsync(big.ContainerInstanceArn!), "MEMORY"));
        Assert.Equal(3, (await StoredClusterAsync()).PendingTasksCount);
    }

    /// <summary>spread(zone) then binpack(memory): two tasks per zone, and zone A's both on its fuller instance.</summary>
    [Fact]
    public async Task SpreadZoneThenBinpack_BalancesZones_PacksWithin()
    {
        await ZonedAsync(ZoneA);
        var fullerA = await ZonedAsync(ZoneA, memory: 2000);
        var onlyB = await ZonedAsync(ZoneB);
        await DefinitionAsync();

        var response = await PlaceAsync(4, strategy: [Strategy("spread", "attribute:ecs.availability-zone"), Strategy("binpack", "MEMORY")]);

        Assert.Empty(response.Failures!);
        Assert.Equal([(fullerA.ContainerInstanceArn!, 2), (onlyB.ContainerInstanceArn!, 2)], PerInstance(response));
        Assert.Equal(2000 - 1024, Remaining(await StoredInstanceAsync(fullerA.ContainerInstanceArn!), "MEMORY"));
        Assert.Equal(3928 - 1024, Remaining(await StoredInstanceAsync(onlyB.ContainerInstanceArn!), "MEMORY"));
    }

    [Fact]
    public async Task DistinctInstance_LeavesTasksUnplaced_WithOneFailurePerRefusingInstance()
    {
        var first = await InstanceAsync();
        var second = await InstanceAsync();
        var offline = await InstanceAsync(connected: false);
        await DefinitionAsync();

        var response = await PlaceAsync(3, constraints: [new PlacementConstraint { Type = "distinctInstance" }]);

        Assert.Equal([(first.ContainerInstanceArn!, 1), (second.ContainerInstanceArn!, 1)], PerInstance(response));
        Assert.Equal(
            Sorted(
                (first.ContainerInstanceArn!, PlacementReasons.DistinctInstance),
                (second.ContainerInstanceArn!, PlacementReasons.DistinctInstance),
                (offline.ContainerInstanceArn!, PlacementReasons.Agent)),
            Failures(response));
        Assert.Equal(2, (await StoredClusterAsync()).PendingTasksCount);
    }

    [Fact]
    public async Task DistinctInstance_CountsTheGroupsEarlierTasks()
    {
        var first = await InstanceAsync();
        var second = await InstanceAsync();
        await DefinitionAsync();
        var earlier = (await RunAsync()).Tasks!.Single().ContainerInstanceArn!;

        var response = await PlaceAsync(2, constraints: [new PlacementConstraint { Type = "distinctInstance" }]);

        var other = earlier == first.ContainerInstanceArn ? second.ContainerInstanceArn! : first.ContainerInstanceArn!;
        Assert.Equal([(other, 1)], PerInstance(response));
        Assert.Equal(
            Sorted((first.ContainerInstanceArn!, PlacementReasons.DistinctInstance), (second.ContainerInstanceArn!, PlacementReasons.DistinctInstance)),
            Failures(response));
    }

    [Fact]
    public async Task SpreadInstanceId_CountsTheGroupsEarlierTasks()
    {
        var first = await InstanceAsync();
        var second = await InstanceAsync();
        await DefinitionAsync();
        var earlier = (await RunAsync()).Tasks!.Single().ContainerInstanceArn!;

        var response = await PlaceAsync(3, strategy: [Strategy("spread", "instanceId")]);

        var other = earlier == first.ContainerInstanceArn ? second.ContainerInstanceArn! : first.ContainerInstanceArn!;
        Assert.Equal([(earlier, 1), (other, 2)], PerInstance(response).OrderBy(p => p.Tasks));
        Assert.Equal(2, (await StoredInstanceAsync(other)).PendingTasksCount);
    }

    [Fact]
    public async Task DrainingInstance_IsRefusedWithDraining()
    {
        var small = await InstanceAsync(memory: 600);
        var draining = await InstanceAsync();
        await Ecs.Instances.UpdateContainerInstancesState(
            Ecs.Caller(), new UpdateContainerInstancesStateRequest { Cluster = "prod", ContainerInstances = [draining.ContainerInstanceArn!], Status = "DRAINING" }, default);
        await DefinitionAsync();

        var response = await PlaceAsync(2);

        Assert.Equal([(small.ContainerInstanceArn!, 1)], PerInstance(response));
        Assert.Equal(Sorted((small.ContainerInstanceArn!, PlacementReasons.Memory), (draining.ContainerInstanceArn!, "DRAINING")), Failures(response));
        Assert.Equal(3928, Remaining(await StoredInstanceAsync(draining.ContainerInstanceArn!), "MEMORY"));
    }

    [Fact]
    public async Task MemberOf_PlacesOnlyOnMatchingInstances()
    {
        await ZonedAsync(ZoneA);
        var b = await ZonedAsync(ZoneB);
        await DefinitionAsync();

        var response = await PlaceAsync(3, constraints: [MemberOf(InZoneB)], strategy: [Strategy("spread", "host")]);

        Assert.Empty(response.Failures!);
        Assert.Equal([(b.ContainerInstanceArn!, 3)], PerInstance(response));
    }

    public static TheoryData<RunTaskRequest, string> BadRules => new()
    {
        {
            new RunTaskRequest { PlacementConstraints = [new PlacementConstraint { Type = "memberOf", Expression = "attribute:a == b or" }] },
            "Invalid placement constraint expression at position 19: "
        },
        { new RunTaskRequest { PlacementConstraints = [new PlacementConstraint { Type = "distinctInstance", Expression = "x" }] }, "A distinctInstance placement constraint cannot have an expression." },
        { new RunTaskRequest { PlacementStrategy = [new PlacementStrategy { Type = "binpack", Field = "disk" }] }, "Invalid field 'disk' for a binpack placement strategy." },
    };

    [Theory]
    [MemberData(nameof(BadRules))]
    public async Task BadRules_InvalidParameter_AndNothingPlaced(RunTaskRequest request, string message)
    {
        var instance = await InstanceAsync();
        await DefinitionAsync();

        var error = await Assert.ThrowsAsync<AwsException>(() => Ecs.RunTask.RunTask(Ecs.Caller(), request with { Cluster = "prod", TaskDefinition = "web" }, default).AsTask());

        Assert.Equal("InvalidParameterException", error.Code);
        Assert.StartsWith(message, error.Message);
        Assert.Equal(3928, Remaining(await StoredInstanceAsync(instance.ContainerInstanceArn!), "MEMORY"));
        Assert.Equal(0, (await StoredClusterAsync()).PendingTasksCount ?? 0);
    }

    [Fact]
    public async Task RegisterTaskDefinition_RefusesDistinctInstance_AndMalformedMemberOf()
    {
        var distinct = await Assert.ThrowsAsync<AwsException>(() => RegisterAsync(new TaskDefinitionPlacementConstraint { Type = "distinctInstance" }));
        var malformed = await Assert.ThrowsAsync<AwsException>(() =>
            RegisterAsync(new TaskDefinitionPlacementConstraint { Type = "memberOf", Expression = "attribute:ecs.instance-type t2.micro" }));

        Assert.Equal(
            ("ClientException", "constraint.type 'distinctInstance' is not supported. Task definitions take memberOf constraints only."),
            (distinct.Code, distinct.Message));
        Assert.StartsWith("Invalid placement constraint expression at position 28: ", malformed.Message);
        Assert.Equal(
            "ClientException",
            (await Assert.ThrowsAsync<AwsException>(() => Ecs.TaskDefinitions.DescribeTaskDefinition(
                Ecs.Caller(), new DescribeTaskDefinitionRequest { TaskDefinition = "web" }, default).AsTask())).Code);
    }

    /// <summary>The definition's memberOf binds every RunTask, together with the request's own constraints.</summary>
    [Fact]
    public async Task DefinitionMemberOf_AppliesToRunTask_WithTheRequestsConstraints()
    {
        var a = await ZonedAsync(ZoneA);
        var b = await ZonedAsync(ZoneB, memory: 1100);
        await RegisterAsync(new TaskDefinitionPlacementConstraint { Type = "memberOf", Expression = InZoneB });

        var both = await PlaceAsync(1, constraints: [MemberOf($"attribute:ecs.availability-zone == {ZoneA}")]);
        var response = await PlaceAsync(10);

        Assert.Equal([(b.ContainerInstanceArn!, 2)], PerInstance(response));
        Assert.Equal(Sorted((a.ContainerInstanceArn!, PlacementReasons.MemberOf), (b.ContainerInstanceArn!, PlacementReasons.Memory)), Failures(response));
        Assert.Empty(both.Tasks!);
        Assert.Equal(Sorted((a.ContainerInstanceArn!, PlacementReasons.MemberOf), (b.ContainerInstanceArn!, PlacementReasons.MemberOf)), Failures(both));
    }

    /// <summary>StartTask names its instances, so constraints do not apply; resources still do.</summary>
    [Fact]
    public async Task StartTask_IgnoresConstraints_ButStillReportsResources()
    {
        var a = await ZonedAsync(ZoneA);
        var small = await ZonedAsync(ZoneB, memory: 256);
        await RegisterAsync(new TaskDefinitionPlacementConstraint { Type = "memberOf", Expression = InZoneB });

        var response = await Ecs.RunTask.StartTask(
            Ecs.Caller(),
            new StartTaskRequest { Cluster = "prod", TaskDefinition = "web", ContainerInstances = [a.ContainerInstanceArn!, small.ContainerInstanceArn!] },
            default);

        Assert.Equal([a.ContainerInstanceArn], response.Tasks!.Select(t => t.ContainerInstanceArn));
        Assert.Equal([(small.ContainerInstanceArn!, PlacementReasons.Memory)], response.Failures!.Select(f => (f.Arn!, f.Reason!)));
        Assert.Equal(3928 - 512, Remaining(await StoredInstanceAsync(a.ContainerInstanceArn!), "MEMORY"));
    }

    private Task<ContainerInstance> ZonedAsync(string zone, int memory = 3928) =>
        InstanceAsync(memory: memory, attributes: [.. InstanceRequests.AgentAttributes(), new Attribute { Name = "ecs.availability-zone", Value = zone }]);

    private async Task<RegisterTaskDefinitionResponse> RegisterAsync(TaskDefinitionPlacementConstraint constraint) =>
        await Ecs.TaskDefinitions.RegisterTaskDefinition(Ecs.Caller(), new RegisterTaskDefinitionRequest
        {
            Family = "web",
            ContainerDefinitions = [new ContainerDefinition { Name = "app", Image = "nginx", Cpu = 256, MemoryReservation = 512 }],
            PlacementConstraints = [constraint],
        }, default);

    private async Task<RunTaskResponse> PlaceAsync(int count, List<PlacementStrategy>? strategy = null, List<PlacementConstraint>? constraints = null) =>
        await Ecs.RunTask.RunTask(
            Ecs.Caller(),
            new RunTaskRequest { Cluster = "prod", TaskDefinition = "web", Count = count, PlacementStrategy = strategy, PlacementConstraints = constraints },
            default);

    private static PlacementStrategy Strategy(string type, string field) => new() { Type = type, Field = field };

    private static PlacementConstraint MemberOf(string expression) => new() { Type = "memberOf", Expression = expression };

    /// <summary>How many of the response's tasks each instance got, by ARN in ARN order.</summary>
    private static (string Arn, int Tasks)[] PerInstance(RunTaskResponse response) =>
        [.. response.Tasks!.GroupBy(t => t.ContainerInstanceArn!).Select(g => (g.Key, g.Count())).OrderBy(p => p.Key, StringComparer.Ordinal)];

    private static (string Arn, string Reason)[] Failures(RunTaskResponse response) => Sorted([.. response.Failures!.Select(f => (f.Arn!, f.Reason!))]);

    private static (string Arn, string Reason)[] Sorted(params (string Arn, string Reason)[] failures) =>
        [.. failures.OrderBy(f => f.Arn, StringComparer.Ordinal)];
}
