using System.Diagnostics;
using System.Net;
using Berth.Agent.Docker;
using Berth.Agent.Tests.Docker.Fakes;

namespace Berth.Agent.Tests.Docker;

public sealed class ErrorAndTimeoutTests
{
    [Fact]
    public async Task NoEngineAtTheSocket_IsDockerExceptionNamingTheEndpoint()
    {
        var socket = Path.Combine(Path.GetTempPath(), $"berth-no-docker-{Guid.NewGuid():N}.sock");
        using var client = new DockerClient(new DockerClientOptions { SocketPath = socket });

        var error = await Assert.ThrowsAsync<DockerException>(() => client.GetEngineInfoAsync(CancellationToken.None));

        Assert.Null(error.StatusCode);
        Assert.Contains("Cannot connect to the Docker daemon at unix://" + socket, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EngineSilentLongerThanTheTimeout_IsDockerTimeoutExceptionNamingOperationAndContainer()
    {
        var handler = new RecordedDockerHandler().Hang(HttpMethod.Post, "/v1.41/containers/web/start");
        using var client = FakeEngine.Client(handler, new DockerClientOptions { StartTimeout = TimeSpan.FromMilliseconds(200) });
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<DockerTimeoutException>(() => client.StartContainerAsync("web", CancellationToken.None));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(10));
        Assert.Equal(DockerOperations.StartContainer, error.Operation);
        Assert.Equal("web", error.Subject);
        Assert.Equal(TimeSpan.FromMilliseconds(200), error.Timeout);
        Assert.Equal("Docker start container web timed out after 200 ms", error.Message);
    }

    [Fact]
    public async Task Stop_TimeoutIsTheGracePeriodPlusTheMargin()
    {
        var handler = new RecordedDockerHandler().Hang(HttpMethod.Post, "/v1.41/containers/web/stop");
        using var client = FakeEngine.Client(handler, new DockerClientOptions { StopTimeoutMargin = TimeSpan.FromMilliseconds(100) });

        var error = await Assert.ThrowsAsync<DockerTimeoutException>(() => client.StopContainerAsync("web", TimeSpan.FromSeconds(1), CancellationToken.None));

        Assert.Equal(TimeSpan.FromMilliseconds(1100), error.Timeout);
        Assert.Equal(DockerOperations.StopContainer, error.Operation);
    }

    [Fact]
    public async Task CallerCancels_IsOperationCanceled_NotATimeout()
    {
        var handler = new RecordedDockerHandler().Hang(HttpMethod.Get, "/v1.41/containers/web/json");
        using var client = FakeEngine.Client(handler);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.InspectContainerAsync("web", cancel.Token));

        Assert.IsNotType<DockerTimeoutException>(error);
    }

    [Fact]
    public async Task Wait_HasNoTimeoutOfItsOwn_OnlyTheCallersToken()
    {
        var handler = new RecordedDockerHandler().Hang(HttpMethod.Post, "/v1.41/containers/web/wait");
        using var client = FakeEngine.Client(handler, new DockerClientOptions { InspectTimeout = TimeSpan.FromMilliseconds(50) });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.WaitContainerAsync("web", cancel.Token));
    }

    [Theory]
    [InlineData(HttpStatusCode.Conflict, """{"message":"Cannot kill container: web: Container abc is not running"}""", "Error response from daemon: Cannot kill container: web: Container abc is not running")]
    [InlineData(HttpStatusCode.InternalServerError, "plain text failure", "Error response from daemon: plain text failure")]
    [InlineData(HttpStatusCode.BadGateway, "", "Error response from daemon: HTTP 502 Bad Gateway")]
    public async Task ErrorStatus_IsDockerExceptionWithStatusAndMessage(HttpStatusCode status, string body, string expected)
    {
        var handler = new RecordedDockerHandler().On(HttpMethod.Post, "/v1.41/containers/web/kill", body, status);
        using var client = FakeEngine.Client(handler);

        var error = await Assert.ThrowsAsync<DockerException>(() => client.KillContainerAsync("web", "SIGKILL", CancellationToken.None));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(expected, error.Message);
        Assert.Equal(DockerOperations.KillContainer, error.Operation);
    }

    [Fact]
    public async Task UnreadableAnswer_IsDockerExceptionNotJsonException()
    {
        var handler = new RecordedDockerHandler().On(HttpMethod.Get, "/v1.41/containers/web/json", "{\"Id\":");
        using var client = FakeEngine.Client(handler);

        var error = await Assert.ThrowsAsync<DockerException>(() => client.InspectContainerAsync("web", CancellationToken.None));

        Assert.Contains("could not be read", error.Message, StringComparison.Ordinal);
    }
}
