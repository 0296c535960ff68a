using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Lifecycle;

/// <summary>A control-plane restart (SIGTERM, start again on the same data dir and port) while tasks run: nothing is lost.</summary>
public sealed class RestartWithTasksTests
{
    [Fact]
    public async Task Up_RestartedWhileATaskRuns_TaskStillRunningInTheSameContainer_AndStillStoppable()
    {
        using var root = new TempDirectory("restart-tasks");
        var options = new BerthServerOptions { DataDir = root.Combine("data"), Agent = true, AgentHeartbeatSeconds = 1, CleanupWaitSeconds = 3 };
        var first = await BerthServer.StartAsync(options, root.Path);
        ProcessResult before;
        await using (first)
        {
            before = await Boto.RunAsync(first.Client, """
                client = ecs()
                wait_connected(client, 'default', 1)
                client.register_task_definition(family='durable-task', containerDefinitions=[
                    {'name': 'app', 'image': TEST_IMAGE, 'memoryReservation': 8, 'command': ['sleep', '3600'], 'linuxParameters': {'initProcessEnabled': True}}])
                arn = client.run_task(cluster='default', taskDefinition='durable-task')['tasks'][0]['taskArn']
                emit(task=wait_tasks(client, 'default', [arn], 'RUNNING')[0])
                """);
            before.AssertSuccess();
            Assert.Equal(0, await first.StopAsync(TimeSpan.FromSeconds(20)));
        }

        await using var second = await BerthServer.StartAsync(options with { Port = first.Port }, root.Path);
        var after = await Boto.RunAsync(second.Client, """
            client = ecs()
            connected = wait_connected(client, 'default', 1)
            instances = client.list_container_instances(cluster='default')['containerInstanceArns']
            task = client.describe_tasks(cluster='default', tasks=[sys.argv[1]])['tasks'][0]
            running = docker_inspect(task['containers'][0]['runtimeId'])['State']['Running']
            client.stop_task(cluster='default', task=sys.argv[1])
            stopped = wait_tasks(client, 'default', [sys.argv[1]], 'STOPPED')[0]
            emit(connected=len(connected), instances=instances, task=task, running=running, stopped=stopped)
            """, before.Json.Str("task.taskArn")!);

        after.Verify(j =>
        {
            Assert.Equal(1, j.Int("connected"));
            Assert.Equal([before.Json.Str("task.containerInstanceArn")!], j.Strings("instances"));
            Assert.Equal("RUNNING", j.Str("task.lastStatus"));
            Assert.Equal(before.Json.Str("task.containers.0.runtimeId"), j.Str("task.containers.0.runtimeId"));
            Assert.True(j.At("running")!.GetValue<bool>());
            Assert.Equal("STOPPED", j.Str("stopped.lastStatus"));
        }, second.Output);
    }
}
