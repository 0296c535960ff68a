using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Agents;

/// <summary>RunTask, DescribeTasks, ListTasks and StopTask through boto3 against instances with and without a connected agent.</summary>
public sealed class TaskLaunchTests(AgentFixture fixture) : IClassFixture<AgentFixture>
{
    [Fact]
    public async Task RunTask_WithoutConnectedAgent_FailsWithAgent_AndBadInputChangesNothing()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            client.create_cluster(clusterName='tasks-offline')
            client.register_task_definition(family='offline', containerDefinitions=[{'name': 'app', 'image': 'nginx', 'memoryReservation': 256}])
            none = outcome(client, 'run_task', cluster='tasks-offline', taskDefinition='offline')
            arn = client.register_container_instance(**agent_registration('tasks-offline'))['containerInstance']['containerInstanceArn']
            run = client.run_task(cluster='tasks-offline', taskDefinition='offline')
            fargate = outcome(client, 'run_task', cluster='tasks-offline', taskDefinition='offline', launchType='FARGATE')
            count = outcome(client, 'run_task', cluster='tasks-offline', taskDefinition='offline', count=11)
            unknown = outcome(client, 'run_task', cluster='tasks-offline', taskDefinition='nope')
            stop = outcome(client, 'stop_task', cluster='tasks-offline', task='0123456789abcdef0123456789abcdef')
            missing = client.describe_tasks(cluster='tasks-offline', tasks=['0123456789abcdef0123456789abcdef'])
            listed = client.list_tasks(cluster='tasks-offline')['taskArns']
            instance = client.describe_container_instances(cluster='tasks-offline', containerInstances=[arn])['containerInstances'][0]
            emit(none=none, arn=arn, run=run, fargate=fargate, count=count, unknown=unknown, stop=stop, missing=missing, listed=listed, instance=instance)
            """);

        result.Verify(j =>
        {
            Assert.Equal(("InvalidParameterException", "No Container Instances were found in your cluster."), (j.Str("none.error"), j.Str("none.message")));
            Assert.Empty(j.Items("run.tasks"));
            Assert.Equal(j.Str("arn"), j.Str("run.failures.0.arn"));
            Assert.Equal("AGENT", j.Str("run.failures.0.reason"));
            Assert.Equal("InvalidParameterException", j.Str("fargate.error"));
            Assert.Equal("InvalidParameterException", j.Str("count.error"));
            Assert.Equal("ClientException", j.Str("unknown.error"));
            Assert.Equal(("InvalidParameterException", "The referenced task was not found."), (j.Str("stop.error"), j.Str("stop.message")));
            Assert.Equal("MISSING", j.Str("missing.failures.0.reason"));
            Assert.Empty(j.Items("listed"));
            Assert.Equal(3928, j.Int("instance.remainingResources.1.integerValue"));
            Assert.Equal(0, j.Int("instance.pendingTasksCount"));
        });
    }

    [Fact]
    public async Task RunTask_OnConnectedInstance_PendingThere_ReservedExactly_StoppableAndBlocksDeleteCluster()
    {
        (await fixture.BotoAsync("ecs().create_cluster(clusterName='tasks-online')")).AssertSuccess();
        await using var agent = await ConnectedAgent.StartAsync(fixture, "tasks-online", memory: 1000);

        var result = await fixture.BotoAsync("""
            client = ecs()
            client.register_task_definition(family='online', containerDefinitions=[{'name': 'app', 'image': 'nginx', 'cpu': 128, 'memoryReservation': 400}])
            run = client.run_task(cluster='tasks-online', taskDefinition='online', count=3, startedBy='e2e')
            task_arn = run['tasks'][0]['taskArn']
            described = client.describe_tasks(cluster='tasks-online', tasks=[task_arn.split('/')[-1]])
            listed = client.list_tasks(cluster='tasks-online', family='online')['taskArns']
            instance = client.describe_container_instances(cluster='tasks-online', containerInstances=[sys.argv[1]])['containerInstances'][0]
            stopped = client.stop_task(cluster='tasks-online', task=task_arn, reason='enough')['task']
            stopped_list = client.list_tasks(cluster='tasks-online', desiredStatus='STOPPED')['taskArns']
            client.deregister_container_instance(cluster='tasks-online', containerInstance=sys.argv[1], force=True)
            delete = outcome(client, 'delete_cluster', cluster='tasks-online')
            emit(run=run, described=described, listed=listed, instance=instance, stopped=stopped, stoppedList=stopped_list, delete=delete)
            """, agent.Arn);

        result.Verify(j =>
        {
            Assert.Equal(2, j.Items("run.tasks").Count);
            Assert.Equal("RESOURCE:MEMORY", j.Str("run.failures.0.reason"));
            Assert.Equal(agent.Arn, j.Str("run.failures.0.arn"));
            Assert.Equal(("PENDING", "RUNNING"), (j.Str("described.tasks.0.lastStatus"), j.Str("described.tasks.0.desiredStatus")));
            Assert.Equal(agent.Arn, j.Str("described.tasks.0.containerInstanceArn"));
            Assert.Equal("family:online", j.Str("described.tasks.0.group"));
            Assert.Equal(2, j.Items("listed").Count);
            Assert.Equal(2048 - 256, j.Int("instance.remainingResources.0.integerValue"));
            Assert.Equal(1000 - 800, j.Int("instance.remainingResources.1.integerValue"));
            Assert.Equal(2, j.Int("instance.pendingTasksCount"));
            Assert.Equal(("STOPPED", "PENDING", "enough"), (j.Str("stopped.desiredStatus"), j.Str("stopped.lastStatus"), j.Str("stopped.stoppedReason")));
            Assert.Equal([j.Str("run.tasks.0.taskArn")!], j.Strings("stoppedList"));
            Assert.Equal("ClusterContainsTasksException", j.Str("delete.error"));
        });
    }
}
