using Berth.Aws.Generated.Ecs;
using Berth.Aws.Protocol;
using Berth.ControlPlane.Ecs.ContainerInstances;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecs.ContainerInstances;

/// <summary>RegisterContainerInstance and DeregisterContainerInstance against a real (temporary) SQLite store.</summary>
public sealed class ContainerInstanceRegistrationHandlersTests : EcsHandlerTests
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Ecs.Clusters.CreateCluster(Ecs.Caller(), new CreateClusterRequest { ClusterName = "prod" }, default);
    }

    [Fact]
    public async Task Register_AgentRequest_ActiveInstanceAsEcsShapesIt()
    {
        var instance = await RegisterAsync(InstanceRequests.Register(tags: [new Tag { Key = "rack", Value = "r1" }]));

        var id = SequentialIdSource.Of(1);
        Assert.Equal(InstanceRequests.ArnPrefix + "prod/" + id, instance.ContainerInstanceArn);
        Assert.Equal("i-" + id[..17], instance.Ec2InstanceId);
        Assert.Equal((InstanceStatus.Active, false, 0, 0, 1L), (instance.Status, instance.AgentConnected, instance.RunningTasksCount, instance.PendingTasksCount, instance.Version));
        Assert.Equal(EcsHarness.Start, instance.RegisteredAt);
        Assert.Equal([2048, 3928, 0, 0], instance.RegisteredResources!.Select(r => r.IntegerValue ?? -1));
        Assert.Equal([2048, 3928, 0, 0], instance.RemainingResources!.Select(r => r.IntegerValue ?? -1));
        Assert.Equal("0.1.0", instance.VersionInfo!.AgentVersion);
        Assert.Contains(instance.Attributes!, a => a is { Name: "ecs.availability-zone", Value: "us-east-1a" });
        Assert.Contains(instance.Attributes!, a => a is { Name: "ecs.capability.task-eni" });
        Assert.Equal([new Tag { Key = "rack", Value = "r1" }], instance.Tags!);
    }

    [Fact]
    public async Task Register_NewInstances_CountedInTheCluster()
    {
        await RegisterAsync(InstanceRequests.Register());
        await RegisterAsync(InstanceRequests.Register());

        Assert.Equal(2, (await ClusterAsync("prod")).RegisteredContainerInstancesCount);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Register_NoCluster_TheDefaultCluster(string? cluster)
    {
        await Ecs.Clusters.CreateCluster(Ecs.Caller(), new CreateClusterRequest(), default);

        var instance = await RegisterAsync(InstanceRequests.Register(cluster: cluster));

        Assert.StartsWith(InstanceRequests.ArnPrefix + "default/", instance.ContainerInstanceArn, StringComparison.Ordinal);
        Assert.Equal(1, (await ClusterAsync("default")).RegisteredContainerInstancesCount);
    }

    [Fact]
    public async Task Register_ClusterByArn_RegistersThere() =>
        Assert.StartsWith(
            InstanceRequests.ArnPrefix + "prod/",
            (await RegisterAsync(InstanceRequests.Register(cluster: "arn:aws:ecs:us-east-1:123456789012:cluster/prod"))).ContainerInstanceArn,
            StringComparison.Ordinal);

    [Fact]
    public async Task Register_UnknownCluster_ClusterNotFoundException() =>
        Assert.Equal("ClusterNotFoundException", (await Assert.ThrowsAsync<AwsException>(() => RegisterAsync(InstanceRequests.Register(cluster: "ghost")))).Code);

    [Fact]
    public async Task Register_InactiveCluster_ClusterNotFoundException()
    {
        await Ecs.Clusters.DeleteCluster(Ecs.Caller(), new DeleteClusterRequest { Cluster = "prod" }, default);

        Assert.Equal("ClusterNotFoundException", (await Assert.ThrowsAsync<AwsException>(() => RegisterAsync(InstanceRequests.Register()))).Code);
    }

    [Fact]
    public async Task Register_MissingCpu_InvalidParameterExceptionAndNothingStored()
    {
        var request = InstanceRequests.Register() with { TotalResources = [new Resource { Name = "MEMORY", Type = "INTEGER", IntegerValue = 512 }] };

        var error = await Assert.ThrowsAsync<AwsException>(() => RegisterAsync(request));

        Assert.Equal(("InvalidParameterException", "totalResources must include CPU as an INTEGER resource."), (error.Code, error.Message));
        await AssertNothingRegisteredAsync();
    }

    [Fact]
    public async Task Register_ElevenCustomAttributes_AttributeLimitExceededExceptionAndNothingStored()
    {
        var error = await Assert.ThrowsAsync<AwsException>(() => RegisterAsync(InstanceRequests.Register(attributes: InstanceRequests.Custom(11))));

        Assert.Equal("AttributeLimitExceededException", error.Code);
        await AssertNothingRegisteredAsync();
    }

    [Fact]
    public async Task Register_TenCustomAttributesAndBuiltIns_Accepted()
    {
        var instance = await RegisterAsync(InstanceRequests.Register(attributes: [.. InstanceRequests.Custom(10), new() { Name = "ecs.capability.secrets.asm.environment-variables" }]));

        Assert.Equal(14, instance.Attributes!.Count);
    }

    [Fact]
    public async Task Register_AgainWithItsArn_SameInstanceNewResourcesNotCountedTwice()
    {
        var first = await RegisterAsync(InstanceRequests.Register(cpu: 1024));
        Ecs.Time.Advance(TimeSpan.FromMinutes(5));

        var again = await RegisterAsync(InstanceRequests.Register(cpu: 4096, arn: first.ContainerInstanceArn));

        Assert.Equal(first.ContainerInstanceArn, again.ContainerInstanceArn);
        Assert.Equal((4096, 2L, EcsHarness.Start), (again.RegisteredResources![0].IntegerValue, again.Version, again.RegisteredAt));
        Assert.Equal(1, (await ClusterAsync("prod")).RegisteredContainerInstancesCount);
        Assert.Equal([first.ContainerInstanceArn!], (await ListAsync()).ContainerInstanceArns!);
    }

    [Fact]
    public async Task Register_DeregisteredInstanceWithItsArn_ActiveAndCountedAgain()
    {
        var first = await RegisterAsync(InstanceRequests.Register());
        await DeregisterAsync(first.ContainerInstanceArn!);

        var again = await RegisterAsync(InstanceRequests.Register(arn: first.ContainerInstanceArn));

        Assert.Equal((InstanceStatus.Active, 3L), (again.Status, again.Version));
        Assert.Equal(1, (await ClusterAsync("prod")).RegisteredContainerInstancesCount);
    }

    [Theory]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:container-instance/prod/00000000000000000000000000000099")]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:container-instance/staging/00000001000000010000000100000001")]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:cluster/prod")]
    [InlineData("not-an-arn/at-all")]
    public async Task Register_ArnOfNoInstanceOfTheCluster_InvalidParameterException(string arn)
    {
        await RegisterAsync(InstanceRequests.Register());

        var error = await Assert.ThrowsAsync<AwsException>(() => RegisterAsync(InstanceRequests.Register(arn: arn)));

        Assert.Equal(("InvalidParameterException", $"'{arn}' is not the ARN of a container instance of this cluster."), (error.Code, error.Message));
        Assert.Equal(1, (await ClusterAsync("prod")).RegisteredContainerInstancesCount);
    }

    [Fact]
    public async Task Register_EmptyContainerInstanceArn_ANewInstance() =>
        Assert.Equal(1L, (await RegisterAsync(InstanceRequests.Register(arn: ""))).Version);

    [Fact]
    public async Task Register_PlatformDevices_InvalidParameterExceptionNotYetSupported()
    {
        var request = InstanceRequests.Register() with { PlatformDevices = [new PlatformDevice { Id = "GPU-1", Type = "GPU" }] };

        var error = await Assert.ThrowsAsync<AwsException>(() => RegisterAsync(request));

        Assert.Equal("InvalidParameterException", error.Code);
        Assert.Contains("platformDevices", error.Message, StringComparison.Ordinal);
        await AssertNothingRegisteredAsync();
    }

    [Fact]
    public async Task Deregister_ById_InactiveUncountedStillDescribableNotListed()
    {
        var instance = await RegisterAsync(InstanceRequests.Register());

        var deregistered = await DeregisterAsync(SequentialIdSource.Of(1));

        Assert.Equal((InstanceStatus.Inactive, 2L), (deregistered.Status, deregistered.Version));
        Assert.Equal(0, (await ClusterAsync("prod")).RegisteredContainerInstancesCount);
        Assert.Empty((await ListAsync()).ContainerInstanceArns!);
        var described = await Ecs.Instances.DescribeContainerInstances(
            Ecs.Caller(), new DescribeContainerInstancesRequest { Cluster = "prod", ContainerInstances = [instance.ContainerInstanceArn!] }, default);
        Assert.Equal(InstanceStatus.Inactive, Assert.Single(described.ContainerInstances!).Status);
    }

    [Fact]
    public async Task Deregister_Twice_SecondAnswersItUnchanged()
    {
        var instance = await RegisterAsync(InstanceRequests.Register());
        await DeregisterAsync(instance.ContainerInstanceArn!);

        var again = await DeregisterAsync(instance.ContainerInstanceArn!);

        Assert.Equal((InstanceStatus.Inactive, 2L), (again.Status, again.Version));
        Assert.Equal(0, (await ClusterAsync("prod")).RegisteredContainerInstancesCount);
    }

    [Fact]
    public async Task Deregister_UnknownInstance_InvalidParameterException()
    {
        var error = await Assert.ThrowsAsync<AwsException>(() => DeregisterAsync(SequentialIdSource.Of(42)));

        Assert.Equal(("InvalidParameterException", "The referenced container instance was not found."), (error.Code, error.Message));
    }

    [Fact]
    public async Task Deregister_InstanceWithTasks_RefusedWithoutForceAllowedWithIt()
    {
        var instance = await RegisterAsync(InstanceRequests.Register());
        await GiveTasksAsync(instance, running: 1, pending: 1);

        var refused = await Assert.ThrowsAsync<AwsException>(() => DeregisterAsync(instance.ContainerInstanceArn!));
        var forced = await DeregisterAsync(instance.ContainerInstanceArn!, force: true);

        Assert.Equal("InvalidParameterException", refused.Code);
        Assert.Equal(InstanceStatus.Inactive, forced.Status);
        Assert.Equal(0, (await ClusterAsync("prod")).RegisteredContainerInstancesCount);
    }

    [Fact]
    public async Task DeleteCluster_InstanceRegistered_RefusedUntilItIsDeregistered()
    {
        var instance = await RegisterAsync(InstanceRequests.Register());

        var refused = await Assert.ThrowsAsync<AwsException>(() => DeleteClusterAsync());
        await DeregisterAsync(instance.ContainerInstanceArn!);
        var deleted = await DeleteClusterAsync();

        Assert.Equal("ClusterContainsContainerInstancesException", refused.Code);
        Assert.Equal("INACTIVE", deleted.Cluster!.Status);
    }

    [Fact]
    public async Task Register_ConcurrentRegistrations_EveryOneCounted()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => RegisterAsync(InstanceRequests.Register())));

        Assert.Equal(8, (await ClusterAsync("prod")).RegisteredContainerInstancesCount);
        Assert.Equal(8, (await ListAsync()).ContainerInstanceArns!.Count);
    }

    private async Task<ContainerInstance> RegisterAsync(RegisterContainerInstanceRequest request) =>
        (await Ecs.Registration.RegisterContainerInstance(Ecs.Caller(), request, default)).ContainerInstance!;

    private async Task<ContainerInstance> DeregisterAsync(string instance, bool? force = null) =>
        (await Ecs.Registration.DeregisterContainerInstance(
            Ecs.Caller(), new DeregisterContainerInstanceRequest { Cluster = "prod", ContainerInstance = instance, Force = force }, default)).ContainerInstance!;

    private async Task<DeleteClusterResponse> DeleteClusterAsync() =>
        await Ecs.Clusters.DeleteCluster(Ecs.Caller(), new DeleteClusterRequest { Cluster = "prod" }, default);

    private async Task<ListContainerInstancesResponse> ListAsync() =>
        await Ecs.Instances.ListContainerInstances(Ecs.Caller(), new ListContainerInstancesRequest { Cluster = "prod" }, default);

    private async Task<Cluster> ClusterAsync(string name) => (await Ecs.Store.Clusters.GetAsync(InstanceRequests.Partition, name, default))!.Value;

    /// <summary>Tasks don't exist yet: the test writes the counters the task issue will maintain.</summary>
    private async Task GiveTasksAsync(ContainerInstance instance, int running, int pending)
    {
        var key = ContainerInstanceResolver.KeyOf(instance);
        var stored = (await Ecs.Store.ContainerInstances.GetAsync(InstanceRequests.Partition, key, default))!;
        await Ecs.Store.Store.ApplyAsync(
            [Ecs.Store.ContainerInstances.Put(InstanceRequests.Partition, key, stored.Value with { RunningTasksCount = running, PendingTasksCount = pending }, stored.Version)]);
    }

    private async Task AssertNothingRegisteredAsync()
    {
        Assert.Equal(0, (await ClusterAsync("prod")).RegisteredContainerInstancesCount);
        var (items, _) = await Ecs.Store.ContainerInstances.ListAsync(InstanceRequests.Partition, new Berth.State.ListQuery(), default);
        Assert.Empty(items);
    }
}
