using System.Net;
using Berth.Agent.Docker;
using Berth.Agent.Tests.Docker.Fakes;

namespace Berth.Agent.Tests.Docker;

/// <summary>Reading recorded inspect, wait and stats answers.</summary>
public sealed class ContainerInspectTests
{
    [Fact]
    public async Task Inspect_RunningHealthyContainer_GivesStateHealthPortsAndAddresses()
    {
        var info = await InspectRecorded("container-inspect-running-healthy.json");

        Assert.Equal("064a6415170594ce4cae86ff407ecf373afd09845cbbe44d55a5d38c11651c86", info.Id);
        Assert.Equal("rec-web", info.Name);
        Assert.Equal("berth-test/busybox:latest", info.Image);
        Assert.Equal("sha256:6aec4119ca42949127f6a799ba6da029a02044f375b308178cd23453b25146dd", info.ImageId);
        Assert.Equal("yes", info.Labels["rec"]);
        Assert.Equal("running", info.State.Status);
        Assert.True(info.State.Running);
        Assert.Equal(3979, info.State.Pid);
        Assert.Null(info.State.Error);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 15, 28, 15, TimeSpan.Zero).AddTicks(6211177), info.State.StartedAt);
        Assert.Null(info.State.FinishedAt);
        Assert.Equal(HealthStatuses.Healthy, info.State.Health!.Status);
        Assert.Equal("hc-ok\n", info.State.Health.LastOutput);
        Assert.Equal(0, info.State.Health.LastExitCode);
        Assert.Equal(new PublishedPort(8080, "tcp", "127.0.0.1", 32768), Assert.Single(info.Ports));
        var bridge = Assert.Single(info.Networks);
        Assert.Equal("bridge", bridge.NetworkName);
        Assert.Equal("172.17.0.2", bridge.IpAddress);
        Assert.Equal(16, bridge.PrefixLength);
        Assert.Equal("172.17.0.1", bridge.Gateway);
    }

    [Fact]
    public async Task Inspect_UnhealthyContainer_GivesTheLastCheckOutput()
    {
        var info = await InspectRecorded("container-inspect-unhealthy.json");

        Assert.Equal(HealthStatuses.Unhealthy, info.State.Health!.Status);
        Assert.Equal(4, info.State.Health.FailingStreak);
        Assert.Equal("sick\n", info.State.Health.LastOutput);
        Assert.Equal(1, info.State.Health.LastExitCode);
        Assert.Empty(info.Ports);
    }

    [Fact]
    public async Task Inspect_OomKilledContainer_GivesExitCodeAndOomFlag()
    {
        var info = await InspectRecorded("container-inspect-oom-killed.json");

        Assert.Equal("exited", info.State.Status);
        Assert.False(info.State.Running);
        Assert.True(info.State.OomKilled);
        Assert.Equal(137, info.State.ExitCode);
        Assert.NotNull(info.State.FinishedAt);
        Assert.Null(info.State.Health);
        Assert.Null(Assert.Single(info.Networks).IpAddress);
    }

    [Fact]
    public async Task Inspect_MissingContainer_IsDockerNotFoundException()
    {
        var handler = new RecordedDockerHandler()
            .On(HttpMethod.Get, "/v1.41/containers/nope/json", Recordings.Text("container-404.json"), HttpStatusCode.NotFound);
        using var client = FakeEngine.Client(handler);

        var error = await Assert.ThrowsAsync<DockerNotFoundException>(() => client.InspectContainerAsync("nope", CancellationToken.None));

        Assert.Equal("Error response from daemon: No such container: nope", error.Message);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal(DockerOperations.InspectContainer, error.Operation);
    }

    [Fact]
    public async Task Wait_ErrorInBody_IsDockerException()
    {
        var handler = new RecordedDockerHandler()
            .On(HttpMethod.Post, "/v1.41/containers/c1/wait", """{"Error":{"Message":"container c1 removed"},"StatusCode":-1}""");
        using var client = FakeEngine.Client(handler);

        var error = await Assert.ThrowsAsync<DockerException>(() => client.WaitContainerAsync("c1", CancellationToken.None));

        Assert.Contains("container c1 removed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_OneShot_GivesCpuMemoryAndNetworkNumbers()
    {
        var handler = new RecordedDockerHandler().On(HttpMethod.Get, "/v1.41/containers/rec-web/stats", Recordings.Text("container-stats.json"));
        using var client = FakeEngine.Client(handler);

        var stats = await client.GetStatsAsync("rec-web", CancellationToken.None);

        Assert.Equal("false", handler.ApiRequests.Single().Query("stream"));
        Assert.Equal(169310259UL, stats.Cpu.TotalNanos);
        Assert.Equal(3473460000000UL, stats.Cpu.SystemNanos);
        Assert.Equal(2, stats.Cpu.OnlineCpus);
        Assert.Equal(153021115UL, stats.PreviousCpu!.TotalNanos);
        Assert.NotNull(stats.PreviousRead);

        // (169310259 - 153021115) / (3473460000000 - 3471440000000) * 2 CPUs * 100
        Assert.Equal(1.6128, stats.CpuPercent!.Value, precision: 4);
        Assert.Equal(753664UL, stats.Memory.UsageBytes);
        Assert.Equal(25274793984UL, stats.Memory.LimitBytes);
        Assert.Equal(0UL, stats.Memory.CacheBytes);
        Assert.Equal(753664UL, stats.Memory.WorkingSetBytes);
        Assert.Equal(806UL, stats.Networks["eth0"].RxBytes);
        Assert.Equal(9UL, stats.Networks["eth0"].RxPackets);
        Assert.Equal(2, stats.Pids);
    }

    [Fact]
    public async Task InspectImage_Present_GivesIdAndTags_Missing_GivesNull()
    {
        var handler = new RecordedDockerHandler()
            .On(HttpMethod.Get, "/v1.41/images/berth-test/busybox:latest/json", Recordings.Text("image-inspect.json"))
            .On(HttpMethod.Get, "/v1.41/images/127.0.0.1:5055/missing:1/json", """{"message":"no such image: 127.0.0.1:5055/missing:1: No such image: 127.0.0.1:5055/missing:1"}""", HttpStatusCode.NotFound);
        using var client = FakeEngine.Client(handler);

        var present = await client.InspectImageAsync("berth-test/busybox:latest", CancellationToken.None);
        var missing = await client.InspectImageAsync("127.0.0.1:5055/missing:1", CancellationToken.None);

        Assert.Equal("sha256:6aec4119ca42949127f6a799ba6da029a02044f375b308178cd23453b25146dd", present!.Id);
        Assert.Equal(["berth-test/busybox:latest"], present.RepoTags);
        Assert.Empty(present.RepoDigests);
        Assert.Equal("linux", present.Os);
        Assert.Equal("amd64", present.Architecture);
        Assert.Null(missing);
    }

    private static async Task<ContainerInfo> InspectRecorded(string recording)
    {
        var handler = new RecordedDockerHandler().On(HttpMethod.Get, "/v1.41/containers/c1/json", Recordings.Text(recording));
        using var client = FakeEngine.Client(handler);
        return await client.InspectContainerAsync("c1", CancellationToken.None);
    }
}
