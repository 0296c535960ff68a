using Berth.EndToEnd.Tests.Agents;
using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Tasks;

/// <summary>Agents as separate <c>berth agent</c> processes (as on other hosts): several in one cluster, and restarts of the
/// agent and of the control plane while tasks run.</summary>
public sealed class AgentLifecycleTests(AgentFixture fixture) : IClassFixture<AgentFixture>
{
    private static readonly TimeSpan StopPatience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task TwoAgents_InOneCluster_EachRunsTheTasksPlacedOnIt()
    {
        (await fixture.BotoAsync("ecs().create_cluster(clusterName='pair')")).AssertSuccess();
        await using var first = BerthAgentProcess.Start(fixture.Server, "pair", Path.Combine(fixture.Scratch, "pair-1"), memory: 100);
        await using var second = BerthAgentProcess.Start(fixture.Server, "pair", Path.Combine(fixture.Scratch, "pair-2"), memory: 100);

        var result = await fixture.BotoAsync("""
            client = ecs()
            connected = wait_connected(client, 'pair', 2)
            client.register_task_definition(family='pair-e2e', containerDefinitions=[
                {'name': 'app', 'image': TEST_IMAGE, 'memoryReservation': 40, 'command': ['sleep', '3600'], 'linuxParameters': {'initProcessEnabled': True}}])
            arns = [t['taskArn'] for t in client.run_task(cluster='pair', taskDefinition='pair-e2e', count=4)['tasks']]
            tasks = wait_tasks(client, 'pair', arns, 'RUNNING')
            labels = [docker_inspect(t['containers'][0]['runtimeId'])['Config']['Labels'] for t in tasks]
            for arn in arns:
                client.stop_task(cluster='pair', task=arn)
            stopped = wait_tasks(client, 'pair', arns, 'STOPPED')
            emit(connected=len(connected), tasks=tasks, labels=labels, stopped=[t['lastStatus'] for t in stopped])
            """);

        result.Verify(j =>
        {
            Assert.Equal(2, j.Int("connected"));
            var tasks = j.Items("tasks");
            Assert.Equal(4, tasks.Count);
            Assert.All(tasks, t => Assert.Equal("RUNNING", t["lastStatus"]!.GetValue<string>()));
            Assert.Equal(2, tasks.Select(t => t["containerInstanceArn"]!.GetValue<string>()).Distinct().Count());
            for (var i = 0; i < tasks.Count; i++)
            {
                // Each container was started by the agent of the instance the task was placed on.
                Assert.Equal(tasks[i]["containerInstanceArn"]!.GetValue<string>(), j.At($"labels.{i}")!["berth.container-instance-arn"]!.GetValue<string>());
            }

            Assert.All(j.Strings("stopped"), s => Assert.Equal("STOPPED", s));
        });
    }

    [Fact]
    public async Task AgentRestart_TaskKeepsRunningInTheSameContainer_AndStopsAfterwards()
    {
        (await fixture.BotoAsync("ecs().create_cluster(clusterName='agent-restart')")).AssertSuccess();
        var dataDir = Path.Combine(fixture.Scratch, "agent-restart");
        var agent = BerthAgentProcess.Start(fixture.Server, "agent-restart", dataDir);
        ProcessResult before;
        await using (agent)
        {
            before = await fixture.BotoAsync("""
                client = ecs()
                wait_connected(client, 'agent-restart', 1)
                client.register_task_definition(family='survivor-e2e', containerDefinitions=[
                    {'name': 'app', 'image': TEST_IMAGE, 'memoryReservation': 8, 'command': ['sleep', '3600'], 'linuxParameters': {'initProcessEnabled': True}}])
                arn = client.run_task(cluster='agent-restart', taskDefinition='survivor-e2e')['tasks'][0]['taskArn']
                emit(task=wait_tasks(client, 'agent-restart', [arn], 'RUNNING')[0])
                """);
            before.AssertSuccess();
            Assert.Equal(0, await agent.StopAsync(StopPatience));
        }

        var arn = before.Json.Str("task.taskArn")!;
        var runtimeId = before.Json.Str("task.containers.0.runtimeId")!;
        var whileAway = await fixture.BotoAsync("""
            client = ecs()
            deadline = time.time() + 20
            instance = None
            while time.time() < deadline:
                instance = client.describe_container_instances(cluster='agent-restart', containerInstances=[sys.argv[1]])['containerInstances'][0]
                if not instance['agentConnected']:
                    break
                time.sleep(0.25)
            emit(instance=instance, running=docker_inspect(sys.argv[2])['State']['Running'])
            """, before.Json.Str("task.containerInstanceArn")!, runtimeId);
        whileAway.Verify(j =>
        {
            Assert.False(j.At("instance.agentConnected")!.GetValue<bool>());
            Assert.True(j.At("running")!.GetValue<bool>());
        });

        await using var restarted = BerthAgentProcess.Start(fixture.Server, "agent-restart", dataDir);
        var after = await fixture.BotoAsync("""
            client = ecs()
            connected = wait_connected(client, 'agent-restart', 1)
            instances = client.list_container_instances(cluster='agent-restart')['containerInstanceArns']
            time.sleep(2)
            task = client.describe_tasks(cluster='agent-restart', tasks=[sys.argv[1]])['tasks'][0]
            client.stop_task(cluster='agent-restart', task=sys.argv[1])
            stopped = wait_tasks(client, 'agent-restart', [sys.argv[1]], 'STOPPED')[0]
            emit(connected=len(connected), instances=instances, task=task, stopped=stopped)
            """, arn);

        after.Verify(j =>
        {
            Assert.Equal(1, j.Int("connected"));
            Assert.Equal([before.Json.Str("task.containerInstanceArn")!], j.Strings("instances"));
            Assert.Equal("RUNNING", j.Str("task.lastStatus"));
            Assert.Equal(runtimeId, j.Str("task.containers.0.runtimeId"));
            Assert.Equal("STOPPED", j.Str("stopped.lastStatus"));
            Assert.Equal(runtimeId, j.Str("stopped.containers.0.runtimeId"));
        }, restarted.Output);
    }
}
