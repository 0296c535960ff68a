using System.Text.RegularExpressions;
using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Cli;

/// <summary>The user flows of the README, typed as a user types them: the real AWS CLI, configured only by the
/// variables <c>berth env</c> prints.</summary>
public sealed class ReadmeWalkthroughTests(BerthServerFixture fixture) : IClassFixture<BerthServerFixture>
{
    private static readonly string WebTaskDefinitionFile = Path.Combine(AppContext.BaseDirectory, "TestData", "web-task-definition.json");

    [Fact]
    public async Task Walkthrough_CreateClusterRegisterAndDescribe_ShowsWebRevisionOne()
    {
        var cluster = await fixture.AwsAsync("ecs", "create-cluster", "--cluster-name", "web");
        cluster.Verify(j =>
        {
            Assert.Matches(new Regex(@"^arn:aws:ecs:us-east-1:\d{12}:cluster/web$"), j.Str("cluster.clusterArn"));
            Assert.Equal("ACTIVE", j.Str("cluster.status"));
        });

        var registered = await fixture.AwsAsync("ecs", "register-task-definition", "--cli-input-json", $"file://{WebTaskDefinitionFile}");
        registered.Verify(j =>
        {
            Assert.Equal("web", j.Str("taskDefinition.family"));
            Assert.Equal(1, j.Int("taskDefinition.revision"));
            Assert.Equal("ACTIVE", j.Str("taskDefinition.status"));
        });

        var described = await fixture.AwsAsync("ecs", "describe-task-definition", "--task-definition", "web:1");
        described.Verify(j =>
        {
            Assert.Equal(registered.Json.Str("taskDefinition.taskDefinitionArn"), j.Str("taskDefinition.taskDefinitionArn"));
            Assert.EndsWith(":task-definition/web:1", j.Str("taskDefinition.taskDefinitionArn"), StringComparison.Ordinal);
            Assert.Equal("nginx", j.Str("taskDefinition.containerDefinitions.0.name"));
            Assert.Equal("public.ecr.aws/nginx/nginx:1.27", j.Str("taskDefinition.containerDefinitions.0.image"));
            Assert.Equal(128, j.Int("taskDefinition.containerDefinitions.0.memory"));
            Assert.Equal(80, j.Int("taskDefinition.containerDefinitions.0.portMappings.0.containerPort"));
            Assert.Equal("tcp", j.Str("taskDefinition.containerDefinitions.0.portMappings.0.protocol"));
        });

        var clusters = await fixture.AwsAsync("ecs", "list-clusters");
        clusters.Verify(j => Assert.Contains(cluster.Json.Str("cluster.clusterArn"), j.Strings("clusterArns")));
    }

    [Fact]
    public async Task EndpointUrlOption_EnvironmentVariableUnset_ReachesBerth()
    {
        var withoutVariable = fixture.Client.With("AWS_ENDPOINT_URL", null);

        var created = await AwsCli.RunAsync(
            withoutVariable, "ecs", "create-cluster", "--cluster-name", "explicit-endpoint", "--endpoint-url", fixture.Server.Endpoint);
        var listed = await AwsCli.RunAsync(withoutVariable, "ecs", "list-clusters", "--endpoint-url", fixture.Server.Endpoint);

        created.Verify(j => Assert.Equal("explicit-endpoint", j.Str("cluster.clusterName")));
        listed.Verify(j => Assert.Contains(created.Json.Str("cluster.clusterArn"), j.Strings("clusterArns")));
    }

    [Fact]
    public async Task CreateCluster_SameNameTwice_SecondAnswersWithTheExistingCluster()
    {
        var first = await fixture.AwsAsync("ecs", "create-cluster", "--cluster-name", "twice", "--tags", "key=round,value=one");
        var second = await fixture.AwsAsync("ecs", "create-cluster", "--cluster-name", "twice", "--tags", "key=round,value=two");
        var described = await fixture.AwsAsync("ecs", "describe-clusters", "--clusters", "twice", "--include", "TAGS");

        second.Verify(j =>
        {
            Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(first.Json, j), "the second create-cluster should answer with the cluster unchanged");
            Assert.Equal("one", j.Tags("cluster.tags")["round"]);
        });
        described.Verify(j =>
        {
            Assert.Single(j.Items("clusters"));
            Assert.Equal("one", j.Tags("clusters.0.tags")["round"]);
        });
    }

    [Fact]
    public async Task ListClusters_MaxItemsAndPageSize_EveryClusterExactlyOnce()
    {
        (await fixture.BotoAsync("""
            client = ecs()
            for i in range(5):
                client.create_cluster(clusterName=f'paged-{i}')
            emit(done=True)
            """)).AssertSuccess();
        var all = (await fixture.AwsAsync("ecs", "list-clusters")).AssertSuccess().Json.Strings("clusterArns");

        var smallPages = await fixture.AwsAsync("ecs", "list-clusters", "--page-size", "2");
        smallPages.Verify(j => Assert.Equal(all, j.Strings("clusterArns")));

        var walked = await WalkWithMaxItemsAsync(["ecs", "list-clusters", "--max-items", "2", "--page-size", "1"], "clusterArns", 2);
        Assert.Equal(all, walked);
        Assert.All(Enumerable.Range(0, 5), i => Assert.Contains(all, arn => arn.EndsWith($":cluster/paged-{i}", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ListTaskDefinitions_FamilyPrefixSortDescAndMaxItems_RevisionsNewestFirst()
    {
        for (var i = 0; i < 2; i++)
        {
            (await fixture.AwsAsync(
                "ecs", "register-task-definition", "--family", "cli-paged",
                "--container-definitions", """[{"name":"app","image":"busybox","memory":64}]""")).AssertSuccess();
        }

        (await fixture.BotoAsync("""
            client = ecs()
            for _ in range(3):
                client.register_task_definition(family='cli-paged', containerDefinitions=[{'name': 'app', 'image': 'busybox', 'memory': 64}])
            emit(done=True)
            """)).AssertSuccess();

        var walked = await WalkWithMaxItemsAsync(
            ["ecs", "list-task-definitions", "--family-prefix", "cli-paged", "--sort", "DESC", "--max-items", "2"], "taskDefinitionArns", 2);

        Assert.Equal([5, 4, 3, 2, 1], walked.Select(arn => int.Parse(arn[(arn.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(walked, arn => Assert.Contains(":task-definition/cli-paged:", arn, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TagResource_CliShorthand_ListTagsShowsThem()
    {
        var arn = (await fixture.AwsAsync("ecs", "create-cluster", "--cluster-name", "tagged-by-cli")).AssertSuccess().Json.Str("cluster.clusterArn")!;

        (await fixture.AwsAsync("ecs", "tag-resource", "--resource-arn", arn, "--tags", "key=team,value=web", "key=env,value=prod")).AssertSuccess();
        (await fixture.AwsAsync("ecs", "untag-resource", "--resource-arn", arn, "--tag-keys", "env")).AssertSuccess();
        var listed = await fixture.AwsAsync("ecs", "list-tags-for-resource", "--resource-arn", arn);

        listed.Verify(j => Assert.Equal(new Dictionary<string, string> { ["team"] = "web" }, j.Tags("tags")));
    }

    [Fact]
    public async Task DescribeTaskDefinition_UnknownFamily_CliReportsClientException()
    {
        var result = await fixture.AwsAsync("ecs", "describe-task-definition", "--task-definition", "never-registered:1");

        result.AssertAwsError("ClientException");
    }

    /// <summary>Follows the CLI's NextToken with --starting-token; every page holds at most maxItems items.</summary>
    private async Task<List<string>> WalkWithMaxItemsAsync(string[] command, string resultKey, int maxItems)
    {
        var items = new List<string>();
        string? token = null;
        for (var page = 0; page < 50; page++)
        {
            var result = await fixture.AwsAsync(token is null ? command : [.. command, "--starting-token", token]);
            var json = result.AssertSuccess().Json;
            var pageItems = json.Strings(resultKey);
            Assert.True(pageItems.Count <= maxItems, $"A page held {pageItems.Count} items, more than --max-items {maxItems}.\n\n{result.Describe()}");
            items.AddRange(pageItems);
            token = json.Str("NextToken");
            if (token is null)
            {
                return items;
            }
        }

        throw new Xunit.Sdk.XunitException($"{string.Join(' ', command)} kept returning NextToken after 50 pages.");
    }
}
