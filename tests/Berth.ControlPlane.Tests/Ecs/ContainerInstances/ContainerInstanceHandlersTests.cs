using Berth.Aws.Generated.Ecs;
using Berth.Aws.Protocol;
using Berth.ControlPlane.Ecs.ContainerInstances;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecs.ContainerInstances;

/// <summary>DescribeContainerInstances, ListContainerInstances, UpdateContainerInstancesState and container instance tags
/// against a real (temporary) SQLite store.</summary>
public sealed class ContainerInstanceHandlersTests : EcsHandlerTests
{
    private const string Prod = InstanceRequests.ArnPrefix + "prod/";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Ecs.Clusters.CreateCluster(Ecs.Caller(), new CreateClusterRequest { ClusterName = "prod" }, default);
        await Ecs.Clusters.CreateCluster(Ecs.Caller(), new CreateClusterRequest { ClusterName = "staging" }, default);
    }

    [Fact]
    public async Task Describe_ByIdAndByArn_BothFoundInRequestOrder()
    {
        var first = await RegisterAsync();
        var second = await RegisterAsync();

        var described = await DescribeAsync([second.ContainerInstanceArn!, SequentialIdSource.Of(1)]);

        Assert.Equal([second.ContainerInstanceArn!, first.ContainerInstanceArn!], described.ContainerInstances!.Select(i => i.ContainerInstanceArn!));
        Assert.Empty(described.Failures!);
    }

    [Fact]
    public async Task Describe_UnknownIdUnknownArnAndInstanceOfAnotherCluster_MissingFailures()
    {
        var other = await RegisterAsync("staging");
        var ghostArn = Prod + SequentialIdSource.Of(77);

        var described = await DescribeAsync([SequentialIdSource.Of(99), ghostArn, other.ContainerInstanceArn!]);

        Assert.Empty(described.ContainerInstances!);
        Assert.Equal(
            [(Prod + SequentialIdSource.Of(99), "MISSING"), (ghostArn, "MISSING"), (other.ContainerInstanceArn!, "MISSING")],
            described.Failures!.Select(f => (f.Arn!, f.Reason!)));
    }

    [Fact]
    public async Task Describe_WithoutInclude_NoTagsNoHealth()
    {
        await RegisterAsync(tags: [new Tag { Key = "rack", Value = "r1" }]);

        var instance = Assert.Single((await DescribeAsync([SequentialIdSource.Of(1)])).ContainerInstances!);

        Assert.Empty(instance.Tags!);
        Assert.Null(instance.HealthStatus);
    }

    [Fact]
    public async Task Describe_IncludeTagsAndHealth_TagsAndInsufficientDataUntilAnAgentReports()
    {
        await RegisterAsync(tags: [new Tag { Key = "rack", Value = "r1" }]);

        var instance = Assert.Single((await DescribeAsync([SequentialIdSource.Of(1)], ["TAGS", "CONTAINER_INSTANCE_HEALTH"])).ContainerInstances!);

        Assert.Equal([new Tag { Key = "rack", Value = "r1" }], instance.Tags!);
        Assert.Equal("INSUFFICIENT_DATA", instance.HealthStatus!.OverallStatus);
        Assert.Empty(instance.HealthStatus.Details!);
    }

    [Fact]
    public async Task Describe_UnknownCluster_ClusterNotFoundException() =>
        Assert.Equal(
            "ClusterNotFoundException",
            (await Assert.ThrowsAsync<AwsException>(() => Ecs.Instances.DescribeContainerInstances(
                Ecs.Caller(), new DescribeContainerInstancesRequest { Cluster = "ghost", ContainerInstances = ["x"] }, default).AsTask())).Code);

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task Describe_NoneOrMoreThan100_InvalidParameterException(int count)
    {
        var error = await Assert.ThrowsAsync<AwsException>(() => DescribeAsync(Enumerable.Range(1, count).Select(SequentialIdSource.Of).ToList()));

        Assert.Equal(("InvalidParameterException", "containerInstances must list between 1 and 100 container instances."), (error.Code, error.Message));
    }

    [Fact]
    public async Task List_NoStatus_ActiveAndDrainingButNotInactiveNorOtherClusters()
    {
        var active = await RegisterAsync();
        var draining = await RegisterAsync();
        var inactive = await RegisterAsync();
        await RegisterAsync("staging");
        await UpdateStateAsync([draining.ContainerInstanceArn!], "DRAINING");
        await Ecs.Registration.DeregisterContainerInstance(
            Ecs.Caller(), new DeregisterContainerInstanceRequest { Cluster = "prod", ContainerInstance = inactive.ContainerInstanceArn }, default);

        Assert.Equal([active.ContainerInstanceArn!, draining.ContainerInstanceArn!], await ListAsync(null));
        Assert.Equal([draining.ContainerInstanceArn!], await ListAsync("DRAINING"));
        Assert.Equal([active.ContainerInstanceArn!], await ListAsync("ACTIVE"));
        Assert.Equal([inactive.ContainerInstanceArn!], await ListAsync(InstanceStatus.Inactive));
        Assert.Empty(await ListAsync("REGISTERING"));
    }

    [Fact]
    public async Task List_MalformedFilter_InvalidParameterExceptionNamingThePosition()
    {
        await RegisterAsync();

        var error = await Assert.ThrowsAsync<AwsException>(() => Ecs.Instances.ListContainerInstances(
            Ecs.Caller(), new ListContainerInstancesRequest { Cluster = "prod", Filter = "attribute:ecs.instance-type berth.host" }, default).AsTask());

        Assert.Equal(
            ("InvalidParameterException", "Invalid filter expression at position 28: expected an operator after 'attribute:ecs.instance-type' but found 'berth.host'"),
            (error.Code, error.Message));
    }

    [Fact]
    public async Task List_EmptyFilter_ListsAsWithoutOne()
    {
        var instance = await RegisterAsync();

        var listed = await Ecs.Instances.ListContainerInstances(Ecs.Caller(), new ListContainerInstancesRequest { Cluster = "prod", Filter = "" }, default);

        Assert.Equal([instance.ContainerInstanceArn!], listed.ContainerInstanceArns!);
    }

    [Fact]
    public async Task List_PagesOfTwo_EveryInstanceOnce()
    {
        var registered = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            registered.Add((await RegisterAsync()).ContainerInstanceArn!);
        }

        var walked = new List<string>();
        string? token = null;
        do
        {
            var page = await Ecs.Instances.ListContainerInstances(
                Ecs.Caller(), new ListContainerInstancesRequest { Cluster = "prod", MaxResults = 2, NextToken = token }, default);
            Assert.InRange(page.ContainerInstanceArns!.Count, 1, 2);
            walked.AddRange(page.ContainerInstanceArns);
            token = page.NextToken;
        }
        while (token is not null);

        Assert.Equal(registered, walked);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task List_MaxResultsOutOfRange_InvalidParameterException(int maxResults) =>
        Assert.Equal(
            "InvalidParameterException",
            (await Assert.ThrowsAsync<AwsException>(() => Ecs.Instances.ListContainerInstances(
                Ecs.Caller(), new ListContainerInstancesRequest { Cluster = "prod", MaxResults = maxResults }, default).AsTask())).Code);

    [Fact]
    public async Task UpdateState_DrainThenActivate_StatusAndVersionFollow()
    {
        var instance = await RegisterAsync();

        var drained = await UpdateStateAsync([instance.ContainerInstanceArn!], "DRAINING");
        var again = await UpdateStateAsync([instance.ContainerInstanceArn!], "DRAINING");
        var activated = await UpdateStateAsync([SequentialIdSource.Of(1)], "ACTIVE");

        Assert.Equal(("DRAINING", 2L), (Assert.Single(drained.ContainerInstances!).Status, drained.ContainerInstances![0].Version));
        Assert.Equal(2L, Assert.Single(again.ContainerInstances!).Version);
        Assert.Equal(("ACTIVE", 3L), (Assert.Single(activated.ContainerInstances!).Status, activated.ContainerInstances![0].Version));
        Assert.Equal(1, (await Ecs.Store.Clusters.GetAsync(InstanceRequests.Partition, "prod", default))!.Value.RegisteredContainerInstancesCount);
    }

    [Fact]
    public async Task UpdateState_MissingAndInactiveAmongThem_FailuresForThoseOthersUpdated()
    {
        var kept = await RegisterAsync();
        var gone = await RegisterAsync();
        await Ecs.Registration.DeregisterContainerInstance(
            Ecs.Caller(), new DeregisterContainerInstanceRequest { Cluster = "prod", ContainerInstance = gone.ContainerInstanceArn }, default);

        var result = await UpdateStateAsync([kept.ContainerInstanceArn!, gone.ContainerInstanceArn!, SequentialIdSource.Of(50)], "DRAINING");

        Assert.Equal([kept.ContainerInstanceArn!], result.ContainerInstances!.Select(i => i.ContainerInstanceArn!));
        Assert.Equal([(gone.ContainerInstanceArn!, "INACTIVE"), (Prod + SequentialIdSource.Of(50), "MISSING")], result.Failures!.Select(f => (f.Arn!, f.Reason!)));
        Assert.Equal(InstanceStatus.Inactive, Assert.Single((await DescribeAsync([gone.ContainerInstanceArn!])).ContainerInstances!).Status);
    }

    [Theory]
    [InlineData("REGISTERING")]
    [InlineData("DEREGISTERING")]
    [InlineData("REGISTRATION_FAILED")]
    public async Task UpdateState_StatusOtherThanActiveOrDraining_InvalidParameterException(string status)
    {
        var instance = await RegisterAsync();

        var error = await Assert.ThrowsAsync<AwsException>(() => UpdateStateAsync([instance.ContainerInstanceArn!], status));

        Assert.Equal("InvalidParameterException", error.Code);
        Assert.Equal(1L, Assert.Single((await DescribeAsync([instance.ContainerInstanceArn!])).ContainerInstances!).Version);
    }

    [Fact]
    public async Task UpdateState_ElevenInstances_InvalidParameterException() =>
        Assert.Equal(
            "containerInstances must list between 1 and 10 container instances.",
            (await Assert.ThrowsAsync<AwsException>(() => UpdateStateAsync(Enumerable.Range(1, 11).Select(SequentialIdSource.Of).ToList(), "DRAINING"))).Message);

    [Fact]
    public async Task Tags_TagListUntag_ThroughTheTagHandlersAndCountedInVersion()
    {
        var arn = (await RegisterAsync(tags: [new Tag { Key = "rack", Value = "r1" }])).ContainerInstanceArn!;

        await Ecs.Tags.TagResource(Ecs.Caller(), new TagResourceRequest { ResourceArn = arn, Tags = [new Tag { Key = "team", Value = "core" }] }, default);
        await Ecs.Tags.UntagResource(Ecs.Caller(), new UntagResourceRequest { ResourceArn = arn, TagKeys = ["rack"] }, default);
        var tags = await Ecs.Tags.ListTagsForResource(Ecs.Caller(), new ListTagsForResourceRequest { ResourceArn = arn }, default);

        Assert.Equal([new Tag { Key = "team", Value = "core" }], tags.Tags!);
        Assert.Equal(3L, Assert.Single((await DescribeAsync([arn])).ContainerInstances!).Version);
    }

    [Fact]
    public async Task Tags_UnknownOrDeregisteredInstance_ResourceNotFoundException()
    {
        var arn = (await RegisterAsync()).ContainerInstanceArn!;
        await Ecs.Registration.DeregisterContainerInstance(
            Ecs.Caller(), new DeregisterContainerInstanceRequest { Cluster = "prod", ContainerInstance = arn }, default);

        foreach (var target in new[] { arn, Prod + SequentialIdSource.Of(9), InstanceRequests.ArnPrefix + SequentialIdSource.Of(1) })
        {
            var error = await Assert.ThrowsAsync<AwsException>(() => Ecs.Tags.ListTagsForResource(
                Ecs.Caller(), new ListTagsForResourceRequest { ResourceArn = target }, default).AsTask());
            Assert.Equal(("ResourceNotFoundException", "The specified container instance does not exist."), (error.Code, error.Message));
        }
    }

    private async Task<ContainerInstance> RegisterAsync(string cluster = "prod", List<Tag>? tags = null) =>
        (await Ecs.Registration.RegisterContainerInstance(Ecs.Caller(), InstanceRequests.Register(cluster: cluster, tags: tags), default)).ContainerInstance!;

    private async Task<DescribeContainerInstancesResponse> DescribeAsync(List<string> instances, List<string>? include = null) =>
        await Ecs.Instances.DescribeContainerInstances(
            Ecs.Caller(), new DescribeContainerInstancesRequest { Cluster = "prod", ContainerInstances = instances, Include = include }, default);

    private async Task<List<string>> ListAsync(string? status) =>
        (await Ecs.Instances.ListContainerInstances(Ecs.Caller(), new ListContainerInstancesRequest { Cluster = "prod", Status = status }, default))
        .ContainerInstanceArns!;

    private async Task<UpdateContainerInstancesStateResponse> UpdateStateAsync(List<string> instances, string status) =>
        await Ecs.Instances.UpdateContainerInstancesState(
            Ecs.Caller(), new UpdateContainerInstancesStateRequest { Cluster = "prod", ContainerInstances = instances, Status = status }, default);
}
