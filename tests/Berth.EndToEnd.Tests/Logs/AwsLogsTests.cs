using Berth.EndToEnd.Tests.Infrastructure;
using Berth.EndToEnd.Tests.Tasks;

namespace Berth.EndToEnd.Tests.Logs;

/// <summary>The awslogs log driver end to end: a task's output lands in the group and stream ECS names, readable with the
/// AWS CLI and <c>berth logs</c>, and a control-plane restart (with its in-process agent) mid-stream loses and doubles nothing. Needs the Logs API
/// (branch logs-api) in the control plane.</summary>
public sealed class AwsLogsTests(LocalAgentFixture fixture) : IClassFixture<LocalAgentFixture>
{
    [Fact]
    public async Task ATaskPrintingKnownLines_GetLogEventsReturnsThemInOrder_InTheStreamEcsNames()
    {
        var run = await fixture.BotoAsync("""
            client = ecs()
            register_printer(client, 'awslogs-known', '/ecs/awslogs-known', 40)
            arn = client.run_task(cluster='default', taskDefinition='awslogs-known')['tasks'][0]['taskArn']
            task = wait_tasks(client, 'default', [arn], 'STOPPED')[0]
            stream = 'app/app/' + arn.split('/')[-1]
            emit(task=task, stream=stream, messages=wait_log_messages(logs(), '/ecs/awslogs-known', stream, 40))
            """);
        run.Verify(j => Assert.Equal(0, j.Int("task.containers.0.exitCode")));
        var stream = run.Json.Str("stream")!;

        var read = await fixture.AwsAsync("logs", "get-log-events", "--log-group-name", "/ecs/awslogs-known", "--log-stream-name", stream, "--start-from-head");

        read.Verify(j => Assert.Equal(Lines(40), j.Items("events").Select(e => e.Str("message")!)));
        var streams = await fixture.AwsAsync("logs", "describe-log-streams", "--log-group-name", "/ecs/awslogs-known");
        streams.Verify(j => Assert.Equal([stream], j.Items("logStreams").Select(s => s.Str("logStreamName")!)));
        var taskId = stream[(stream.LastIndexOf('/') + 1)..];
        var printed = await ProcessRunner.RunAsync(BerthExecutable.DotnetHost, [BerthExecutable.DllPath, "logs", taskId], fixture.Client.Variables,
            timeout: TimeSpan.FromSeconds(60));
        Assert.True(printed.Succeeded, printed.Describe());
        Assert.Equal(Lines(40).Select(l => $"{taskId}/app | {l}"), printed.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task TheControlPlaneRestartedMidStream_NoLineIsLostOrDoubled()
    {
        using var root = new TempDirectory("awslogs-restart");
        var options = new BerthServerOptions { DataDir = root.Combine("data"), Agent = true, AgentHeartbeatSeconds = 1, CleanupWaitSeconds = 30 };
        var first = await BerthServer.StartAsync(options, root.Path);
        ProcessResult started;
        await using (first)
        {
            started = await Boto.RunAsync(first.Client, """
                client = ecs()
                wait_connected(client, 'default', 1)
                register_printer(client, 'awslogs-restart', '/ecs/awslogs-restart', 120, pause='0.05')
                arn = client.run_task(cluster='default', taskDefinition='awslogs-restart')['tasks'][0]['taskArn']
                wait_tasks(client, 'default', [arn], 'RUNNING')
                stream = 'app/app/' + arn.split('/')[-1]
                emit(arn=arn, stream=stream, early=wait_log_messages(logs(), '/ecs/awslogs-restart', stream, 5))
                """);
            started.Verify(j => Assert.InRange(j.Strings("early").Count, 5, 119));
            Assert.Equal(0, await first.StopAsync(TimeSpan.FromSeconds(20)));
        }

        await using var second = await BerthServer.StartAsync(options with { Port = first.Port }, root.Path);
        var finished = await Boto.RunAsync(second.Client, """
            client = ecs()
            wait_connected(client, 'default', 1)
            task = wait_tasks(client, 'default', [sys.argv[1]], 'STOPPED')[0]
            emit(task=task, messages=wait_log_messages(logs(), '/ecs/awslogs-restart', sys.argv[2], 120))
            """, started.Json.Str("arn")!, started.Json.Str("stream")!);

        finished.Verify(j => Assert.Equal(Lines(120), j.Strings("messages")), second.Output);
    }

    private static List<string> Lines(int count) => [.. Enumerable.Range(1, count).Select(i => $"line-{i}")];
}
