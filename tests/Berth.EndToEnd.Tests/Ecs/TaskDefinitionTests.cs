using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Ecs;

/// <summary>RegisterTaskDefinition, DescribeTaskDefinition, ListTaskDefinitions, ListTaskDefinitionFamilies,
/// DeregisterTaskDefinition and DeleteTaskDefinitions through boto3. Every test uses families of its own.</summary>
public sealed class TaskDefinitionTests(BerthServerFixture fixture) : IClassFixture<BerthServerFixture>
{
    /// <summary>Python: registers a one-container EC2 revision of a family and returns its ARN.</summary>
    private const string RegisterHelper = """
        client = ecs()
        def register(family, **extra):
            containers = extra.pop('containerDefinitions', [{'name': 'app', 'image': 'busybox', 'memory': 64}])
            return client.register_task_definition(family=family, containerDefinitions=containers, **extra)['taskDefinition']['taskDefinitionArn']
        def revisions(arns):
            return [int(a.rsplit(':', 1)[1]) for a in arns]

        """;

    [Fact]
    public async Task RegisterTaskDefinition_MinimalEc2_DefaultsFilledAsEcsFillsThem()
    {
        var result = await fixture.BotoAsync(RegisterHelper + """
            registered = client.register_task_definition(
                family='minimal', containerDefinitions=[{'name': 'app', 'image': 'busybox', 'memory': 64}])
            emit(registered=registered)
            """);

        result.Verify(j =>
        {
            var definition = j.At("registered.taskDefinition");
            Assert.Matches(@"^arn:aws:ecs:us-east-1:\d{12}:task-definition/minimal:1$", definition.Str("taskDefinitionArn"));
            Assert.Equal(1, definition.Int("revision"));
            Assert.Equal("ACTIVE", definition.Str("status"));
            Assert.Equal(["EXTERNAL", "EC2"], definition.Strings("compatibilities"));
            Assert.Matches(@"^arn:aws:iam::\d{12}:root$", definition.Str("registeredBy"));
            Assert.True(definition.Has("registeredAt"));
            Assert.Equal(0, definition.Int("containerDefinitions.0.cpu"));
            Assert.Equal(true, definition.At("containerDefinitions.0.essential")?.GetValue<bool>());
        });
    }

    [Fact]
    public async Task RegisterTaskDefinition_FargateFriendlySizes_StoredAsNumbersAndFargateCompatible()
    {
        var result = await fixture.BotoAsync(RegisterHelper + """
            registered = client.register_task_definition(
                family='fargate-app', networkMode='awsvpc', requiresCompatibilities=['FARGATE'], cpu='1 vCPU', memory='2GB',
                containerDefinitions=[{'name': 'web', 'image': 'nginx', 'portMappings': [{'containerPort': 8080}]}])
            emit(registered=registered)
            """);

        result.Verify(j =>
        {
            var definition = j.At("registered.taskDefinition");
            Assert.Equal("1024", definition.Str("cpu"));
            Assert.Equal("2048", definition.Str("memory"));
            Assert.Equal(["FARGATE"], definition.Strings("requiresCompatibilities"));
            Assert.Contains("FARGATE", definition.Strings("compatibilities"));
            Assert.DoesNotContain("EXTERNAL", definition.Strings("compatibilities"));
            Assert.Equal(8080, definition.Int("containerDefinitions.0.portMappings.0.hostPort"));
            Assert.Contains("ecs.capability.task-eni", definition.Items("requiresAttributes").Select(a => a.Str("name")));
        });
    }

    [Fact]
    public async Task DescribeTaskDefinition_FamilyRevisionOrArn_FamilyAloneMeansLatestActive()
    {
        var result = await fixture.BotoAsync(RegisterHelper + """
            first, second, third = register('described'), register('described'), register('described')
            client.deregister_task_definition(taskDefinition=third)
            by_family = client.describe_task_definition(taskDefinition='described')['taskDefinition']['taskDefinitionArn']
            by_revision = client.describe_task_definition(taskDefinition='described:1')['taskDefinition']['taskDefinitionArn']
            by_arn = client.describe_task_definition(taskDefinition=second)['taskDefinition']['taskDefinitionArn']
            inactive = client.describe_task_definition(taskDefinition='described:3')['taskDefinition']['status']
            emit(first=first, second=second, byFamily=by_family, byRevision=by_revision, byArn=by_arn, inactive=inactive)
            """);

        result.Verify(j =>
        {
            Assert.Equal(j.Str("second"), j.Str("byFamily"));
            Assert.Equal(j.Str("first"), j.Str("byRevision"));
            Assert.Equal(j.Str("second"), j.Str("byArn"));
            Assert.Equal("INACTIVE", j.Str("inactive"));
        });
    }

    [Fact]
    public async Task DeregisterTaskDefinition_ActiveRevision_InactiveListedOnlyUnderInactive()
    {
        var result = await fixture.BotoAsync(RegisterHelper + """
            keep, drop = register('dereg'), register('dereg')
            deregistered = client.deregister_task_definition(taskDefinition='dereg:2')['taskDefinition']
            active = client.list_task_definitions(familyPrefix='dereg')['taskDefinitionArns']
            inactive = client.list_task_definitions(familyPrefix='dereg', status='INACTIVE')['taskDefinitionArns']
            again = client.deregister_task_definition(taskDefinition=drop)['taskDefinition']['status']
            emit(keep=keep, drop=drop, deregistered=deregistered, active=active, inactive=inactive, again=again)
            """);

        result.Verify(j =>
        {
            Assert.Equal("INACTIVE", j.Str("deregistered.status"));
            Assert.True(j.Has("deregistered.deregisteredAt"), "a deregistered revision records when");
            Assert.Equal([j.Str("keep")!], j.Strings("active"));
            Assert.Equal([j.Str("drop")!], j.Strings("inactive"));
            Assert.Equal("INACTIVE", j.Str("again"));
        });
    }

    [Fact]
    public async Task DeleteTaskDefinitions_InactiveAndActive_DeletesInactiveAndFailsActive()
    {
        var result = await fixture.BotoAsync(RegisterHelper + """
            old, current = register('deleted'), register('deleted')
            client.deregister_task_definition(taskDefinition=old)
            deleted = client.delete_task_definitions(taskDefinitions=[old, 'deleted:2'])
            described = client.describe_task_definition(taskDefinition=old)['taskDefinition']
            in_progress = client.list_task_definitions(familyPrefix='deleted', status='DELETE_IN_PROGRESS')['taskDefinitionArns']
            inactive = client.list_task_definitions(familyPrefix='deleted', status='INACTIVE')['taskDefinitionArns']
            still_active = client.describe_task_definition(taskDefinition=current)['taskDefinition']['status']
            emit(old=old, current=current, deleted=deleted, described=described, inProgress=in_progress, inactive=inactive, stillActive=still_active)
            """);

        result.Verify(j =>
        {
            Assert.Equal([j.Str("old")!], j.Items("deleted.taskDefinitions").Select(d => d.Str("taskDefinitionArn")!));
            Assert.Equal("DELETE_IN_PROGRESS", j.Str("deleted.taskDefinitions.0.status"));
            Assert.Equal(j.Str("current"), j.Str("deleted.failures.0.arn"));
            Assert.Contains("ACTIVE", j.Str("deleted.failures.0.reason"), StringComparison.Ordinal);
            Assert.Equal("DELETE_IN_PROGRESS", j.Str("described.status"));
            Assert.Equal([j.Str("old")!], j.Strings("inProgress"));
            Assert.Empty(j.Strings("inactive"));
            Assert.Equal("ACTIVE", j.Str("stillActive"));
        });
    }

    [Fact]
    public async Task RegisterTaskDefinition_AfterDeregisterAndDelete_RevisionKeepsCounting()
    {
        var result = await fixture.BotoAsync(RegisterHelper + """
            arns = [register('counting') for _ in range(3)]
            for arn in arns:
                client.deregister_task_definition(taskDefinition=arn)
            client.delete_task_definitions(taskDefinitions=arns[1:])
            after_all_gone = register('counting')
            family_gone = outcome(client, 'describe_task_definition', taskDefinition='counting:5')
            emit(arns=arns, next=after_all_gone, describeUnregistered=family_gone)
            """);

        result.Verify(j =>
        {
            Assert.EndsWith(":task-definition/counting:4", j.Str("next"), StringComparison.Ordinal);
            Assert.Equal("ClientException", j.Str("describeUnregistered.error"));
        });
    }

    [Fact]
    public async Task ListTaskDefinitions_FamilyPrefixAndSort_ExactFamilyInRevisionOrder()
    {
        var result = await fixture.BotoAsync(RegisterHelper + """
            for _ in range(3):
                register('order')
            register('order-other')
            register('orderly')
            asc = client.list_task_definitions(familyPrefix='order')['taskDefinitionArns']
            desc = client.list_task_definitions(familyPrefix='order', sort='DESC')['taskDefinitionArns']
            everything = client.list_task_definitions()['taskDefinitionArns']
            emit(asc=asc, desc=desc, everything=everything)
            """);

        result.Verify(j =>
        {
            var asc = j.Strings("asc");
            Assert.Equal(3, asc.Count);
            Assert.All(asc, a => Assert.Contains(":task-definition/order:", a, StringComparison.Ordinal));
            Assert.Equal(asc.OrderBy(Revision), asc);
            Assert.Equal(asc.AsEnumerable().Reverse(), j.Strings("desc"));
            var everything = j.Strings("everything");
            Assert.Contains(everything, a => a.Contains("/order-other:1", StringComparison.Ordinal));
            Assert.Contains(everything, a => a.Contains("/orderly:1", StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task ListTaskDefinitions_PaginatorBothDirections_PagesOfTwoInOrder()
    {
        var result = await fixture.BotoAsync(RegisterHelper + """
            for _ in range(7):
                register('many')
            client.deregister_task_definition(taskDefinition='many:4')
            def walk(**kw):
                pages = client.get_paginator('list_task_definitions').paginate(familyPrefix='many', PaginationConfig={'PageSize': 2}, **kw)
                return [page['taskDefinitionArns'] for page in pages]
            emit(asc=walk(), desc=walk(sort='DESC'), inactive=walk(status='INACTIVE'))
            """);

        result.Verify(j =>
        {
            int[] Walked(string key)
            {
                var pages = j.Items(key).Select(p => p.AsArray().Select(a => a!.GetValue<string>()).ToList()).ToList();
                Assert.All(pages, p => Assert.InRange(p.Count, 0, 2));
                return pages.SelectMany(p => p).Select(Revision).ToArray();
            }

            Assert.Equal([1, 2, 3, 5, 6, 7], Walked("asc"));
            Assert.Equal([7, 6, 5, 3, 2, 1], Walked("desc"));
            Assert.Equal([4], Walked("inactive"));
        });
    }

    [Fact]
    public async Task ListTaskDefinitionFamilies_StatusAndPrefix_FamiliesByWhetherTheyHaveActiveRevisions()
    {
        var result = await fixture.BotoAsync(RegisterHelper + """
            register('fam-live')
            gone = register('fam-gone')
            client.deregister_task_definition(taskDefinition=gone)
            register('other-family')
            def walk(**kw):
                pages = client.get_paginator('list_task_definition_families').paginate(familyPrefix='fam-', PaginationConfig={'PageSize': 1}, **kw)
                return [f for page in pages for f in page['families']]
            emit(all=walk(), active=walk(status='ACTIVE'), inactive=walk(status='INACTIVE'), explicitAll=walk(status='ALL'))
            """);

        result.Verify(j =>
        {
            Assert.Equal(["fam-gone", "fam-live"], j.Strings("all"));
            Assert.Equal(["fam-live"], j.Strings("active"));
            Assert.Equal(["fam-gone"], j.Strings("inactive"));
            Assert.Equal(["fam-gone", "fam-live"], j.Strings("explicitAll"));
        });
    }

    private static int Revision(string arn) => int.Parse(arn[(arn.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
}
