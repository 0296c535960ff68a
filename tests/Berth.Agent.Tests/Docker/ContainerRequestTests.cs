using System.Collections.Immutable;
using System.Net;
using System.Text.Json.Nodes;
using Berth.Agent.Docker;
using Berth.Agent.Tests.Docker.Fakes;

namespace Berth.Agent.Tests.Docker;

/// <summary>What the client sends for the container lifecycle: paths, queries and the create body.</summary>
public sealed class ContainerRequestTests
{
    private const string CreatedJson = """{"Id":"064a6415170594ce4cae86ff407ecf373afd09845cbbe44d55a5d38c11651c86","Warnings":[]}""";

    [Fact]
    public async Task CreateContainer_FullSpec_SendsDockersCreateBody()
    {
        var handler = new RecordedDockerHandler().On(HttpMethod.Post, "/v1.41/containers/create", CreatedJson, HttpStatusCode.Created);
        using var client = FakeEngine.Client(handler);
        var spec = new ContainerSpec
        {
            Name = "ecs-web-1-app",
            Image = "berth-test/busybox:latest",
            Command = ["httpd", "-f", "-p", "8080"],
            EntryPoint = ["/bin/sh", "-c"],
            Environment = ImmutableDictionary<string, string>.Empty.Add("A", "1").Add("B", "x=y"),
            WorkingDirectory = "/srv",
            User = "1000:1000",
            Hostname = "web",
            Labels = ImmutableDictionary<string, string>.Empty.Add("berth.task", "t1"),
            PortMappings =
            [
                new PortMapping { ContainerPort = 8080, HostIp = "127.0.0.1" },
                new PortMapping { ContainerPort = 8080, HostPort = 18080 },
                new PortMapping { ContainerPort = 53, Protocol = "udp", HostPort = 0 },
            ],
            NetworkMode = NetworkModes.Bridge,
            Links = ["db:database"],
            Ulimits = [new Ulimit("nofile", 1024, 4096)],
            CpuShares = 256,
            MemoryBytes = 512L * 1024 * 1024,
            MemoryReservationBytes = 128L * 1024 * 1024,
            Init = true,
            CapAdd = ["NET_ADMIN"],
            GpuIds = ["GPU-0", "GPU-1"],
            CapDrop = ["MKNOD"],
            SharedMemoryBytes = 64L * 1024 * 1024,
            Tmpfs = ImmutableDictionary<string, string>.Empty.Add("/run", "rw,size=65536k"),
            ReadonlyRootFilesystem = true,
            Privileged = true,
            ExtraHosts = [new ExtraHost("db.local", "10.0.0.5")],
            DnsServers = ["10.0.0.2"],
            DnsSearchDomains = ["example.internal"],
            Mounts = [new ContainerMount { Source = "/var/lib/data", Target = "/data" }, new ContainerMount { Source = "cache", Target = "/cache", ReadOnly = true }],
            VolumesFrom = [new VolumesFrom("sidecar", ReadOnly: true)],
            StopTimeout = TimeSpan.FromSeconds(1.5),
            StopSignal = "SIGQUIT",
            HealthCheck = new HealthCheckSpec
            {
                Test = ["CMD-SHELL", "nc -z 127.0.0.1 8080"],
                Interval = TimeSpan.FromSeconds(5),
                Timeout = TimeSpan.FromMilliseconds(1500),
                Retries = 3,
                StartPeriod = TimeSpan.FromSeconds(10),
            },
            LogConfiguration = new LogConfiguration
            {
                Driver = "json-file",
                Options = ImmutableDictionary<string, string>.Empty.Add("max-size", "10m"),
            },
            SecurityOptions = ["no-new-privileges"],
            Sysctls = ImmutableDictionary<string, string>.Empty.Add("net.core.somaxconn", "1024"),
        };

        var created = await client.CreateContainerAsync(spec, CancellationToken.None);

        Assert.Equal("064a6415170594ce4cae86ff407ecf373afd09845cbbe44d55a5d38c11651c86", created.Id);
        var request = Assert.Single(handler.ApiRequests);
        Assert.Equal("ecs-web-1-app", request.Query("name"));
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        var expected = JsonNode.Parse("""
            {
              "Image": "berth-test/busybox:latest",
              "Hostname": "web",
              "User": "1000:1000",
              "WorkingDir": "/srv",
              "Cmd": ["httpd", "-f", "-p", "8080"],
              "Entrypoint": ["/bin/sh", "-c"],
              "Env": ["A=1", "B=x=y"],
              "Labels": {"berth.task": "t1"},
              "ExposedPorts": {"8080/tcp": {}, "53/udp": {}},
              "Healthcheck": {"Test": ["CMD-SHELL", "nc -z 127.0.0.1 8080"], "Interval": 5000000000, "Timeout": 1500000000, "Retries": 3, "StartPeriod": 10000000000},
              "StopSignal": "SIGQUIT",
              "StopTimeout": 2,
              "HostConfig": {
                "NetworkMode": "bridge",
                "PortBindings": {
                  "8080/tcp": [{"HostIp": "127.0.0.1", "HostPort": ""}, {"HostIp": "", "HostPort": "18080"}],
                  "53/udp": [{"HostIp": "", "HostPort": ""}]
                },
                "Links": ["db:database"],
                "Binds": ["/var/lib/data:/data", "cache:/cache:ro"],
                "VolumesFrom": ["sidecar:ro"],
                "Ulimits": [{"Name": "nofile", "Soft": 1024, "Hard": 4096}],
                "CpuShares": 256,
                "Memory": 536870912,
                "MemoryReservation": 134217728,
                "Init": true,
                "CapAdd": ["NET_ADMIN"],
                "CapDrop": ["MKNOD"],
                "ShmSize": 67108864,
                "Tmpfs": {"/run": "rw,size=65536k"},
                "ReadonlyRootfs": true,
                "Privileged": true,
                "ExtraHosts": ["db.local:10.0.0.5"],
                "Dns": ["10.0.0.2"],
                "DnsSearch": ["example.internal"],
                "SecurityOpt": ["no-new-privileges"],
                "Sysctls": {"net.core.somaxconn": "1024"},
                "LogConfig": {"Type": "json-file", "Config": {"max-size": "10m"}},
                "DeviceRequests": [{"Driver": "nvidia", "DeviceIDs": ["GPU-0", "GPU-1"], "Capabilities": [["gpu"]]}]
              }
            }
            """);
        var actual = JsonNode.Parse(request.Body!);
        Assert.True(JsonNode.DeepEquals(expected, actual), "create body was:\n" + actual!.ToJsonString());
    }

    [Fact]
    public async Task CreateContainer_MinimalSpec_LeavesDockersDefaults()
    {
        var handler = new RecordedDockerHandler().On(HttpMethod.Post, "/v1.41/containers/create", CreatedJson, HttpStatusCode.Created);
        using var client = FakeEngine.Client(handler);

        await client.CreateContainerAsync(new ContainerSpec { Image = "berth-test/busybox:latest" }, CancellationToken.None);

        var request = Assert.Single(handler.ApiRequests);
        Assert.Null(request.Query("name"));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"Image":"berth-test/busybox:latest","HostConfig":{}}"""), JsonNode.Parse(request.Body!)), request.Body);
    }

    [Fact]
    public async Task CreateContainer_NameInUse_Is409WithDockersMessage()
    {
        var handler = new RecordedDockerHandler()
            .On(HttpMethod.Post, "/v1.41/containers/create", Recordings.Text("create-409-name-conflict.json"), HttpStatusCode.Conflict);
        using var client = FakeEngine.Client(handler);

        var error = await Assert.ThrowsAsync<DockerException>(() =>
            client.CreateContainerAsync(new ContainerSpec { Image = "berth-test/busybox:latest", Name = "rec-tty" }, CancellationToken.None));

        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
        Assert.Equal(DockerOperations.CreateContainer, error.Operation);
        Assert.StartsWith("Error response from daemon: Conflict. The container name \"/rec-tty\" is already in use", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lifecycle_SendsTheEnginesPathsAndQueries()
    {
        var id = "064a6415170594ce4cae86ff407ecf373afd09845cbbe44d55a5d38c11651c86";
        var handler = new RecordedDockerHandler()
            .On(HttpMethod.Post, $"/v1.41/containers/{id}/start", HttpStatusCode.NoContent)
            .On(HttpMethod.Post, $"/v1.41/containers/{id}/stop", HttpStatusCode.NoContent)
            .On(HttpMethod.Post, $"/v1.41/containers/{id}/kill", HttpStatusCode.NoContent)
            .On(HttpMethod.Post, $"/v1.41/containers/{id}/wait", """{"Error":null,"StatusCode":137}""")
            .On(HttpMethod.Delete, $"/v1.41/containers/{id}", HttpStatusCode.NoContent);
        using var client = FakeEngine.Client(handler);

        await client.StartContainerAsync(id, CancellationToken.None);
        await client.StopContainerAsync(id, TimeSpan.FromSeconds(30), CancellationToken.None);
        await client.StopContainerAsync(id, TimeSpan.FromMilliseconds(200), CancellationToken.None);
        await client.KillContainerAsync(id, "SIGUSR1", CancellationToken.None);
        var exitCode = await client.WaitContainerAsync(id, CancellationToken.None);
        await client.RemoveContainerAsync(id, force: true, removeVolumes: true, CancellationToken.None);
        await client.RemoveContainerAsync(id, force: false, removeVolumes: false, CancellationToken.None);

        Assert.Equal(137, exitCode);
        Assert.Equal(
        [
            $"POST /v1.41/containers/{id}/start",
            $"POST /v1.41/containers/{id}/stop?t=30",
            $"POST /v1.41/containers/{id}/stop?t=1",
            $"POST /v1.41/containers/{id}/kill?signal=SIGUSR1",
            $"POST /v1.41/containers/{id}/wait?condition=not-running",
            $"DELETE /v1.41/containers/{id}?force=1&v=1",
            $"DELETE /v1.41/containers/{id}?force=0&v=0",
        ], handler.ApiRequests.Select(r => r.Method + " " + r.PathAndQuery));
    }

    [Fact]
    public async Task StartAndStop_NotModified_CountAsDone()
    {
        var handler = new RecordedDockerHandler()
            .On(HttpMethod.Post, "/v1.41/containers/c1/start", HttpStatusCode.NotModified)
            .On(HttpMethod.Post, "/v1.41/containers/c1/stop", HttpStatusCode.NotModified);
        using var client = FakeEngine.Client(handler);

        await client.StartContainerAsync("c1", CancellationToken.None);
        await client.StopContainerAsync("c1", TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal(2, handler.ApiRequests.Count);
    }

    [Fact]
    public async Task ListContainers_FiltersByEveryLabel_IncludingStoppedOnes()
    {
        var handler = new RecordedDockerHandler().On(HttpMethod.Get, "/v1.41/containers/json", Recordings.Text("containers-list.json"));
        using var client = FakeEngine.Client(handler);

        var containers = await client.ListContainersAsync([new LabelFilter("rec2", "yes"), new LabelFilter("berth.test")], CancellationToken.None);

        var request = Assert.Single(handler.ApiRequests);
        Assert.Equal("1", request.Query("all"));
        Assert.Equal("""{"label":["rec2=yes","berth.test"]}""", request.Query("filters"));
        Assert.Equal(["rec-oom", "rec-sick"], containers.Select(c => c.Names[0]));
        var oom = containers[0];
        Assert.Equal("e848938a089f9cf6a52bfa0ea5404d0c8911cd13346b35fbad445eba925ed95b", oom.Id);
        Assert.Equal("exited", oom.State);
        Assert.Equal("Exited (137) Less than a second ago", oom.Status);
        Assert.Equal("berth-test/busybox:latest", oom.Image);
        Assert.Equal("yes", oom.Labels["rec2"]);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795274948), oom.Created);
        Assert.Equal("running", containers[1].State);
    }

    [Fact]
    public async Task RemoveVolume_DeletesIt_AndOneInUseIs409()
    {
        var handler = new RecordedDockerHandler()
            .On(HttpMethod.Delete, "/v1.41/volumes/ecs-shop-3-cache-t1", HttpStatusCode.NoContent)
            .On(HttpMethod.Delete, "/v1.41/volumes/busy", """{"message":"remove busy: volume is in use - [abc]"}""", HttpStatusCode.Conflict);
        using var client = FakeEngine.Client(handler);

        await client.RemoveVolumeAsync("ecs-shop-3-cache-t1", CancellationToken.None);
        var error = await Assert.ThrowsAsync<DockerException>(() => client.RemoveVolumeAsync("busy", CancellationToken.None));

        Assert.Equal((HttpStatusCode.Conflict, DockerOperations.RemoveVolume), (error.StatusCode, error.Operation));
        Assert.Equal(["DELETE /v1.41/volumes/ecs-shop-3-cache-t1", "DELETE /v1.41/volumes/busy"], handler.ApiRequests.Select(r => r.Method + " " + r.PathAndQuery));
    }

    [Fact]
    public async Task ContainerNames_AreEscapedInPaths()
    {
        var handler = new RecordedDockerHandler();
        using var client = FakeEngine.Client(handler);

        await Assert.ThrowsAsync<DockerNotFoundException>(() => client.InspectContainerAsync("a b/c", CancellationToken.None));

        Assert.Equal("/v1.41/containers/a%20b%2Fc/json", handler.ApiRequests.Single().PathAndQuery);
    }
}
