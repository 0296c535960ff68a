using System.Text.RegularExpressions;
using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Ecs;

/// <summary>RegisterContainerInstance, DeregisterContainerInstance, DescribeContainerInstances, ListContainerInstances,
/// UpdateContainerInstancesState, the attribute operations and container instance tags through boto3, as an agent and an
/// operator use them.</summary>
public sealed class ContainerInstanceTests(BerthServerFixture fixture) : IClassFixture<BerthServerFixture>
{
    [Fact]
    public async Task RegisterContainerInstance_TwoInstances_DescribedListedAndCountedAsEcsShapesThem()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            client.create_cluster(clusterName='fleet')
            first = client.register_container_instance(**agent_registration('fleet', tags=[{'key': 'rack', 'value': 'r1'}]))['containerInstance']
            second = client.register_container_instance(**agent_registration('fleet', cpu=4096, memory=7800))['containerInstance']
            second_id = second['containerInstanceArn'].split('/')[-1]
            described = client.describe_container_instances(
                cluster='fleet', containerInstances=[first['containerInstanceArn'], second_id], include=['TAGS', 'CONTAINER_INSTANCE_HEALTH'])
            plain_described = client.describe_container_instances(cluster='fleet', containerInstances=[first['containerInstanceArn']])
            listed = client.list_container_instances(cluster='fleet')['containerInstanceArns']
            pages = [p['containerInstanceArns'] for p in client.get_paginator('list_container_instances').paginate(
                cluster='fleet', PaginationConfig={'PageSize': 1})]
            cluster = client.describe_clusters(clusters=['fleet'])['clusters'][0]
            emit(first=first, second=second, described=described, plainDescribed=plain_described, listed=listed, pages=pages, cluster=cluster)
            """);

        result.Verify(j =>
        {
            var arn = new Regex(@"^arn:aws:ecs:us-east-1:\d{12}:container-instance/fleet/[0-9a-f]{32}$");
            Assert.Matches(arn, j.Str("first.containerInstanceArn"));
            Assert.Matches(arn, j.Str("second.containerInstanceArn"));
            Assert.NotEqual(j.Str("first.containerInstanceArn"), j.Str("second.containerInstanceArn"));
            Assert.Equal("i-" + j.Str("first.containerInstanceArn")!.Split('/')[^1][..17], j.Str("first.ec2InstanceId"));
            Assert.Equal("ACTIVE", j.Str("first.status"));
            Assert.False(j.At("first.agentConnected")!.GetValue<bool>());
            Assert.Equal(1, j.Int("first.version"));
            Assert.Equal(0, j.Int("first.runningTasksCount"));
            Assert.Equal(0, j.Int("first.pendingTasksCount"));
            Assert.True(j.Has("first.registeredAt"));
            Assert.Equal("1.0.0", j.Str("first.versionInfo.agentVersion"));
            Assert.Equal(["CPU", "MEMORY", "PORTS", "PORTS_UDP"], j.Items("first.registeredResources").Select(r => r.Str("name")!));
            Assert.Equal(2048, j.Int("first.registeredResources.0.integerValue"));
            Assert.Equal(4096, j.Int("second.remainingResources.0.integerValue"));
            Assert.Equal(7800, j.Int("second.remainingResources.1.integerValue"));
            Assert.Equal(["22", "2375", "2376", "51678", "51679"], j.Strings("first.remainingResources.2.stringSetValue"));
            var attributes = j.Items("first.attributes").ToDictionary(a => a.Str("name")!, a => a.Str("value"));
            Assert.Equal("us-east-1a", attributes["ecs.availability-zone"]);
            Assert.Equal("berth.host", attributes["ecs.instance-type"]);
            Assert.Equal("linux", attributes["ecs.os-type"]);
            Assert.Equal("LINUX", attributes["ecs.os-family"]);
            Assert.Null(attributes["ecs.capability.task-eni"]);
            Assert.Equal("r1", j.Tags("first.tags")["rack"]);

            Assert.Equal([j.Str("first.containerInstanceArn")!, j.Str("second.containerInstanceArn")!], j.Items("described.containerInstances").Select(i => i.Str("containerInstanceArn")!));
            Assert.Empty(j.Items("described.failures"));
            Assert.Equal("r1", j.Tags("described.containerInstances.0.tags")["rack"]);
            Assert.Equal("INSUFFICIENT_DATA", j.Str("described.containerInstances.0.healthStatus.overallStatus"));
            Assert.Empty(j.Items("plainDescribed.containerInstances.0.tags"));
            Assert.False(j.Has("plainDescribed.containerInstances.0.healthStatus"), "health is shown only with include CONTAINER_INSTANCE_HEALTH");

            Assert.Equal(2, j.Strings("listed").Count);
            Assert.Equal(j.Strings("listed"), j.Items("pages").SelectMany(p => p.AsArray().Select(a => a!.GetValue<string>())));
            Assert.Equal(2, j.Int("cluster.registeredContainerInstancesCount"));
        });
    }

    [Fact]
    public async Task AwsCli_ListContainerInstancesFilter_OnlyInstancesTheExpressionMatches()
    {
        var registered = await fixture.BotoAsync("""
            client = ecs()
            client.create_cluster(clusterName='filtered')
            def register(instance_type, zone, *custom):
                attributes = [{'name': 'ecs.instance-type', 'value': instance_type}, {'name': 'ecs.availability-zone', 'value': zone}, *custom]
                return client.register_container_instance(**agent_registration('filtered', attributes=attributes))['containerInstance']['containerInstanceArn']
            emit(
                small=register('t2.micro', 'us-east-1a', {'name': 'retiring', 'value': 'true'}),
                medium=register('t3.medium', 'us-east-1b'),
                large=register('m5.large', 'us-east-1b'))
            """);
        var arns = registered.AssertSuccess().Json;
        // Listed in key order (random ids), so compared as sorted lists of names.
        List<string> Named(params string[] names) => names.Select(n => arns[n]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();

        async Task<List<string>> ListAsync(string filter) =>
            (await fixture.AwsAsync("ecs", "list-container-instances", "--cluster", "filtered", "--filter", filter))
            .AssertSuccess().Json.Items("containerInstanceArns").Select(a => a!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(Named("small", "medium"), await ListAsync("attribute:ecs.instance-type =~ t.*"));
        Assert.Equal(Named("large"), await ListAsync("attribute:ecs.availability-zone == us-east-1b and not(attribute:ecs.instance-type in [t3.medium])"));
        Assert.Equal(Named("small"), await ListAsync("attribute:retiring exists"));
        Assert.Equal(Named("medium", "large"), await ListAsync("attribute:retiring !exists && agentVersion >= 1.0"));
        Assert.Empty(await ListAsync("attribute:ecs.instance-type == c5.xlarge || runningTasksCount > 0"));

        var malformed = await fixture.AwsAsync("ecs", "list-container-instances", "--cluster", "filtered", "--filter", "attribute:ecs.instance-type t2.micro");
        Assert.False(malformed.Succeeded, malformed.Describe());
        Assert.True(
            malformed.Stderr.Contains(
                "(InvalidParameterException) when calling the ListContainerInstances operation (reached max retries: 0): "
                + "Invalid filter expression at position 28: expected an operator after 'attribute:ecs.instance-type' but found 't2.micro'",
                StringComparison.Ordinal),
            malformed.Describe());
    }

    [Fact]
    public async Task UpdateContainerInstancesState_Drain_ListedByStatusThenActiveAgain()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            client.create_cluster(clusterName='draining')
            kept = client.register_container_instance(**agent_registration('draining'))['containerInstance']['containerInstanceArn']
            drained = client.register_container_instance(**agent_registration('draining'))['containerInstance']['containerInstanceArn']
            ghost = drained[:-4] + 'ffff'
            update = client.update_container_instances_state(cluster='draining', containerInstances=[drained, ghost], status='DRAINING')
            by_status = {s: client.list_container_instances(cluster='draining', status=s)['containerInstanceArns'] for s in ['ACTIVE', 'DRAINING']}
            everything = client.list_container_instances(cluster='draining')['containerInstanceArns']
            back = client.update_container_instances_state(cluster='draining', containerInstances=[drained], status='ACTIVE')['containerInstances'][0]
            bad_status = outcome(client, 'update_container_instances_state', cluster='draining', containerInstances=[drained], status='REGISTERING')
            emit(kept=kept, drained=drained, ghost=ghost, update=update, byStatus=by_status, everything=everything, back=back, badStatus=bad_status)
            """);

        result.Verify(j =>
        {
            Assert.Equal("DRAINING", j.Str("update.containerInstances.0.status"));
            Assert.Equal(2, j.Int("update.containerInstances.0.version"));
            Assert.Equal(j.Str("ghost"), j.Str("update.failures.0.arn"));
            Assert.Equal("MISSING", j.Str("update.failures.0.reason"));
            Assert.Equal([j.Str("kept")!], j.Strings("byStatus.ACTIVE"));
            Assert.Equal([j.Str("drained")!], j.Strings("byStatus.DRAINING"));
            Assert.Equal(2, j.Strings("everything").Count);
            Assert.Equal(("ACTIVE", 3), (j.Str("back.status"), j.Int("back.version")));
            Assert.Equal("InvalidParameterException", j.Str("badStatus.error"));
        });
    }

    [Fact]
    public async Task PutAttributes_ByArnAndById_ListedByNameAndValueThenDeleted()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            client.create_cluster(clusterName='attributed')
            a = client.register_container_instance(**agent_registration('attributed'))['containerInstance']['containerInstanceArn']
            b = client.register_container_instance(**agent_registration('attributed'))['containerInstance']['containerInstanceArn']
            put = client.put_attributes(cluster='attributed', attributes=[
                {'name': 'stack', 'value': 'blue', 'targetId': a},
                {'name': 'stack', 'value': 'green', 'targetType': 'container-instance', 'targetId': b.split('/')[-1]},
                {'name': 'gpu', 'targetId': b}])['attributes']
            by_name = client.list_attributes(cluster='attributed', targetType='container-instance', attributeName='stack')['attributes']
            by_value = client.list_attributes(cluster='attributed', targetType='container-instance', attributeName='stack', attributeValue='green')['attributes']
            os_types = client.list_attributes(cluster='attributed', targetType='container-instance', attributeName='ecs.os-type')['attributes']
            paged = [x for p in client.get_paginator('list_attributes').paginate(
                cluster='attributed', targetType='container-instance', PaginationConfig={'PageSize': 2}) for x in p['attributes']]
            unpaged = client.list_attributes(cluster='attributed', targetType='container-instance')['attributes']
            client.delete_attributes(cluster='attributed', attributes=[{'name': 'stack', 'targetId': a}])
            after_delete = client.list_attributes(cluster='attributed', targetType='container-instance', attributeName='stack')['attributes']
            described = client.describe_container_instances(cluster='attributed', containerInstances=[b])['containerInstances'][0]
            emit(a=a, b=b, put=put, byName=by_name, byValue=by_value, osTypes=os_types, paged=paged, unpaged=unpaged, afterDelete=after_delete, described=described)
            """);

        result.Verify(j =>
        {
            Assert.Equal(3, j.Items("put").Count);
            Assert.Equal(
                new HashSet<(string, string)> { (j.Str("a")!, "blue"), (j.Str("b")!, "green") },
                j.Items("byName").Select(x => (x.Str("targetId")!, x.Str("value")!)).ToHashSet());
            Assert.All(j.Items("byName"), x => Assert.Equal("container-instance", x.Str("targetType")));
            Assert.Equal([j.Str("b")!], j.Items("byValue").Select(x => x.Str("targetId")!));
            Assert.Equal(["linux", "linux"], j.Items("osTypes").Select(x => x.Str("value")!));
            Assert.Equal(j.Items("unpaged").Select(x => x.ToJsonString()), j.Items("paged").Select(x => x.ToJsonString()));
            Assert.Equal([j.Str("b")!], j.Items("afterDelete").Select(x => x.Str("targetId")!));
            Assert.Equal(2, j.Int("described.version")); // one PutAttributes call is one change of b, whatever it puts there
            Assert.Contains(j.Items("described.attributes"), x => x.Str("name") == "gpu" && !x.Has("value"));
        });
    }

    [Fact]
    public async Task TagResource_ContainerInstance_TaggedUntaggedAndListed()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            client.create_cluster(clusterName='tagged-fleet')
            arn = client.register_container_instance(**agent_registration('tagged-fleet', tags=[{'key': 'rack', 'value': 'r1'}]))['containerInstance']['containerInstanceArn']
            client.tag_resource(resourceArn=arn, tags=[{'key': 'team', 'value': 'core'}, {'key': 'rack', 'value': 'r2'}])
            tagged = client.list_tags_for_resource(resourceArn=arn)['tags']
            client.untag_resource(resourceArn=arn, tagKeys=['team'])
            untagged = client.list_tags_for_resource(resourceArn=arn)['tags']
            described = client.describe_container_instances(cluster='tagged-fleet', containerInstances=[arn], include=['TAGS'])['containerInstances'][0]
            ghost = outcome(client, 'list_tags_for_resource', resourceArn=arn[:-4] + 'ffff')
            emit(tagged=tagged, untagged=untagged, described=described, ghost=ghost)
            """);

        result.Verify(j =>
        {
            Assert.Equal(new Dictionary<string, string> { ["rack"] = "r2", ["team"] = "core" }, j.Tags("tagged"));
            Assert.Equal(new Dictionary<string, string> { ["rack"] = "r2" }, j.Tags("untagged"));
            Assert.Equal(j.Tags("untagged"), j.Tags("described.tags"));
            Assert.Equal(3, j.Int("described.version"));
            Assert.Equal("ResourceNotFoundException", j.Str("ghost.error"));
        });
    }

    [Fact]
    public async Task DeleteCluster_InstanceRegistered_RefusedUntilItIsDeregistered()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            client.create_cluster(clusterName='occupied')
            arn = client.register_container_instance(**agent_registration('occupied'))['containerInstance']['containerInstanceArn']
            refused = outcome(client, 'delete_cluster', cluster='occupied')
            deregistered = client.deregister_container_instance(cluster='occupied', containerInstance=arn)['containerInstance']
            counted = client.describe_clusters(clusters=['occupied'])['clusters'][0]['registeredContainerInstancesCount']
            described = client.describe_container_instances(cluster='occupied', containerInstances=[arn])
            listed = client.list_container_instances(cluster='occupied')['containerInstanceArns']
            deleted = outcome(client, 'delete_cluster', cluster='occupied')
            emit(arn=arn, refused=refused, deregistered=deregistered, counted=counted, described=described, listed=listed, deleted=deleted)
            """);

        result.Verify(j =>
        {
            Assert.Equal(("ClusterContainsContainerInstancesException", 400), (j.Str("refused.error"), j.Int("refused.status")));
            Assert.Equal(("INACTIVE", 2), (j.Str("deregistered.status"), j.Int("deregistered.version")));
            Assert.Equal(0, j.Int("counted"));
            Assert.Equal("INACTIVE", j.Str("described.containerInstances.0.status"));
            Assert.Empty(j.Strings("listed"));
            Assert.Equal("INACTIVE", j.Str("deleted.ok.cluster.status"));
        });
    }

    [Fact]
    public async Task RegisterContainerInstance_AgainWithItsArn_SameInstanceNewResources()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            client.create_cluster(clusterName='restarted')
            first = client.register_container_instance(**agent_registration('restarted', cpu=1024))['containerInstance']
            again = client.register_container_instance(**agent_registration('restarted', cpu=2048, containerInstanceArn=first['containerInstanceArn']))['containerInstance']
            listed = client.list_container_instances(cluster='restarted')['containerInstanceArns']
            counted = client.describe_clusters(clusters=['restarted'])['clusters'][0]['registeredContainerInstancesCount']
            emit(first=first, again=again, listed=listed, counted=counted)
            """);

        result.Verify(j =>
        {
            Assert.Equal(j.Str("first.containerInstanceArn"), j.Str("again.containerInstanceArn"));
            Assert.Equal((2048, 2), (j.Int("again.registeredResources.0.integerValue"), j.Int("again.version")));
            Assert.Equal([j.Str("first.containerInstanceArn")!], j.Strings("listed"));
            Assert.Equal(1, j.Int("counted"));
        });
    }

    /// <summary>Each refused call runs between two snapshots of the cluster, its instances and their attributes and tags.</summary>
    [Fact]
    public async Task BadInput_ExactErrorCodesAndNothingStoredChanged()
    {
        var result = await fixture.BotoAsync("""
            strict = ecs()
            raw = raw_ecs()
            strict.create_cluster(clusterName='guarded')
            arn = strict.register_container_instance(**agent_registration('guarded', tags=[{'key': 'rack', 'value': 'r1'}]))['containerInstance']['containerInstanceArn']
            strict.put_attributes(cluster='guarded', attributes=[{'name': f'custom-{i}', 'value': 'v', 'targetId': arn} for i in range(6)])
            ghost = arn[:-4] + 'ffff'

            def snapshot():
                return plain({
                    'cluster': strict.describe_clusters(clusters=['guarded'])['clusters'],
                    'listed': [strict.list_container_instances(cluster='guarded', status=s)['containerInstanceArns'] for s in ['ACTIVE', 'DRAINING']],
                    'instance': strict.describe_container_instances(cluster='guarded', containerInstances=[arn], include=['TAGS']),
                    'attributes': strict.list_attributes(cluster='guarded', targetType='container-instance')['attributes'],
                })

            eleven = [{'name': f'extra-{i}', 'value': 'v'} for i in range(11)]
            no_cpu = agent_registration('guarded')
            no_cpu['totalResources'] = no_cpu['totalResources'][1:]
            negative_memory = agent_registration('guarded', memory=-1)
            cases = {
                'missing CPU': ('register_container_instance', no_cpu),
                'negative MEMORY': ('register_container_instance', negative_memory),
                '11 custom attributes on register': ('register_container_instance', agent_registration('guarded', attributes=eleven)),
                '11 custom attributes on one instance once merged': ('put_attributes', {
                    'cluster': 'guarded', 'attributes': [{'name': f'more-{i}', 'value': 'v', 'targetId': arn} for i in range(5)]}),
                'put attributes on an unknown instance': ('put_attributes', {'cluster': 'guarded', 'attributes': [{'name': 'stack', 'targetId': ghost}]}),
                'delete attributes of an unknown instance': ('delete_attributes', {'cluster': 'guarded', 'attributes': [{'name': 'custom-0', 'targetId': ghost}]}),
                'deregister an unknown instance': ('deregister_container_instance', {'cluster': 'guarded', 'containerInstance': ghost}),
                're-register an unknown instance': ('register_container_instance', agent_registration('guarded', containerInstanceArn=ghost)),
                'register in an unknown cluster': ('register_container_instance', agent_registration('ghost-cluster')),
                'list with a malformed filter': ('list_container_instances', {'cluster': 'guarded', 'filter': 'attribute:ecs.os-type linux'}),
                'list status INACTIVE': ('list_container_instances', {'cluster': 'guarded', 'status': 'INACTIVE'}),
                'set status REGISTERING': ('update_container_instances_state', {'cluster': 'guarded', 'containerInstances': [arn], 'status': 'REGISTERING'}),
                'put a built-in attribute': ('put_attributes', {'cluster': 'guarded', 'attributes': [{'name': 'ecs.instance-type', 'value': 'm5.large', 'targetId': arn}]}),
                'short id without targetType': ('put_attributes', {'cluster': 'guarded', 'attributes': [{'name': 'stack', 'targetId': arn.split('/')[-1]}]}),
                'tag an unknown instance': ('tag_resource', {'resourceArn': ghost, 'tags': [{'key': 'a', 'value': 'b'}]}),
            }
            results = {}
            for label, (operation, params) in cases.items():
                before = snapshot()
                answer = outcome(raw, operation, **params)
                after = snapshot()
                results[label] = {'answer': answer, 'unchanged': before == after}
            described_ghost = strict.describe_container_instances(cluster='guarded', containerInstances=[ghost])
            emit(results=results, describedGhost=described_ghost, ghost=ghost)
            """);

        var expected = new Dictionary<string, string>
        {
            ["missing CPU"] = "InvalidParameterException",
            ["negative MEMORY"] = "InvalidParameterException",
            ["11 custom attributes on register"] = "AttributeLimitExceededException",
            ["11 custom attributes on one instance once merged"] = "AttributeLimitExceededException",
            ["put attributes on an unknown instance"] = "TargetNotFoundException",
            ["delete attributes of an unknown instance"] = "TargetNotFoundException",
            ["deregister an unknown instance"] = "InvalidParameterException",
            ["re-register an unknown instance"] = "InvalidParameterException",
            ["register in an unknown cluster"] = "ClusterNotFoundException",
            ["list with a malformed filter"] = "InvalidParameterException",
            ["list status INACTIVE"] = "InvalidParameterException",
            ["set status REGISTERING"] = "InvalidParameterException",
            ["put a built-in attribute"] = "InvalidParameterException",
            ["short id without targetType"] = "InvalidParameterException",
            ["tag an unknown instance"] = "ResourceNotFoundException",
        };
        result.Verify(j =>
        {
            foreach (var (label, code) in expected)
            {
                var answer = j.At($"results.{label}.answer")?.ToJsonString();
                Assert.True(j.Str($"results.{label}.answer.error") == code && j.Int($"results.{label}.answer.status") == 400, $"{label}: expected {code}, answered {answer}");
                Assert.True(j.At($"results.{label}.unchanged")!.GetValue<bool>(), $"{label}: the refused request changed what is stored (answered {answer})");
            }

            Assert.Equal(expected.Count, j.At("results")!.AsObject().Count);
            Assert.Empty(j.Items("describedGhost.containerInstances"));
            Assert.Equal((j.Str("ghost"), "MISSING"), (j.Str("describedGhost.failures.0.arn"), j.Str("describedGhost.failures.0.reason")));
        });
    }
}
