using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Ecs;

/// <summary>TagResource, UntagResource and ListTagsForResource on clusters and task definitions, and the tags that
/// create, register and describe carry.</summary>
public sealed class TaggingTests(BerthServerFixture fixture) : IClassFixture<BerthServerFixture>
{
    [Fact]
    public async Task TagResource_Cluster_AddsOverwritesAndUntagRemoves()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            arn = client.create_cluster(clusterName='tagged', tags=[{'key': 'a', 'value': '1'}, {'key': 'keep', 'value': 'me'}])['cluster']['clusterArn']
            client.tag_resource(resourceArn=arn, tags=[{'key': 'a', 'value': '2'}, {'key': 'b', 'value': '3'}])
            merged = client.list_tags_for_resource(resourceArn=arn)['tags']
            client.untag_resource(resourceArn=arn, tagKeys=['a', 'not-there'])
            after_untag = client.list_tags_for_resource(resourceArn=arn)['tags']
            described = client.describe_clusters(clusters=[arn], include=['TAGS'])['clusters'][0]['tags']
            emit(merged=merged, afterUntag=after_untag, described=described)
            """);

        result.Verify(j =>
        {
            Assert.Equal(new Dictionary<string, string> { ["a"] = "2", ["keep"] = "me", ["b"] = "3" }, j.Tags("merged"));
            Assert.Equal(new Dictionary<string, string> { ["keep"] = "me", ["b"] = "3" }, j.Tags("afterUntag"));
            Assert.Equal(j.Tags("afterUntag"), j.Tags("described"));
        });
    }

    [Fact]
    public async Task TagResource_TaskDefinitionRevision_DescribeShowsTagsOnlyWithIncludeTags()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            registered = client.register_task_definition(
                family='tagged-td', containerDefinitions=[{'name': 'app', 'image': 'busybox', 'memory': 64}],
                tags=[{'key': 'owner', 'value': 'ops'}])
            arn = registered['taskDefinition']['taskDefinitionArn']
            client.tag_resource(resourceArn=arn, tags=[{'key': 'cost-center', 'value': '42'}])
            client.untag_resource(resourceArn=arn, tagKeys=['owner'])
            plain = client.describe_task_definition(taskDefinition='tagged-td:1')
            with_tags = client.describe_task_definition(taskDefinition='tagged-td:1', include=['TAGS'])
            listed = client.list_tags_for_resource(resourceArn=arn)['tags']
            other_revision = client.register_task_definition(
                family='tagged-td', containerDefinitions=[{'name': 'app', 'image': 'busybox', 'memory': 64}])['taskDefinition']['taskDefinitionArn']
            other_tags = client.list_tags_for_resource(resourceArn=other_revision)['tags']
            emit(registered=registered, plain=plain, withTags=with_tags, listed=listed, otherTags=other_tags)
            """);

        result.Verify(j =>
        {
            Assert.Equal(new Dictionary<string, string> { ["owner"] = "ops" }, j.Tags("registered.tags"));
            Assert.False(j.Has("plain.tags"), "DescribeTaskDefinition shows tags only with include TAGS");
            Assert.Equal(new Dictionary<string, string> { ["cost-center"] = "42" }, j.Tags("withTags.tags"));
            Assert.Equal(j.Tags("withTags.tags"), j.Tags("listed"));
            Assert.Empty(j.Tags("otherTags"));
        });
    }

    [Fact]
    public async Task TagResource_ExactlyFiftyTags_Accepted()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            arn = client.create_cluster(clusterName='fifty', tags=[{'key': f'k{i}', 'value': 'v'} for i in range(25)])['cluster']['clusterArn']
            client.tag_resource(resourceArn=arn, tags=[{'key': f'k{i}', 'value': 'v' * 256} for i in range(25, 50)])
            overwrite = outcome(client, 'tag_resource', resourceArn=arn, tags=[{'key': 'k0', 'value': 'new'}])
            emit(tags=client.list_tags_for_resource(resourceArn=arn)['tags'], overwrite=overwrite)
            """);

        result.Verify(j =>
        {
            Assert.Equal(50, j.Items("tags").Count);
            Assert.Equal("new", j.Tags("tags")["k0"]);
            Assert.Equal(200, j.Int("overwrite.status"));
        });
    }

    [Fact]
    public async Task ListTagsForResource_UnknownResources_ErrorPerResourceType()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            arn = client.create_cluster(clusterName='tag-probe')['cluster']['clusterArn']
            account = arn.split(':')[4]
            emit(
                cluster=outcome(client, 'list_tags_for_resource', resourceArn=f'arn:aws:ecs:us-east-1:{account}:cluster/no-such-cluster'),
                taskDefinition=outcome(client, 'list_tags_for_resource', resourceArn=f'arn:aws:ecs:us-east-1:{account}:task-definition/no-such:1'),
                notAnArn=outcome(client, 'list_tags_for_resource', resourceArn='no-such-cluster'))
            """);

        result.Verify(j =>
        {
            Assert.Equal("ClusterNotFoundException", j.Str("cluster.error"));
            Assert.Equal(400, j.Int("cluster.status"));
            Assert.Equal("ResourceNotFoundException", j.Str("taskDefinition.error"));
            Assert.Equal("InvalidParameterException", j.Str("notAnArn.error"));
        });
    }
}
