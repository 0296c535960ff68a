using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Ecr;

/// <summary>Tasks whose image lives only in Berth's registry: the agent pulls it with a token it gets with its instance key
/// (ECS's model, the instance standing in for the execution role), and a tag the registry does not have stops the task as
/// ECS does.</summary>
public sealed class TaskPullTests(RegistryAgentFixture fixture) : IClassFixture<RegistryAgentFixture>
{
    [Fact]
    public async Task RunTask_ImagePushedToBerth_AgentPullsIt_MissingTagStopsWithCannotPullContainerError()
    {
        var uri = await fixture.CreateRepositoryAndLoginAsync("pull/app");
        var pushed = uri + ":1";
        try
        {
            (await fixture.RunAsync("docker", null, "tag", RegistryFixture.TestImage, pushed)).AssertSuccess();
            (await fixture.RunAsync("docker", null, "push", pushed)).AssertSuccess();
            (await fixture.RunAsync("docker", null, "rmi", pushed)).AssertSuccess();
            Assert.False((await fixture.RunAsync("docker", null, "image", "inspect", pushed)).Succeeded, "the pushed tag must be gone locally");

            var result = await fixture.BotoAsync("""
                client = ecs()
                pushed, missing = sys.argv[1], sys.argv[2]
                for family, image in [('ecr-pull', pushed), ('ecr-pull-missing', missing)]:
                    client.register_task_definition(family=family, containerDefinitions=[
                        {'name': 'app', 'image': image, 'memoryReservation': 8, 'command': ['sh', '-c', 'echo pulled']}])
                arns = [client.run_task(cluster='default', taskDefinition=f)['tasks'][0]['taskArn'] for f in ['ecr-pull', 'ecr-pull-missing']]
                stopped = {t['taskArn']: t for t in wait_tasks(client, 'default', arns, 'STOPPED', timeout=180)}
                emit(ran=stopped[arns[0]], failed=stopped[arns[1]])
                """, pushed, uri + ":nope");

            result.Verify(j =>
            {
                // It ran (pulled, created, exited 0). Its stopCode is not asserted: a container that exits before the agent
                // reported RUNNING is recorded as TaskFailedToStart, a race of Berth's own outside this test's concern.
                Assert.Equal("Essential container in task exited", j.Str("ran.stoppedReason"));
                Assert.Equal(0, j.Int("ran.containers.0.exitCode"));
                Assert.NotNull(j.Str("ran.containers.0.runtimeId"));
                Assert.Equal("TaskFailedToStart", j.Str("failed.stopCode"));
                var reason = j.Str("failed.containers.0.reason")!;
                Assert.StartsWith($"CannotPullContainerError: pull image {uri}:nope: ", reason, StringComparison.Ordinal);
                Assert.Contains("not found", reason, StringComparison.Ordinal);
                Assert.StartsWith("CannotPullContainerError", j.Str("failed.stoppedReason"), StringComparison.Ordinal);
            });
            (await fixture.RunAsync("docker", null, "image", "inspect", pushed)).AssertSuccess();
        }
        finally
        {
            await fixture.RunAsync("docker", null, "rmi", pushed);
        }
    }
}
