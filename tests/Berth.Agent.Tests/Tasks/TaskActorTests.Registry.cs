using Berth.Agent.Docker;
using Berth.Agent.Tasks;

namespace Berth.Agent.Tests.Tasks;

/// <summary>Pulls with the credentials of <see cref="TaskActorOptions.RegistryCredentials"/>, asked for only when pulling.</summary>
public sealed partial class TaskActorTests
{
    [Fact]
    public async Task Pull_WithRegistryCredentials_SendsThemToDocker()
    {
        var credentials = new FakeRegistryCredentials();
        Launch([Container("web")], options: new TaskActorOptions { PullBehavior = ImagePullBehavior.Always, RegistryCredentials = credentials });

        await sink.TaskAsync("RUNNING");

        Assert.Equal("pull web:1 as AWS@127.0.0.1:9400", docker.Calls[0]);
        Assert.Equal(["web:1"], credentials.Asked);
    }

    [Fact]
    public async Task PreferCached_WithTheImageOnTheHost_AsksForNoCredentials()
    {
        var credentials = new FakeRegistryCredentials();
        docker.LocalImages["web:1"] = true;
        Launch([Container("web")], options: new TaskActorOptions { PullBehavior = ImagePullBehavior.PreferCached, RegistryCredentials = credentials });

        await sink.TaskAsync("RUNNING");

        Assert.Empty(credentials.Asked);
        Assert.DoesNotContain(docker.Calls, c => c.StartsWith("pull", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pull_CredentialsUnavailable_StopsWithCannotPullContainerError()
    {
        var credentials = new FakeRegistryCredentials
        {
            Failure = new DockerPullException("web:1", PullFailure.AccessDenied, null, "could not get an authorization token for 127.0.0.1:9400: refused"),
        };
        Launch([Container("web")], options: new TaskActorOptions { PullBehavior = ImagePullBehavior.Always, RegistryCredentials = credentials });

        var stopped = await sink.TaskAsync("STOPPED");

        Assert.Equal("TaskFailedToStart", stopped.StopCode);
        Assert.Equal("CannotPullContainerError: pull image web:1: could not get an authorization token for 127.0.0.1:9400: refused",
            (await sink.ContainerAsync("web", "STOPPED")).Reason);
        Assert.Empty(docker.Calls);
    }

    [Fact]
    public async Task Pull_TokenRefusedByTheRegistry_IsGivenBackAndThePullRetriedWithAFreshOne()
    {
        var stale = new RegistryAuth { Username = "AWS", Password = "old", ServerAddress = "127.0.0.1:9400" };
        var credentials = new FakeRegistryCredentials { Answer = stale, Renewed = stale with { Password = "new" } };
        docker.RefusedPasswords["old"] = true;
        Launch([Container("web")], options: new TaskActorOptions { PullBehavior = ImagePullBehavior.Always, RegistryCredentials = credentials });

        await sink.TaskAsync("RUNNING");

        Assert.Equal([stale], credentials.RefusedAnswers);
        Assert.Equal(["web:1", "web:1"], credentials.Asked);
        Assert.Equal(2, docker.Calls.Count(c => c == "pull web:1 as AWS@127.0.0.1:9400"));
    }

    [Fact]
    public async Task Pull_FreshTokenRefusedToo_StopsWithCannotPullContainerError()
    {
        var refused = new RegistryAuth { Username = "AWS", Password = "secret", ServerAddress = "127.0.0.1:9400" };
        var credentials = new FakeRegistryCredentials { Answer = refused, Renewed = refused };
        docker.RefusedPasswords["secret"] = true;
        Launch([Container("web")], options: new TaskActorOptions { PullBehavior = ImagePullBehavior.Always, RegistryCredentials = credentials });

        var stopped = await sink.TaskAsync("STOPPED");

        Assert.Equal("TaskFailedToStart", stopped.StopCode);
        Assert.Equal("CannotPullContainerError: pull image web:1: unauthorized", (await sink.ContainerAsync("web", "STOPPED")).Reason);
        Assert.Equal(2, credentials.Asked.Count);
    }
}
