using Berth.EndToEnd.Tests.Infrastructure;
using static Berth.EndToEnd.Tests.Services.ServiceFixture;

namespace Berth.EndToEnd.Tests.Services;

/// <summary>The service scheduler in a real cluster (see <see cref="ServiceFixture"/>): services created, rolled, broken,
/// drained and deleted with the AWS CLI and boto3, their tasks observed in ECS and in Docker.</summary>
public sealed class ServiceSchedulingTests(ServiceFixture fixture) : IClassFixture<ServiceFixture>
{
    [Fact]
    public async Task AwsCli_CreateService_WaitServicesStable_ThreeTasksRunSpreadOverBothZones()
    {
        (await fixture.BotoAsync("register_sleeper(ecs(), 'svc-create')")).AssertSuccess();
        var created = await fixture.AwsAsync(
            "ecs", "create-service", "--cluster", Cluster, "--service-name", "svc-create", "--task-definition", "svc-create", "--desired-count", "3");
        var waited = await fixture.AwsAsync("ecs", "wait", "services-stable", "--cluster", Cluster, "--services", "svc-create");
        var seen = await fixture.BotoAsync("""
            client = ecs()
            waited = client.describe_services(cluster=sys.argv[1], services=['svc-create'])['services'][0]
            watched = watch_until_stable(client, sys.argv[1], 'svc-create')
            emit(waited=waited, service=watched['service'], tasks=watched['tasks'], deleted=delete_service(client, sys.argv[1], 'svc-create'))
            """, Cluster);

        Assert.Equal("ACTIVE", created.AssertSuccess().Json.Str("service.status"));
        Assert.Single(created.Json.Items("service.deployments"));
        Assert.Equal("IN_PROGRESS", created.Json.Str("service.deployments.0.rolloutState"));
        waited.AssertSuccess();
        seen.Verify(
            j =>
            {
                Assert.Single(j.Items("waited.deployments"));
                Assert.Equal(3, j.Int("waited.runningCount"));
                Assert.Equal(3, j.Int("service.runningCount"));
                Assert.Equal(0, j.Int("service.pendingCount"));
                Assert.Equal("COMPLETED", j.Str("service.deployments.0.rolloutState"));
                var messages = j.Items("service.events").Select(e => e.Str("message")!).ToList();
                Assert.Contains(messages, m => m.StartsWith("(service svc-create) has started 3 tasks: (task ", StringComparison.Ordinal));
                Assert.Equal("(service svc-create) has reached a steady state.", messages[0]);
                var tasks = j.Items("tasks");
                Assert.Equal(3, tasks.Count);
                Assert.All(tasks, t => Assert.Equal("RUNNING", t.Str("lastStatus")));
                Assert.All(tasks, t => Assert.Equal("service:svc-create", t.Str("group")));
                Assert.All(tasks, t => Assert.Equal(j.Str("service.deployments.0.id"), t.Str("startedBy")));
                var perInstance = tasks.GroupBy(t => t.Str("containerInstanceArn")).Select(g => g.Count()).Order().ToArray();
                Assert.Equal([1, 2], perInstance);
                Assert.Equal("INACTIVE", j.Str("deleted.status"));
            },
            fixture.AgentOutput);
    }

    /// <summary>With 100/200 the new tasks start beside the old ones, so both deployments are listed while rolling; the
    /// waiter's condition holds only once the old tasks are gone.</summary>
    [Fact]
    public async Task UpdateService_NewRevision_BothDeploymentsWhileRolling_StableOnlyWithTheNewOne()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            first = register_sleeper(client, 'svc-roll')['taskDefinitionArn']
            second = register_sleeper(client, 'svc-roll', memory=72)['taskDefinitionArn']
            client.create_service(cluster=sys.argv[1], serviceName='svc-roll', taskDefinition=first, desiredCount=2)
            before = watch_until_stable(client, sys.argv[1], 'svc-roll')
            old = [t['taskArn'] for t in before['tasks']]
            client.update_service(cluster=sys.argv[1], service='svc-roll', taskDefinition=second)
            rolled = watch_until_stable(client, sys.argv[1], 'svc-roll')
            old_after = client.describe_tasks(cluster=sys.argv[1], tasks=old)['tasks']
            emit(first=first, second=second, before=before, rolled=rolled, oldAfter=old_after,
                 deleted=delete_service(client, sys.argv[1], 'svc-roll'))
            """, Cluster);

        result.Verify(
            j =>
            {
                Assert.True(j.At("before.stable")!.GetValue<bool>());
                Assert.True(j.At("rolled.stable")!.GetValue<bool>());
                Assert.Equal(2, j.Int("rolled.mostDeployments"));
                var deployment = j.At("rolled.service.deployments.0");
                Assert.Equal("PRIMARY", deployment.Str("status"));
                Assert.Equal(j.Str("second"), deployment.Str("taskDefinition"));
                Assert.Equal("COMPLETED", deployment.Str("rolloutState"));
                Assert.Equal(j.Str("second"), j.Str("rolled.service.taskDefinition"));
                var firstStable = j.Items("rolled.firstStable.tasks");
                Assert.Equal(2, firstStable.Count);
                Assert.All(firstStable, t => Assert.Equal(j.Str("second"), t.Str("taskDefinitionArn")));
                Assert.All(j.Items("rolled.tasks"), t => Assert.Equal(j.Str("second"), t.Str("taskDefinitionArn")));
                Assert.All(j.Items("oldAfter"), t =>
                {
                    Assert.Equal("STOPPED", t.Str("desiredStatus"));
                    Assert.Equal("ServiceSchedulerInitiated", t.Str("stopCode"));
                });
                Assert.Equal("INACTIVE", j.Str("deleted.status"));
            },
            fixture.AgentOutput);
    }

    /// <summary>An image from a registry that refuses connections (loopback port 9) never starts: the circuit breaker fails
    /// the deployment and rolls back to the revision that was serving, which ends as the only one.</summary>
    [Fact]
    public async Task BadImage_CircuitBreaker_FailsTheDeployment_AndRollsBack()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            good = register_sleeper(client, 'svc-breaker')['taskDefinitionArn']
            bad = client.register_task_definition(family='svc-breaker', containerDefinitions=[
                {'name': 'app', 'image': '127.0.0.1:9/berth-missing:1', 'memory': 64, 'command': ['sleep', '3600']}])['taskDefinition']['taskDefinitionArn']
            client.create_service(cluster=sys.argv[1], serviceName='svc-breaker', taskDefinition=good, desiredCount=2,
                deploymentConfiguration={'deploymentCircuitBreaker': {'enable': True, 'rollback': True}})
            before = watch_until_stable(client, sys.argv[1], 'svc-breaker')
            client.update_service(cluster=sys.argv[1], service='svc-breaker', taskDefinition=bad)
            failed_id = client.describe_services(cluster=sys.argv[1], services=['svc-breaker'])['services'][0]['deployments'][0]['id']
            rolled = wait_service(client, sys.argv[1], 'svc-breaker',
                lambda s: stable(s) and s['deployments'][0]['id'] != failed_id and s['deployments'][0]['rolloutState'] == 'COMPLETED', timeout=240)
            failed = client.describe_tasks(cluster=sys.argv[1], tasks=client.list_tasks(cluster=sys.argv[1], serviceName='svc-breaker', desiredStatus='STOPPED')['taskArns'][:100])['tasks']
            emit(good=good, bad=bad, failedId=failed_id, before=before, rolled=rolled, running=service_tasks(client, sys.argv[1], 'svc-breaker'),
                 failed=[t for t in failed if t['taskDefinitionArn'] == bad], deleted=delete_service(client, sys.argv[1], 'svc-breaker'))
            """, Cluster);

        result.Verify(
            j =>
            {
                Assert.True(j.At("before.stable")!.GetValue<bool>());
                Assert.Equal(j.Str("good"), j.Str("rolled.taskDefinition"));
                Assert.Equal(j.Str("good"), j.Str("rolled.deployments.0.taskDefinition"));
                Assert.Equal(2, j.Int("rolled.runningCount"));
                Assert.All(j.Items("running"), t => Assert.Equal(j.Str("good"), t.Str("taskDefinitionArn")));
                Assert.True(j.Items("failed").Count >= 3);
                Assert.All(j.Items("failed"), t => Assert.StartsWith("CannotPullContainerError", t.Str("containers.0.reason"), StringComparison.Ordinal));
                var messages = j.Items("rolled.events").Select(e => e.Str("message")!).ToList();
                Assert.Contains($"(service svc-breaker) (deployment {j.Str("failedId")}) deployment failed: tasks failed to start.", messages);
                Assert.Contains(messages, m => m.StartsWith("(service svc-breaker) rolling back to deployment ecs-svc/", StringComparison.Ordinal));
            },
            fixture.AgentOutput);
    }

    [Fact]
    public async Task DockerKill_TheServiceReplacesTheTask()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            register_sleeper(client, 'svc-kill')
            client.create_service(cluster=sys.argv[1], serviceName='svc-kill', taskDefinition='svc-kill', desiredCount=1)
            before = watch_until_stable(client, sys.argv[1], 'svc-kill')
            victim = before['tasks'][0]
            subprocess.run(['docker', 'kill', victim['containers'][0]['runtimeId']], check=True, capture_output=True)
            killed = wait_tasks(client, sys.argv[1], [victim['taskArn']], 'STOPPED')[0]
            after = wait_service(client, sys.argv[1], 'svc-kill',
                lambda s: stable(s) and [t['taskArn'] for t in service_tasks(client, sys.argv[1], 'svc-kill')] not in ([], [victim['taskArn']]))
            emit(victim=victim, killed=killed, after=after, running=service_tasks(client, sys.argv[1], 'svc-kill'),
                 deleted=delete_service(client, sys.argv[1], 'svc-kill'))
            """, Cluster);

        result.Verify(
            j =>
            {
                Assert.Equal("STOPPED", j.Str("killed.lastStatus"));
                Assert.Equal("EssentialContainerExited", j.Str("killed.stopCode"));
                Assert.Equal(1, j.Int("after.runningCount"));
                var running = Assert.Single(j.Items("running"));
                Assert.NotEqual(j.Str("victim.taskArn"), running.Str("taskArn"));
                Assert.Equal("RUNNING", running.Str("lastStatus"));
            },
            fixture.AgentOutput);
    }

    [Fact]
    public async Task Daemon_RunsOneTaskOnEachAgent()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            register_sleeper(client, 'svc-daemon', memory=32)
            client.create_service(cluster=sys.argv[1], serviceName='svc-daemon', taskDefinition='svc-daemon', schedulingStrategy='DAEMON')
            service = wait_service(client, sys.argv[1], 'svc-daemon', lambda s: stable(s) and s['runningCount'] == 2)
            emit(service=service, tasks=service_tasks(client, sys.argv[1], 'svc-daemon'), deleted=delete_service(client, sys.argv[1], 'svc-daemon'))
            """, Cluster);

        result.Verify(
            j =>
            {
                Assert.Equal("DAEMON", j.Str("service.schedulingStrategy"));
                Assert.Equal(2, j.Int("service.desiredCount"));
                Assert.Equal(2, j.Int("service.runningCount"));
                var instances = j.Items("tasks").Select(t => t.Str("containerInstanceArn")).Order().ToList();
                Assert.Equal(new[] { fixture.AgentA, fixture.AgentB }.Order(), instances);
                Assert.Equal("INACTIVE", j.Str("deleted.status"));
            },
            fixture.AgentOutput);
    }

    /// <summary>Draining agent a moves its tasks to agent b (a replacement starts before the drained task stops, as 100/200
    /// requires); agent a is made ACTIVE again afterwards for the other tests.</summary>
    [Fact]
    public async Task DrainingAnInstance_MovesTheServiceTasksToTheOther()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            register_sleeper(client, 'svc-drain')
            client.create_service(cluster=sys.argv[1], serviceName='svc-drain', taskDefinition='svc-drain', desiredCount=2)
            before = watch_until_stable(client, sys.argv[1], 'svc-drain')
            try:
                client.update_container_instances_state(cluster=sys.argv[1], containerInstances=[sys.argv[2]], status='DRAINING')
                moved = wait_service(client, sys.argv[1], 'svc-drain',
                    lambda s: stable(s) and all(t['containerInstanceArn'] == sys.argv[3] for t in service_tasks(client, sys.argv[1], 'svc-drain')))
                running = service_tasks(client, sys.argv[1], 'svc-drain')
            finally:
                client.update_container_instances_state(cluster=sys.argv[1], containerInstances=[sys.argv[2]], status='ACTIVE')
            emit(before=before, moved=moved, running=running, deleted=delete_service(client, sys.argv[1], 'svc-drain'))
            """, Cluster, fixture.AgentA, fixture.AgentB);

        result.Verify(
            j =>
            {
                Assert.Contains(j.Items("before.tasks"), t => t.Str("containerInstanceArn") == fixture.AgentA);
                Assert.Equal(2, j.Int("moved.runningCount"));
                var running = j.Items("running");
                Assert.Equal(2, running.Count);
                Assert.All(running, t => Assert.Equal(fixture.AgentB, t.Str("containerInstanceArn")));
            },
            fixture.AgentOutput);
    }

    [Fact]
    public async Task AwsCli_DeleteServiceForce_StopsItsTasks_AndWaitServicesInactive()
    {
        var created = await fixture.BotoAsync("""
            client = ecs()
            register_sleeper(client, 'svc-delete')
            client.create_service(cluster=sys.argv[1], serviceName='svc-delete', taskDefinition='svc-delete', desiredCount=2)
            emit(**watch_until_stable(client, sys.argv[1], 'svc-delete'))
            """, Cluster);
        var deleted = await fixture.AwsAsync("ecs", "delete-service", "--cluster", Cluster, "--service", "svc-delete", "--force");
        var inactive = await fixture.AwsAsync("ecs", "wait", "services-inactive", "--cluster", Cluster, "--services", "svc-delete");
        var after = await fixture.BotoAsync("""
            client = ecs()
            arns = client.list_tasks(cluster=sys.argv[1], serviceName='svc-delete', desiredStatus='STOPPED')['taskArns']
            emit(stopped=client.describe_tasks(cluster=sys.argv[1], tasks=arns)['tasks'] if arns else [],
                 running=service_tasks(client, sys.argv[1], 'svc-delete'), listed=client.list_services(cluster=sys.argv[1])['serviceArns'])
            """, Cluster);

        created.Verify(j => Assert.True(j.At("stable")!.GetValue<bool>()), fixture.AgentOutput);
        Assert.Equal("DRAINING", deleted.AssertSuccess().Json.Str("service.status"));
        Assert.Equal(0, deleted.Json.Int("service.desiredCount"));
        inactive.AssertSuccess();
        after.Verify(j =>
        {
            Assert.Empty(j.Items("running"));
            Assert.Equal(2, j.Items("stopped").Count);
            Assert.All(j.Items("stopped"), t => Assert.Equal("ServiceSchedulerInitiated", t.Str("stopCode")));
            Assert.DoesNotContain(j.Strings("listed"), a => a.EndsWith("/svc-delete", StringComparison.Ordinal));
        });
    }
}
