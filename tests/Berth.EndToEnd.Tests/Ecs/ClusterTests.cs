using System.Text.RegularExpressions;
using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Ecs;

/// <summary>CreateCluster, DescribeClusters, ListClusters, UpdateCluster, UpdateClusterSettings and DeleteCluster through boto3.</summary>
public sealed class ClusterTests(BerthServerFixture fixture) : IClassFixture<BerthServerFixture>
{
    [Fact]
    public async Task CreateCluster_NewName_ActiveWithEmptyCountsAndDefaultSettings()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            created = client.create_cluster(clusterName='fresh')['cluster']
            emit(created=created)
            """);

        result.Verify(j =>
        {
            Assert.Matches(new Regex(@"^arn:aws:ecs:us-east-1:\d{12}:cluster/fresh$"), j.Str("created.clusterArn"));
            Assert.Equal("fresh", j.Str("created.clusterName"));
            Assert.Equal("ACTIVE", j.Str("created.status"));
            Assert.Equal(0, j.Int("created.registeredContainerInstancesCount"));
            Assert.Equal(0, j.Int("created.runningTasksCount"));
            Assert.Equal(0, j.Int("created.pendingTasksCount"));
            Assert.Equal(0, j.Int("created.activeServicesCount"));
            Assert.Equal("containerInsights", j.Str("created.settings.0.name"));
            Assert.Equal("disabled", j.Str("created.settings.0.value"));
        });
    }

    [Fact]
    public async Task CreateCluster_NoName_CreatesDefaultClusterThatDescribeFindsWithoutArguments()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            created = client.create_cluster()['cluster']
            described = client.describe_clusters()
            emit(created=created, described=described)
            """);

        result.Verify(j =>
        {
            Assert.Equal("default", j.Str("created.clusterName"));
            Assert.Equal(j.Str("created.clusterArn"), j.Str("described.clusters.0.clusterArn"));
            Assert.Empty(j.Items("described.failures"));
        });
    }

    [Fact]
    public async Task DescribeClusters_IncludeEverything_ShowsTagsSettingsConfigurationAndStatistics()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            client.create_cluster(
                clusterName='described',
                tags=[{'key': 'team', 'value': 'core'}],
                settings=[{'name': 'containerInsights', 'value': 'enhanced'}],
                configuration={'executeCommandConfiguration': {'logging': 'DEFAULT'}})
            plain = client.describe_clusters(clusters=['described'])
            full = client.describe_clusters(clusters=['described'], include=['TAGS', 'SETTINGS', 'CONFIGURATIONS', 'STATISTICS'])
            emit(plain=plain, full=full)
            """);

        result.Verify(j =>
        {
            Assert.Empty(j.Items("plain.clusters.0.tags"));
            Assert.False(j.Has("plain.clusters.0.settings"), "settings are shown only with include SETTINGS");
            Assert.Equal("core", j.Tags("full.clusters.0.tags")["team"]);
            Assert.Equal("enhanced", j.Str("full.clusters.0.settings.0.value"));
            Assert.Equal("DEFAULT", j.Str("full.clusters.0.configuration.executeCommandConfiguration.logging"));
            var statistics = j.Items("full.clusters.0.statistics").ToDictionary(s => s.Str("name")!, s => s.Str("value"));
            Assert.Equal("0", statistics["runningEC2TasksCount"]);
            Assert.Equal("0", statistics["activeFargateServiceCount"]);
        });
    }

    [Fact]
    public async Task DescribeClusters_UnknownNameAndArn_ReportedAsMissingFailures()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            known = client.create_cluster(clusterName='known')['cluster']['clusterArn']
            unknown_arn = known.replace(':cluster/known', ':cluster/ghost-by-arn')
            described = client.describe_clusters(clusters=['known', 'ghost', unknown_arn])
            emit(known=known, unknownArn=unknown_arn, described=described)
            """);

        result.Verify(j =>
        {
            Assert.Equal([j.Str("known")!], j.Items("described.clusters").Select(c => c.Str("clusterArn")!));
            var failures = j.Items("described.failures");
            Assert.Equal(2, failures.Count);
            Assert.All(failures, f => Assert.Equal("MISSING", f.Str("reason")));
            Assert.EndsWith(":cluster/ghost", failures[0].Str("arn"), StringComparison.Ordinal);
            Assert.Equal(j.Str("unknownArn"), failures[1].Str("arn"));
        });
    }

    [Fact]
    public async Task DeleteCluster_EmptyCluster_InactiveStillDescribableButNotListed()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            arn = client.create_cluster(clusterName='doomed')['cluster']['clusterArn']
            deleted = client.delete_cluster(cluster='doomed')['cluster']
            described = client.describe_clusters(clusters=[arn])
            listed = [a for page in client.get_paginator('list_clusters').paginate() for a in page['clusterArns']]
            again = outcome(client, 'delete_cluster', cluster='doomed')
            update = outcome(client, 'update_cluster_settings', cluster='doomed', settings=[{'name': 'containerInsights', 'value': 'enabled'}])
            emit(arn=arn, deleted=deleted, described=described, listed=listed, again=again, update=update)
            """);

        result.Verify(j =>
        {
            Assert.Equal("INACTIVE", j.Str("deleted.status"));
            Assert.Equal("INACTIVE", j.Str("described.clusters.0.status"));
            Assert.Empty(j.Items("described.failures"));
            Assert.DoesNotContain(j.Str("arn"), j.Strings("listed"));
            Assert.Equal("ClusterNotFoundException", j.Str("again.error"));
            Assert.Equal(400, j.Int("again.status"));
            Assert.Equal("ClusterNotFoundException", j.Str("update.error"));
        });
    }

    [Fact]
    public async Task CreateCluster_NameOfDeletedCluster_ActiveAgainAndListed()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            client.create_cluster(clusterName='phoenix', tags=[{'key': 'life', 'value': 'first'}])
            client.delete_cluster(cluster='phoenix')
            reborn = client.create_cluster(clusterName='phoenix', tags=[{'key': 'life', 'value': 'second'}])['cluster']
            listed = client.list_clusters()['clusterArns']
            emit(reborn=reborn, listed=listed)
            """);

        result.Verify(j =>
        {
            Assert.Equal("ACTIVE", j.Str("reborn.status"));
            Assert.Equal("second", j.Tags("reborn.tags")["life"]);
            Assert.Contains(j.Str("reborn.clusterArn"), j.Strings("listed"));
        });
    }

    [Fact]
    public async Task UpdateCluster_SettingsAndConfiguration_ShownByLaterDescribe()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            client.create_cluster(clusterName='updated')
            updated = client.update_cluster(
                cluster='updated',
                settings=[{'name': 'containerInsights', 'value': 'enabled'}],
                configuration={'executeCommandConfiguration': {'logging': 'NONE'}})['cluster']
            settings = client.update_cluster_settings(cluster='updated', settings=[{'name': 'containerInsights', 'value': 'enhanced'}])['cluster']
            described = client.describe_clusters(clusters=['updated'], include=['SETTINGS', 'CONFIGURATIONS'])['clusters'][0]
            emit(updated=updated, settings=settings, described=described)
            """);

        result.Verify(j =>
        {
            Assert.Equal("enabled", j.Str("updated.settings.0.value"));
            Assert.Equal("NONE", j.Str("updated.configuration.executeCommandConfiguration.logging"));
            Assert.Equal("enhanced", j.Str("settings.settings.0.value"));
            Assert.Single(j.Items("described.settings"));
            Assert.Equal("enhanced", j.Str("described.settings.0.value"));
            Assert.Equal("NONE", j.Str("described.configuration.executeCommandConfiguration.logging"));
        });
    }

    [Fact]
    public async Task ListClusters_PaginatorWithPageSizeThree_EveryActiveClusterOnceInSmallPages()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            created = [client.create_cluster(clusterName=f'listed-{i}')['cluster']['clusterArn'] for i in range(7)]
            client.delete_cluster(cluster='listed-3')
            unpaged = client.list_clusters()['clusterArns']
            pages = [page['clusterArns'] for page in client.get_paginator('list_clusters').paginate(PaginationConfig={'PageSize': 3})]
            emit(created=created, unpaged=unpaged, pages=pages)
            """);

        result.Verify(j =>
        {
            var pages = j.Items("pages").Select(p => p.AsArray().Select(a => a!.GetValue<string>()).ToList()).ToList();
            Assert.All(pages, p => Assert.InRange(p.Count, 0, 3));
            var walked = pages.SelectMany(p => p).ToList();
            Assert.Equal(j.Strings("unpaged"), walked);
            Assert.Equal(walked.Count, walked.Distinct().Count());
            var created = j.Strings("created");
            Assert.Equal(created.Where(a => !a.EndsWith("listed-3", StringComparison.Ordinal)), created.Where(walked.Contains));
            Assert.DoesNotContain(created[3], walked);
        });
    }

    [Fact]
    public async Task DeleteCluster_ByArn_DeletesThatCluster()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            arn = client.create_cluster(clusterName='by-arn')['cluster']['clusterArn']
            deleted = client.delete_cluster(cluster=arn)['cluster']
            emit(arn=arn, deleted=deleted)
            """);

        result.Verify(j =>
        {
            Assert.Equal(j.Str("arn"), j.Str("deleted.clusterArn"));
            Assert.Equal("INACTIVE", j.Str("deleted.status"));
        });
    }
}
