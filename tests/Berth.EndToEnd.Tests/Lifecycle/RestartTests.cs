using System.Diagnostics;
using System.Text.Json.Nodes;
using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Lifecycle;

/// <summary>What an operator does: stop berth with SIGTERM and start it again on the same data dir.</summary>
public sealed class RestartTests
{
    /// <summary>Python: everything the seed below stored, as clients see it.</summary>
    private const string State = """
        client = ecs()
        def state():
            arn = client.describe_clusters(clusters=['durable'])['clusters'][0]['clusterArn']
            return {
                'clusters': client.describe_clusters(clusters=['durable', 'gone'], include=['TAGS', 'SETTINGS']),
                'listed': client.list_clusters()['clusterArns'],
                'clusterTags': client.list_tags_for_resource(resourceArn=arn)['tags'],
                'definitions': [client.describe_task_definition(taskDefinition=f'durable:{r}', include=['TAGS']) for r in (1, 2)],
                'active': client.list_task_definitions()['taskDefinitionArns'],
                'inactive': client.list_task_definitions(status='INACTIVE')['taskDefinitionArns'],
                'families': client.list_task_definition_families()['families'],
                'settings': client.list_account_settings()['settings'],
            }

        """;

    [Fact]
    public async Task Up_SigtermThenStartAgainOnSameDataDir_ExitsCleanlyAndEverythingIsStillThere()
    {
        using var root = new TempDirectory("restart");
        var options = new BerthServerOptions { DataDir = root.Combine("data") };
        var first = await BerthServer.StartAsync(options, root.Path);
        ProcessResult before;
        await using (first)
        {
            before = await Boto.RunAsync(first.Client, State + """
                container = [{'name': 'app', 'image': 'busybox', 'memory': 64}]
                client.create_cluster(clusterName='durable', tags=[{'key': 'kept', 'value': 'yes'}], settings=[{'name': 'containerInsights', 'value': 'enabled'}])
                client.create_cluster(clusterName='gone')
                client.delete_cluster(cluster='gone')
                client.register_task_definition(family='durable', containerDefinitions=container, tags=[{'key': 'rev', 'value': 'one'}])
                client.register_task_definition(family='durable', containerDefinitions=container)
                client.deregister_task_definition(taskDefinition='durable:1')
                client.put_account_setting(name='serviceLongArnFormat', value='disabled')
                emit(state=state())
                """);
            before.AssertSuccess();

            var stopwatch = Stopwatch.StartNew();
            var exitCode = await first.StopAsync(TimeSpan.FromSeconds(5));
            Assert.True(exitCode == 0, $"berth exited with {exitCode} after SIGTERM ({stopwatch.Elapsed.TotalSeconds:F1} s).\n{first.Output}");
            Assert.DoesNotContain("Unhandled exception", first.Output, StringComparison.OrdinalIgnoreCase);
        }

        await using var second = await BerthServer.StartAsync(options with { Port = first.Port }, root.Path);
        Assert.Equal(first.Credentials, second.Credentials);

        // The first server's client environment: the same keys must still be accepted.
        var after = await Boto.RunAsync(first.Client, State + """
            before = state()
            next_revision = client.register_task_definition(
                family='durable', containerDefinitions=[{'name': 'app', 'image': 'busybox', 'memory': 64}])['taskDefinition']['revision']
            emit(state=before, nextRevision=next_revision)
            """);
        after.Verify(j =>
        {
            Assert.True(
                JsonNode.DeepEquals(before.Json["state"], j["state"]),
                $"State differs after the restart.\nbefore: {before.Json["state"]?.ToJsonString()}\nafter:  {j["state"]?.ToJsonString()}");
            Assert.Equal(3, j.Int("nextRevision"));
            Assert.Equal("INACTIVE", j.Str("state.clusters.clusters.1.status"));
        });

        var cli = await AwsCli.RunAsync(first.Client, "ecs", "describe-clusters", "--clusters", "durable");
        cli.Verify(j => Assert.Equal("ACTIVE", j.Str("clusters.0.status")));
    }
}
