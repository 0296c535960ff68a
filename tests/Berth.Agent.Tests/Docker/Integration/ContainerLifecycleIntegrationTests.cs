using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Berth.Agent.Docker;

namespace Berth.Agent.Tests.Docker.Integration;

[Collection(DockerEngineCollection.Name)]
public sealed class ContainerLifecycleIntegrationTests(DockerEngineFixture engine) : IAsyncLifetime
{
    private readonly DockerClient docker = engine.Client;
    private readonly TestContainers containers = new(engine.Client);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await containers.DisposeAsync();

    [Fact]
    public void EngineInfo_IsNegotiatedAt141_WithResources()
    {
        Assert.Equal(new Version(1, 41), engine.Engine.ApiVersion);
        Assert.True(engine.Engine.ServerApiVersion >= new Version(1, 41));
        Assert.Equal("linux", engine.Engine.OsType);
        Assert.True(engine.Engine.Cpus >= 1);
        Assert.True(engine.Engine.MemoryBytes > 0);
        Assert.Contains("json-file", engine.Engine.LoggingDrivers);
        Assert.NotEmpty(engine.Engine.Architecture);
    }

    [Fact]
    public async Task Httpd_DynamicHostPortOnLoopback_InspectGivesThePort_AndItAnswersHttp()
    {
        using var deadline = Deadline.After(60);
        var spec = containers.Spec("web", "httpd", "-f", "-p", "8080") with
        {
            PortMappings = [new PortMapping { ContainerPort = 8080, HostIp = "127.0.0.1", HostPort = 0 }],
        };

        var id = await containers.RunAsync(spec, deadline.Token);
        var info = await docker.InspectContainerAsync(id, deadline.Token);

        Assert.True(info.State.Running);
        var port = Assert.Single(info.Ports);
        Assert.Equal(8080, port.ContainerPort);
        Assert.Equal("tcp", port.Protocol);
        Assert.Equal("127.0.0.1", port.HostIp);
        Assert.InRange(port.HostPort, 1024, 65535);
        Assert.NotNull(Assert.Single(info.Networks).IpAddress);
        var answer = await Deadline.PollAsync(ct => GetAsync(port.HostPort, ct), $"an HTTP answer on 127.0.0.1:{port.HostPort}", deadline.Token);
        Assert.StartsWith("HTTP/1.", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_ContainerIgnoringSigterm_IsKilledWhenTheGracePeriodEnds()
    {
        using var deadline = Deadline.After(60);
        var id = await containers.RunAsync(containers.Spec("trap", "sh", "-c", "trap '' TERM; sleep 1000"), deadline.Token);

        var clock = Stopwatch.StartNew();
        await docker.StopContainerAsync(id, TimeSpan.FromSeconds(1), deadline.Token);
        var elapsed = clock.Elapsed;

        var info = await docker.InspectContainerAsync(id, deadline.Token);
        Assert.False(info.State.Running);
        Assert.Equal(137, info.State.ExitCode);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Stop_ContainerHonouringSigterm_ExitsAtOnceWith143()
    {
        using var deadline = Deadline.After(60);

        // Docker's init forwards SIGTERM to sleep, which dies of it.
        var id = await containers.RunAsync(containers.Spec("term", "sleep", "1000") with { Init = true }, deadline.Token);

        var clock = Stopwatch.StartNew();
        await docker.StopContainerAsync(id, TimeSpan.FromSeconds(20), deadline.Token);

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Equal(143, (await docker.InspectContainerAsync(id, deadline.Token)).State.ExitCode);
    }

    [Fact]
    public async Task Wait_ReturnsTheExitCode()
    {
        using var deadline = Deadline.After(60);
        var id = await containers.RunAsync(containers.Spec("exit3", "sh", "-c", "exit 3"), deadline.Token);

        Assert.Equal(3, await docker.WaitContainerAsync(id, deadline.Token));
        var state = (await docker.InspectContainerAsync(id, deadline.Token)).State;
        Assert.Equal("exited", state.Status);
        Assert.Equal(3, state.ExitCode);
        Assert.NotNull(state.FinishedAt);
    }

    [Fact]
    public async Task Kill_SendsTheSignal()
    {
        using var deadline = Deadline.After(60);
        var id = await containers.RunAsync(containers.Spec("kill", "sleep", "1000") with { Init = true }, deadline.Token);

        await docker.KillContainerAsync(id, "SIGKILL", deadline.Token);

        Assert.Equal(137, await docker.WaitContainerAsync(id, deadline.Token));
        var notRunning = await Assert.ThrowsAsync<DockerException>(() => docker.KillContainerAsync(id, "SIGKILL", deadline.Token));
        Assert.Equal(HttpStatusCode.Conflict, notRunning.StatusCode);
    }

    [Fact]
    public async Task OutOfMemory_IsReportedAsOomKilled()
    {
        using var deadline = Deadline.After(60);
        var spec = containers.Spec("oom", "sh", "-c", "tail /dev/zero") with { MemoryBytes = 8 * 1024 * 1024 };
        var id = await containers.RunAsync(spec, deadline.Token);

        Assert.Equal(137, await docker.WaitContainerAsync(id, deadline.Token));
        Assert.True((await docker.InspectContainerAsync(id, deadline.Token)).State.OomKilled);
    }

    [Fact]
    public async Task RemoveVolume_RefusedWhileAContainerUsesIt_ThenGone()
    {
        using var deadline = Deadline.After(60);
        var volume = containers.Prefix + "-data";
        var created = await docker.CreateContainerAsync(
            containers.Spec("mounts", "true") with { Mounts = [new ContainerMount { Source = volume, Target = "/data" }] }, deadline.Token);

        var inUse = await Assert.ThrowsAsync<DockerException>(() => docker.RemoveVolumeAsync(volume, deadline.Token));
        await docker.RemoveContainerAsync(created.Id, force: true, removeVolumes: true, deadline.Token);
        await docker.RemoveVolumeAsync(volume, deadline.Token);

        Assert.Equal(HttpStatusCode.Conflict, inUse.StatusCode);
        await Assert.ThrowsAsync<DockerNotFoundException>(() => docker.RemoveVolumeAsync(volume, deadline.Token));
    }

    [Fact]
    public async Task ListByLabel_FindsTheContainer_AndRemoveMakesItGone()
    {
        using var deadline = Deadline.After(60);
        var created = await docker.CreateContainerAsync(containers.Spec("listed", "true"), deadline.Token);

        var listed = Assert.Single(await docker.ListContainersAsync([containers.RunLabel, new LabelFilter("berth.test", "1")], deadline.Token));
        Assert.Equal(created.Id, listed.Id);
        Assert.Equal(containers.Prefix + "-listed", Assert.Single(listed.Names));
        Assert.Equal("created", listed.State);

        await docker.RemoveContainerAsync(created.Id, force: true, removeVolumes: true, deadline.Token);

        Assert.Empty(await docker.ListContainersAsync([containers.RunLabel], deadline.Token));
        await Assert.ThrowsAsync<DockerNotFoundException>(() => docker.InspectContainerAsync(created.Id, deadline.Token));
        await Assert.ThrowsAsync<DockerNotFoundException>(() => docker.RemoveContainerAsync(created.Id, force: true, removeVolumes: true, deadline.Token));
    }

    [Fact]
    public async Task Create_NameInUse_Is409_AndMissingImage_IsNotFound()
    {
        using var deadline = Deadline.After(60);
        var spec = containers.Spec("twice", "true");
        await docker.CreateContainerAsync(spec, deadline.Token);

        var conflict = await Assert.ThrowsAsync<DockerException>(() => docker.CreateContainerAsync(spec, deadline.Token));
        var missing = await Assert.ThrowsAsync<DockerNotFoundException>(() =>
            docker.CreateContainerAsync(containers.Spec("noimage") with { Image = "berth-test/does-not-exist:1" }, deadline.Token));

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("is already in use", conflict.Message, StringComparison.Ordinal);
        Assert.Contains("berth-test/does-not-exist:1", missing.Message, StringComparison.Ordinal);
    }

    /// <summary>One HTTP/1.0 GET on loopback; null while nothing answers yet (httpd still starting).</summary>
    private static async Task<string?> GetAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            var stream = tcp.GetStream();
            await stream.WriteAsync("GET / HTTP/1.0\r\n\r\n"u8.ToArray(), cancellationToken);
            var buffer = new byte[256];
            var read = await stream.ReadAsync(buffer, cancellationToken);
            return read > 0 ? Encoding.ASCII.GetString(buffer, 0, read) : null;
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            return null;
        }
    }
}
