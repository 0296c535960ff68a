using Berth.Aws.Generated.Ecs;
using Berth.Aws.Protocol;
using Berth.ControlPlane.Tests.Ecs.ContainerInstances;
using Attribute = Berth.Aws.Generated.Ecs.Attribute;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecs.Attributes;

/// <summary>PutAttributes, DeleteAttributes and ListAttributes against a real (temporary) SQLite store.</summary>
public sealed class AttributeHandlersTests : EcsHandlerTests
{
    private string first = "";
    private string second = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Ecs.Clusters.CreateCluster(Ecs.Caller(), new CreateClusterRequest { ClusterName = "prod" }, default);
        first = (await RegisterAsync()).ContainerInstanceArn!;
        second = (await RegisterAsync()).ContainerInstanceArn!;
    }

    [Fact]
    public async Task Put_ByArnAndByIdWithType_StoredOnTheInstancesAndAnsweredAsGiven()
    {
        List<Attribute> attributes =
        [
            new() { Name = "stack", Value = "blue", TargetId = first },
            new() { Name = "gpu", TargetId = SequentialIdSource.Of(2), TargetType = "container-instance" },
        ];

        var put = await PutAsync(attributes);

        Assert.Equal(attributes, put.Attributes!);
        Assert.Contains(await AttributesOfAsync(first), a => a is { Name: "stack", Value: "blue" });
        Assert.Contains(await AttributesOfAsync(second), a => a is { Name: "gpu", Value: null });
        Assert.Equal(2L, await VersionOfAsync(first));
    }

    [Fact]
    public async Task Put_ExistingName_ValueReplaced()
    {
        await PutAsync([new() { Name = "stack", Value = "blue", TargetId = first }]);

        await PutAsync([new() { Name = "stack", Value = "green", TargetId = first }]);

        Assert.Equal("green", Assert.Single(await AttributesOfAsync(first), a => a.Name == "stack").Value);
    }

    [Fact]
    public async Task Put_UnknownTarget_TargetNotFoundExceptionAndNothingWritten()
    {
        var ghost = InstanceRequests.ArnPrefix + "prod/" + SequentialIdSource.Of(9);

        var error = await Assert.ThrowsAsync<AwsException>(() => PutAsync(
            [new() { Name = "stack", Value = "blue", TargetId = first }, new() { Name = "stack", Value = "blue", TargetId = ghost }]));

        Assert.Equal(("TargetNotFoundException", $"Could not find the target '{ghost}'."), (error.Code, error.Message));
        Assert.DoesNotContain(await AttributesOfAsync(first), a => a.Name == "stack");
        Assert.Equal(1L, await VersionOfAsync(first));
    }

    [Fact]
    public async Task Put_DeregisteredTarget_TargetNotFoundException()
    {
        await Ecs.Registration.DeregisterContainerInstance(Ecs.Caller(), new DeregisterContainerInstanceRequest { Cluster = "prod", ContainerInstance = first }, default);

        Assert.Equal("TargetNotFoundException", (await Assert.ThrowsAsync<AwsException>(() => PutAsync([new() { Name = "stack", TargetId = first }]))).Code);
    }

    [Fact]
    public async Task Put_ElevenCustomOnOneInstance_AttributeLimitExceededExceptionAndNothingWritten()
    {
        await PutAsync(InstanceRequests.Custom(6, "early").Select(a => a with { TargetId = first }).ToList());

        var error = await Assert.ThrowsAsync<AwsException>(() => PutAsync(InstanceRequests.Custom(5, "late").Select(a => a with { TargetId = first }).ToList()));

        Assert.Equal("AttributeLimitExceededException", error.Code);
        Assert.DoesNotContain(await AttributesOfAsync(first), a => a.Name!.StartsWith("late", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Put_ElevenInOneCall_AttributeLimitExceededException() =>
        Assert.Equal(
            "AttributeLimitExceededException",
            (await Assert.ThrowsAsync<AwsException>(() => PutAsync(InstanceRequests.Custom(11).Select(a => a with { TargetId = first }).ToList()))).Code);

    [Fact]
    public async Task Put_TenAcrossTwoInstances_Accepted()
    {
        await PutAsync([.. InstanceRequests.Custom(5).Select(a => a with { TargetId = first }), .. InstanceRequests.Custom(5).Select(a => a with { TargetId = second })]);

        Assert.Equal(5, (await AttributesOfAsync(second)).Count(a => a.Name!.StartsWith("custom", StringComparison.Ordinal)));
    }

    public static TheoryData<string, Attribute, string> InvalidPuts => new()
    {
        { "short id without targetType", new() { Name = "stack", TargetId = SequentialIdSource.Of(1) }, "targetType is required" },
        { "no targetId", new() { Name = "stack", Value = "blue" }, "Each attribute must name its target with targetId." },
        { "cluster ARN as target", new() { Name = "stack", TargetId = "arn:aws:ecs:us-east-1:123456789012:cluster/prod" }, "is not a container instance" },
        { "built-in name", new() { Name = "ecs.instance-type", Value = "m5.large", TargetId = SequentialIdSource.Of(1), TargetType = "container-instance" }, "reserved" },
        { "name with a space", new() { Name = "my stack", TargetId = SequentialIdSource.Of(1), TargetType = "container-instance" }, "Invalid attribute name" },
        { "value with a trailing space", new() { Name = "stack", Value = "blue ", TargetId = SequentialIdSource.Of(1), TargetType = "container-instance" }, "Invalid value" },
    };

    [Theory]
    [MemberData(nameof(InvalidPuts))]
    public async Task Put_InvalidAttribute_InvalidParameterException(string label, Attribute attribute, string message)
    {
        var error = await Assert.ThrowsAsync<AwsException>(() => PutAsync([attribute]));

        Assert.True(error.Code == "InvalidParameterException" && error.Message.Contains(message, StringComparison.Ordinal), $"{label}: {error.Code} {error.Message}");
    }

    [Fact]
    public async Task Put_SameNameTwiceForOneInstanceByArnAndId_InvalidParameterException() =>
        Assert.Equal(
            "Attribute 'stack' is given more than once for the same target.",
            (await Assert.ThrowsAsync<AwsException>(() => PutAsync(
                [new() { Name = "stack", TargetId = first }, new() { Name = "stack", TargetId = SequentialIdSource.Of(1), TargetType = "container-instance" }]))).Message);

    [Fact]
    public async Task Put_UnknownCluster_ClusterNotFoundException() =>
        Assert.Equal(
            "ClusterNotFoundException",
            (await Assert.ThrowsAsync<AwsException>(() => Ecs.Attributes.PutAttributes(
                Ecs.Caller(), new PutAttributesRequest { Cluster = "ghost", Attributes = [new() { Name = "stack", TargetId = first }] }, default).AsTask())).Code);

    [Fact]
    public async Task Delete_PresentAndAbsentNames_PresentOnesRemoved()
    {
        await PutAsync([new() { Name = "stack", Value = "blue", TargetId = first }, new() { Name = "tier", Value = "web", TargetId = first }]);

        var deleted = await Ecs.Attributes.DeleteAttributes(
            Ecs.Caller(),
            new DeleteAttributesRequest { Cluster = "prod", Attributes = [new() { Name = "stack", TargetId = first }, new() { Name = "ghost", TargetId = first }] },
            default);

        Assert.Equal(2, deleted.Attributes!.Count);
        var names = (await AttributesOfAsync(first)).Select(a => a.Name).ToList();
        Assert.DoesNotContain("stack", names);
        Assert.Contains("tier", names);
        Assert.Equal(3L, await VersionOfAsync(first));
    }

    [Fact]
    public async Task Delete_OnlyAbsentNames_VersionUnchanged()
    {
        await Ecs.Attributes.DeleteAttributes(Ecs.Caller(), new DeleteAttributesRequest { Cluster = "prod", Attributes = [new() { Name = "ghost", TargetId = first }] }, default);

        Assert.Equal(1L, await VersionOfAsync(first));
    }

    [Fact]
    public async Task Delete_BuiltIn_InvalidParameterException() =>
        Assert.Equal(
            "InvalidParameterException",
            (await Assert.ThrowsAsync<AwsException>(() => Ecs.Attributes.DeleteAttributes(
                Ecs.Caller(), new DeleteAttributesRequest { Cluster = "prod", Attributes = [new() { Name = "ecs.os-type", TargetId = first }] }, default).AsTask())).Code);

    [Fact]
    public async Task Delete_UnknownTarget_TargetNotFoundException() =>
        Assert.Equal(
            "TargetNotFoundException",
            (await Assert.ThrowsAsync<AwsException>(() => Ecs.Attributes.DeleteAttributes(
                Ecs.Caller(),
                new DeleteAttributesRequest { Cluster = "prod", Attributes = [new() { Name = "stack", TargetId = SequentialIdSource.Of(9), TargetType = "container-instance" }] },
                default).AsTask())).Code);

    [Fact]
    public async Task List_ByName_EveryInstanceWithItAndItsArn()
    {
        await PutAsync([new() { Name = "stack", Value = "blue", TargetId = first }, new() { Name = "stack", Value = "green", TargetId = second }]);

        var byName = await ListAsync(new ListAttributesRequest { Cluster = "prod", TargetType = "container-instance", AttributeName = "stack" });
        var byValue = await ListAsync(new ListAttributesRequest { Cluster = "prod", TargetType = "container-instance", AttributeName = "stack", AttributeValue = "green" });

        Assert.Equal([(first, "blue"), (second, "green")], byName.Attributes!.Select(a => (a.TargetId!, a.Value!)));
        Assert.Equal([second], byValue.Attributes!.Select(a => a.TargetId!));
        Assert.All(byName.Attributes!, a => Assert.Equal("container-instance", a.TargetType));
    }

    [Fact]
    public async Task List_Everything_IncludesBuiltInsAndSkipsDeregisteredInstances()
    {
        await Ecs.Registration.DeregisterContainerInstance(Ecs.Caller(), new DeregisterContainerInstanceRequest { Cluster = "prod", ContainerInstance = second }, default);

        var all = await ListAsync(new ListAttributesRequest { Cluster = "prod", TargetType = "container-instance" });

        Assert.Contains(all.Attributes!, a => a is { Name: "ecs.os-type", Value: "linux" });
        Assert.All(all.Attributes!, a => Assert.Equal(first, a.TargetId));
    }

    [Fact]
    public async Task List_PagesOfThree_EveryAttributeOnce()
    {
        var everything = (await ListAsync(new ListAttributesRequest { Cluster = "prod", TargetType = "container-instance" })).Attributes!;
        var walked = new List<Attribute>();
        string? token = null;
        do
        {
            var page = await ListAsync(new ListAttributesRequest { Cluster = "prod", TargetType = "container-instance", MaxResults = 3, NextToken = token });
            walked.AddRange(page.Attributes!);
            token = page.NextToken;
        }
        while (token is not null);

        Assert.Equal(everything, walked);
        Assert.True(everything.Count > 6);
    }

    [Fact]
    public async Task List_ValueWithoutName_InvalidParameterException() =>
        Assert.Equal(
            "attributeValue can only be given with attributeName.",
            (await Assert.ThrowsAsync<AwsException>(() => ListAsync(new ListAttributesRequest { Cluster = "prod", TargetType = "container-instance", AttributeValue = "x" }))).Message);

    [Fact]
    public async Task List_TokenOfAnotherListing_InvalidParameterException()
    {
        await Ecs.Clusters.CreateCluster(Ecs.Caller(), new CreateClusterRequest { ClusterName = "staging" }, default);
        var clusters = await Ecs.Clusters.ListClusters(Ecs.Caller(), new ListClustersRequest { MaxResults = 1 }, default);

        var error = await Assert.ThrowsAsync<AwsException>(() => ListAsync(
            new ListAttributesRequest { Cluster = "prod", TargetType = "container-instance", NextToken = clusters.NextToken }));

        Assert.Equal(("InvalidParameterException", "Invalid nextToken."), (error.Code, error.Message));
    }

    private async Task<ContainerInstance> RegisterAsync() =>
        (await Ecs.Registration.RegisterContainerInstance(Ecs.Caller(), InstanceRequests.Register(), default)).ContainerInstance!;

    private async Task<PutAttributesResponse> PutAsync(List<Attribute> attributes) =>
        await Ecs.Attributes.PutAttributes(Ecs.Caller(), new PutAttributesRequest { Cluster = "prod", Attributes = attributes }, default);

    private async Task<ListAttributesResponse> ListAsync(ListAttributesRequest request) => await Ecs.Attributes.ListAttributes(Ecs.Caller(), request, default);

    private async Task<ContainerInstance> DescribeAsync(string arn) =>
        Assert.Single((await Ecs.Instances.DescribeContainerInstances(
            Ecs.Caller(), new DescribeContainerInstancesRequest { Cluster = "prod", ContainerInstances = [arn] }, default)).ContainerInstances!);

    private async Task<List<Attribute>> AttributesOfAsync(string arn) => (await DescribeAsync(arn)).Attributes!;

    private async Task<long?> VersionOfAsync(string arn) => (await DescribeAsync(arn)).Version;
}
