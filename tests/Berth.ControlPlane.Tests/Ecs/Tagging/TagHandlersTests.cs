using Berth.Aws.Generated.Ecs;
using Berth.Aws.Protocol;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecs.Tagging;

/// <summary>Tagging clusters and task definition revisions by ARN against a real (temporary) SQLite store.</summary>
public sealed class TagHandlersTests : EcsHandlerTests
{
    private const string ClusterArn = "arn:aws:ecs:us-east-1:123456789012:cluster/prod";
    private const string TaskDefinitionArn = "arn:aws:ecs:us-east-1:123456789012:task-definition/web:1";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Ecs.Clusters.CreateCluster(Ecs.Caller(), new CreateClusterRequest { ClusterName = "prod", Tags = [new Tag { Key = "a", Value = "1" }] }, default);
        await Ecs.TaskDefinitions.RegisterTaskDefinition(
            Ecs.Caller(),
            new RegisterTaskDefinitionRequest { Family = "web", ContainerDefinitions = [new ContainerDefinition { Name = "app", Image = "nginx", Memory = 64 }] },
            default);
    }

    [Theory]
    [InlineData(ClusterArn)]
    [InlineData(TaskDefinitionArn)]
    public async Task TagResourceThenUntagResource_ChangesOnlyTheNamedKeys(string arn)
    {
        await Ecs.Tags.TagResource(Ecs.Caller(), new TagResourceRequest { ResourceArn = arn, Tags = [new Tag { Key = "a", Value = "2" }, new Tag { Key = "b" }] }, default);
        var tagged = await ListAsync(arn);
        await Ecs.Tags.UntagResource(Ecs.Caller(), new UntagResourceRequest { ResourceArn = arn, TagKeys = ["a", "missing"] }, default);

        Assert.Equal([new Tag { Key = "a", Value = "2" }, new Tag { Key = "b", Value = "" }], tagged);
        Assert.Equal([new Tag { Key = "b", Value = "" }], await ListAsync(arn));
    }

    [Theory]
    [InlineData("prod", "Invalid ARN: 'prod' is not an Amazon ECS resource ARN.")]
    [InlineData("arn:aws:iam::123456789012:role/prod", "Invalid ARN: 'arn:aws:iam::123456789012:role/prod' is not an Amazon ECS resource ARN.")]
    [InlineData("arn:aws:ecs:us-east-1:210987654321:cluster/prod", "The resource 'arn:aws:ecs:us-east-1:210987654321:cluster/prod' is not in this account and region.")]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:capacity-provider/cp", "Resources of type 'capacity-provider' cannot be tagged.")]
    public async Task List_ArnBerthCannotTag_InvalidParameterException(string arn, string message)
    {
        var error = await Assert.ThrowsAsync<AwsException>(() => ListAsync(arn));

        Assert.Equal(("InvalidParameterException", message), (error.Code, error.Message));
    }

    [Theory]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:cluster/nope", "ClusterNotFoundException")]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:task-definition/web:2", "ResourceNotFoundException")]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:task-definition/web", "ResourceNotFoundException")]
    public async Task Tag_MissingResource_ItsNotFoundError(string arn, string code)
    {
        var error = await Assert.ThrowsAsync<AwsException>(() =>
            Ecs.Tags.TagResource(Ecs.Caller(), new TagResourceRequest { ResourceArn = arn, Tags = [new Tag { Key = "a", Value = "1" }] }, default).AsTask());

        Assert.Equal(code, error.Code);
    }

    [Fact]
    public async Task Tag_BeyondFiftyInTotal_InvalidParameterExceptionAndUnchanged()
    {
        var tags = Enumerable.Range(0, 50).Select(i => new Tag { Key = $"k{i}", Value = "v" }).ToList();

        var error = await Assert.ThrowsAsync<AwsException>(() =>
            Ecs.Tags.TagResource(Ecs.Caller(), new TagResourceRequest { ResourceArn = ClusterArn, Tags = tags }, default).AsTask());

        Assert.Equal("InvalidParameterException", error.Code);
        Assert.Equal([new Tag { Key = "a", Value = "1" }], await ListAsync(ClusterArn));
    }

    private async Task<List<Tag>> ListAsync(string arn) =>
        (await Ecs.Tags.ListTagsForResource(Ecs.Caller(), new ListTagsForResourceRequest { ResourceArn = arn }, default)).Tags!;
}
