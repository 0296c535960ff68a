using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Tasks;

/// <summary>Tasks that really run: RunTask through the control plane to the local agent and Docker, observed with boto3,
/// the AWS CLI's waiters, Docker itself and HTTP requests to the published ports.</summary>
public sealed class TaskRunTests(LocalAgentFixture fixture) : IClassFixture<LocalAgentFixture>
{
    [Fact]
    public async Task RunTask_WebServer_RunsInDocker_DynamicPortsAnswer_StopTaskStopsIt_CleanupRemovesTheContainers()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            client.register_task_definition(family='web-e2e', containerDefinitions=[{
                'name': 'web', 'image': TEST_IMAGE, 'memoryReservation': 16, 'stopTimeout': 2, 'portMappings': [{'containerPort': 8080}],
                'command': ['sh', '-c', 'mkdir -p /www && echo hello-from-$HOSTNAME > /www/index.html && exec httpd -f -p 8080 -h /www']}])
            arns = [t['taskArn'] for t in client.run_task(cluster='default', taskDefinition='web-e2e', count=2)['tasks']]
            client.get_waiter('tasks_running').wait(cluster='default', tasks=arns, WaiterConfig=FAST_WAITER)
            tasks = client.describe_tasks(cluster='default', tasks=arns)['tasks']
            answers = [http_get(t['containers'][0]['networkBindings'][0]['hostPort']) for t in tasks]
            docker = [docker_inspect(t['containers'][0]['runtimeId']) for t in tasks]
            instance = client.describe_container_instances(cluster='default', containerInstances=[tasks[0]['containerInstanceArn']])['containerInstances'][0]
            for arn in arns:
                client.stop_task(cluster='default', task=arn, reason='e2e done')
            client.get_waiter('tasks_stopped').wait(cluster='default', tasks=arns, WaiterConfig=FAST_WAITER)
            stopped = client.describe_tasks(cluster='default', tasks=arns)['tasks']
            after = [docker_inspect(t['containers'][0]['runtimeId']) for t in tasks]
            left = wait_removed([t['containers'][0]['runtimeId'] for t in tasks])
            emit(tasks=tasks, answers=answers, running=[d['State']['Running'] for d in docker],
                 labels=[d['Config']['Labels'] for d in docker], instance=instance, stopped=stopped,
                 runningAfter=[d is not None and d['State']['Running'] for d in after], leftAfterCleanup=left)
            """);

        result.Verify(j =>
        {
            foreach (var i in new[] { 0, 1 })
            {
                Assert.Equal("RUNNING", j.Str($"tasks.{i}.lastStatus"));
                Assert.Equal("RUNNING", j.Str($"tasks.{i}.containers.0.lastStatus"));
                Assert.NotNull(j.Str($"tasks.{i}.startedAt"));
                Assert.Equal(8080, j.Int($"tasks.{i}.containers.0.networkBindings.0.containerPort"));
                Assert.InRange(j.Int($"tasks.{i}.containers.0.networkBindings.0.hostPort"), 1024, 65535);
                Assert.Equal(200, j.Int($"answers.{i}.0"));
                Assert.StartsWith("hello-from-", j.Str($"answers.{i}.1"), StringComparison.Ordinal);
                Assert.True(j.At($"running.{i}")!.GetValue<bool>());
                Assert.Equal(j.Str($"tasks.{i}.taskArn"), j.At($"labels.{i}")!["com.amazonaws.ecs.task-arn"]!.GetValue<string>());
                Assert.Equal("STOPPED", j.Str($"stopped.{i}.lastStatus"));
                Assert.Equal("UserInitiated", j.Str($"stopped.{i}.stopCode"));
                Assert.Equal("e2e done", j.Str($"stopped.{i}.stoppedReason"));
                Assert.NotNull(j.Str($"stopped.{i}.stoppedAt"));
                Assert.False(j.At($"runningAfter.{i}")!.GetValue<bool>());
            }

            Assert.NotEqual(j.Int("tasks.0.containers.0.networkBindings.0.hostPort"), j.Int("tasks.1.containers.0.networkBindings.0.hostPort"));
            Assert.True(j.Int("instance.runningTasksCount") >= 2);
            Assert.Empty(j.Items("leftAfterCleanup"));
        });
    }

    [Fact]
    public async Task AwsCli_RunTaskWaitRunningStopTaskWaitStopped_AsTheReadmeShows()
    {
        (await fixture.AwsAsync("ecs", "register-task-definition", "--family", "cli-e2e", "--container-definitions",
            """[{"name":"app","image":"berth-test/busybox:latest","memory":32,"stopTimeout":2,"command":["sleep","3600"]}]""")).AssertSuccess();

        var run = await fixture.AwsAsync("ecs", "run-task", "--cluster", "default", "--task-definition", "cli-e2e:1", "--count", "2");
        var arns = run.AssertSuccess().Json.Items("tasks").Select(t => t["taskArn"]!.GetValue<string>()).ToArray();
        (await fixture.AwsAsync(["ecs", "wait", "tasks-running", "--cluster", "default", "--tasks", .. arns])).AssertSuccess();
        var running = await fixture.AwsAsync(["ecs", "describe-tasks", "--cluster", "default", "--tasks", .. arns]);
        (await fixture.AwsAsync("ecs", "stop-task", "--cluster", "default", "--task", arns[0], "--reason", "cli done")).AssertSuccess();
        (await fixture.AwsAsync("ecs", "wait", "tasks-stopped", "--cluster", "default", "--tasks", arns[0])).AssertSuccess();
        var after = await fixture.AwsAsync(["ecs", "describe-tasks", "--cluster", "default", "--tasks", .. arns]);
        (await fixture.AwsAsync("ecs", "stop-task", "--cluster", "default", "--task", arns[1])).AssertSuccess();

        Assert.Equal(2, arns.Length);
        running.Verify(j => Assert.All(j.Items("tasks"), t => Assert.Equal("RUNNING", t["lastStatus"]!.GetValue<string>())));
        after.Verify(j =>
        {
            var first = j.Items("tasks").Single(t => t["taskArn"]!.GetValue<string>() == arns[0]);
            var second = j.Items("tasks").Single(t => t["taskArn"]!.GetValue<string>() == arns[1]);
            Assert.Equal(("STOPPED", "cli done"), (first["lastStatus"]!.GetValue<string>(), first["stoppedReason"]!.GetValue<string>()));
            Assert.Equal("RUNNING", second["lastStatus"]!.GetValue<string>());
        });
    }

    [Fact]
    public async Task EssentialContainerExit_StopsTheTask_NonEssentialExit_DoesNot()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            client.register_task_definition(family='exits-e2e', containerDefinitions=[
                {'name': 'main', 'image': TEST_IMAGE, 'memoryReservation': 8, 'command': ['sh', '-c', 'sleep 4; exit 4']},
                {'name': 'side', 'image': TEST_IMAGE, 'memoryReservation': 8, 'essential': False, 'command': ['sh', '-c', 'exit 3']}])
            arn = client.run_task(cluster='default', taskDefinition='exits-e2e')['tasks'][0]['taskArn']
            running = wait_tasks(client, 'default', [arn], 'RUNNING')[0]
            side_stopped = running
            deadline = time.time() + 30
            while [c for c in side_stopped['containers'] if c['name'] == 'side'][0]['lastStatus'] != 'STOPPED' and time.time() < deadline:
                time.sleep(0.25)
                side_stopped = client.describe_tasks(cluster='default', tasks=[arn])['tasks'][0]
            stopped = wait_tasks(client, 'default', [arn], 'STOPPED')[0]
            emit(sideStopped=side_stopped, stopped=stopped)
            """);

        result.Verify(j =>
        {
            Assert.Equal("RUNNING", j.Str("sideStopped.lastStatus"));
            var side = j.Items("sideStopped.containers").Single(c => c!["name"]!.GetValue<string>() == "side")!;
            Assert.Equal(("STOPPED", 3), (side["lastStatus"]!.GetValue<string>(), side["exitCode"]!.GetValue<int>()));
            Assert.Equal("STOPPED", j.Str("stopped.lastStatus"));
            Assert.Equal("EssentialContainerExited", j.Str("stopped.stopCode"));
            Assert.Equal("Essential container in task exited", j.Str("stopped.stoppedReason"));
            var main = j.Items("stopped.containers").Single(c => c!["name"]!.GetValue<string>() == "main")!;
            Assert.Equal(4, main["exitCode"]!.GetValue<int>());
        });
    }

    /// <summary>The task is HEALTHY once every essential container's health check passes (ECS's rule).</summary>
    [Fact]
    public async Task DependsOnHealthy_WaitsForTheHealthCheck_TaskReportsHealthy()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            client.register_task_definition(family='health-e2e', containerDefinitions=[
                {'name': 'db', 'image': TEST_IMAGE, 'memoryReservation': 8, 'command': ['sleep', '3600'], 'linuxParameters': {'initProcessEnabled': True},
                 'healthCheck': {'command': ['CMD-SHELL', 'true'], 'interval': 5, 'timeout': 2, 'retries': 1}},
                {'name': 'app', 'image': TEST_IMAGE, 'memoryReservation': 8, 'command': ['sleep', '3600'], 'linuxParameters': {'initProcessEnabled': True},
                 'healthCheck': {'command': ['CMD-SHELL', 'true'], 'interval': 5, 'timeout': 2, 'retries': 1},
                 'dependsOn': [{'containerName': 'db', 'condition': 'HEALTHY'}]}])
            arn = client.run_task(cluster='default', taskDefinition='health-e2e')['tasks'][0]['taskArn']
            task = wait_tasks(client, 'default', [arn], 'RUNNING')[0]
            deadline = time.time() + 30
            while task.get('healthStatus') != 'HEALTHY' and time.time() < deadline:
                time.sleep(0.25)
                task = client.describe_tasks(cluster='default', tasks=[arn])['tasks'][0]
            started = {c['name']: docker_inspect(c['runtimeId'])['State']['StartedAt'] for c in task['containers']}
            health = docker_inspect([c for c in task['containers'] if c['name'] == 'db'][0]['runtimeId'])['State']['Health']
            client.stop_task(cluster='default', task=arn)
            stopped = wait_tasks(client, 'default', [arn], 'STOPPED')[0]
            emit(task=task, started=started, firstHealthy=health['Log'][0]['End'], stopped=stopped)
            """);

        result.Verify(j =>
        {
            Assert.Equal("RUNNING", j.Str("task.lastStatus"));
            Assert.Equal("HEALTHY", j.Str("task.healthStatus"));
            var db = j.Items("task.containers").Single(c => c!["name"]!.GetValue<string>() == "db")!;
            Assert.Equal("HEALTHY", db["healthStatus"]!.GetValue<string>());
            Assert.True(string.CompareOrdinal(j.Str("started.app"), j.Str("firstHealthy")) >= 0, "app started before db was healthy");
            Assert.Equal("STOPPED", j.Str("stopped.lastStatus"));
            Assert.Equal("Task stopped by user", j.Str("stopped.stoppedReason"));
            // initProcessEnabled: Docker's init forwards SIGTERM, so sleep ends by the signal, not by a SIGKILL.
            Assert.All(j.Items("stopped.containers"), c => Assert.Equal(143, c!["exitCode"]!.GetValue<int>()));
        });
    }

    [Fact]
    public async Task StopTimeout_ContainerIgnoringSigterm_IsKilledAfterItsTimeout()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            client.register_task_definition(family='stubborn-e2e', containerDefinitions=[
                {'name': 'stubborn', 'image': TEST_IMAGE, 'memoryReservation': 8, 'stopTimeout': 2,
                 'command': ['sh', '-c', "trap '' TERM; while true; do sleep 1; done"]}])
            arn = client.run_task(cluster='default', taskDefinition='stubborn-e2e')['tasks'][0]['taskArn']
            wait_tasks(client, 'default', [arn], 'RUNNING')
            begin = time.time()
            client.stop_task(cluster='default', task=arn)
            stopped = wait_tasks(client, 'default', [arn], 'STOPPED')[0]
            emit(stopped=stopped, seconds=time.time() - begin)
            """);

        result.Verify(j =>
        {
            Assert.Equal("STOPPED", j.Str("stopped.lastStatus"));
            Assert.Equal(137, j.Int("stopped.containers.0.exitCode"));
            Assert.InRange(j.At("seconds")!.GetValue<double>(), 1.5, 20);
        });
    }

    [Fact]
    public async Task ImageThatCannotBePulled_StopsWithCannotPullContainerError()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            client.register_task_definition(family='nopull-e2e', containerDefinitions=[
                {'name': 'ghost', 'image': 'berth-test/does-not-exist:1', 'memoryReservation': 8}])
            arn = client.run_task(cluster='default', taskDefinition='nopull-e2e')['tasks'][0]['taskArn']
            stopped = wait_tasks(client, 'default', [arn], 'STOPPED')[0]
            emit(stopped=stopped)
            """);

        result.Verify(j =>
        {
            Assert.Equal("STOPPED", j.Str("stopped.lastStatus"));
            Assert.Equal("TaskFailedToStart", j.Str("stopped.stopCode"));
            Assert.StartsWith("CannotPullContainerError", j.Str("stopped.containers.0.reason"), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task UnsupportedField_IsRefusedAtRunTask_NotIgnored()
    {
        var result = await fixture.BotoAsync("""
            client = ecs()
            client.register_task_definition(family='secret-e2e', containerDefinitions=[
                {'name': 'app', 'image': TEST_IMAGE, 'memoryReservation': 8,
                 'secrets': [{'name': 'TOKEN', 'valueFrom': 'arn:aws:ssm:us-east-1:000000000000:parameter/token'}]}])
            emit(run=outcome(client, 'run_task', cluster='default', taskDefinition='secret-e2e'),
                 listed=client.list_tasks(cluster='default', family='secret-e2e')['taskArns'])
            """);

        result.Verify(j =>
        {
            Assert.Equal("InvalidParameterException", j.Str("run.error"));
            Assert.Contains("secrets", j.Str("run.message"), StringComparison.Ordinal);
            Assert.Empty(j.Items("listed"));
        });
    }
}
