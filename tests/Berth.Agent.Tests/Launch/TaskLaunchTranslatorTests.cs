using Berth.Agent.Docker;
using Berth.Agent.Engine;
using Berth.Agent.Launch;
using Berth.AgentProtocol;
using Ecs = Berth.Aws.Generated.Ecs;

namespace Berth.Agent.Tests.Launch;

public sealed class TaskLaunchTranslatorTests
{
    private static TaskLaunchTranslatorResult Translate(Ecs.TaskDefinition definition, Ecs.TaskOverride? overrides = null) =>
        new(TaskLaunchTranslator.Translate(EcsSamples.Assignment(definition, overrides)));

    /// <summary>A translated launch with its web container's two sides at hand.</summary>
    private sealed record TaskLaunchTranslatorResult(Berth.Agent.Tasks.TaskLaunch Launch)
    {
        public Berth.Agent.Docker.ContainerSpec Web => Launch.Containers["web"].Docker;

        public Berth.Agent.Engine.ContainerSpec WebEngine => Launch.Spec.Container("web");
    }

    [Fact]
    public void Identity_ComesFromTheTaskAndDefinition()
    {
        var launch = Translate(EcsSamples.Definition()).Launch;

        Assert.Equal(EcsSamples.TaskArn, launch.TaskArn);
        Assert.Equal(EcsSamples.TaskArn, launch.Spec.Arn);
        Assert.Equal(EcsSamples.ClusterArn, launch.Cluster);
        Assert.Equal("shop", launch.Family);
        Assert.Equal(3, launch.Revision);
        Assert.Equal(["web", "db"], launch.Spec.Containers.Select(c => c.Name));
        Assert.Empty(launch.Validate());
    }

    [Fact]
    public void Defaults_EssentialBridgeMinimumCpuNoLimits()
    {
        var result = Translate(EcsSamples.Definition());

        Assert.True(result.WebEngine.Essential);
        Assert.False(result.WebEngine.HasHealthCheck);
        Assert.Null(result.WebEngine.StopTimeout);
        Assert.Equal(NetworkModes.Bridge, result.Web.NetworkMode);
        Assert.Equal(2, result.Web.CpuShares);
        Assert.Null(result.Web.MemoryBytes);
        Assert.Null(result.Web.MemoryReservationBytes);
        Assert.Null(result.Web.Command);
        Assert.Null(result.Web.Name);
        Assert.Equal("berth-test/busybox:latest", result.Web.Image);
    }

    [Fact]
    public void Gpus_TheTaskWasGiven_GoToTheirContainer()
    {
        var assignment = EcsSamples.Assignment(EcsSamples.Definition());
        var task = assignment.Task with { Containers = [new Ecs.Container { Name = "web", GpuIds = ["GPU-7"] }, new Ecs.Container { Name = "db" }] };

        var launch = TaskLaunchTranslator.Translate(assignment with { Task = task });

        Assert.Equal(["GPU-7"], launch.Containers["web"].Docker.GpuIds);
        Assert.Empty(launch.Containers["db"].Docker.GpuIds);
    }

    [Theory]
    [InlineData(null, 2)]
    [InlineData(0, 2)]
    [InlineData(1, 2)]
    [InlineData(2, 2)]
    [InlineData(512, 512)]
    public void Cpu_UnitsAreShares_WithDockersMinimumOf2(int? cpu, long shares)
    {
        Assert.Equal(shares, Translate(EcsSamples.WithWeb(c => c with { Cpu = cpu })).Web.CpuShares);
    }

    [Fact]
    public void ContainerFields_MapToTheDockerSpec()
    {
        var web = Translate(EcsSamples.WithWeb(c => c with
        {
            Command = ["httpd", "-f"],
            EntryPoint = ["/bin/sh", "-c"],
            Environment = [new Ecs.KeyValuePair { Name = "A", Value = "0" }, new Ecs.KeyValuePair { Name = "A", Value = "1" }, new Ecs.KeyValuePair { Name = "B", Value = null }],
            WorkingDirectory = "/app",
            User = "1000:1000",
            Hostname = "web1",
            Memory = 256,
            MemoryReservation = 128,
            Ulimits = [new Ecs.Ulimit { Name = "nofile", SoftLimit = 1024, HardLimit = 4096 }],
            ReadonlyRootFilesystem = true,
            Privileged = true,
            ExtraHosts = [new Ecs.HostEntry { Hostname = "db.local", IpAddress = "10.0.0.5" }],
            DnsServers = ["10.0.0.2"],
            DnsSearchDomains = ["corp.local"],
            PseudoTerminal = true,
            Interactive = true,
            DockerSecurityOptions = ["no-new-privileges"],
            SystemControls = [new Ecs.SystemControl { Namespace = "net.core.somaxconn", Value = "1" }, new Ecs.SystemControl { Namespace = "net.core.somaxconn", Value = "1024" }],
            StopTimeout = 10,
            LogConfiguration = new Ecs.LogConfiguration { LogDriver = "json-file", Options = new() { ["max-size"] = "10m" } },
        })).Web;

        Assert.Equal(["httpd", "-f"], web.Command!);
        Assert.Equal(["/bin/sh", "-c"], web.EntryPoint!);
        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "" }, web.Environment);
        Assert.Equal("/app", web.WorkingDirectory);
        Assert.Equal("1000:1000", web.User);
        Assert.Equal("web1", web.Hostname);
        Assert.Equal(256L * 1024 * 1024, web.MemoryBytes);
        Assert.Equal(128L * 1024 * 1024, web.MemoryReservationBytes);
        Assert.Equal([new Berth.Agent.Docker.Ulimit("nofile", 1024, 4096)], web.Ulimits);
        Assert.True(web.ReadonlyRootFilesystem);
        Assert.True(web.Privileged);
        Assert.Equal([new ExtraHost("db.local", "10.0.0.5")], web.ExtraHosts);
        Assert.Equal(["10.0.0.2"], web.DnsServers);
        Assert.Equal(["corp.local"], web.DnsSearchDomains);
        Assert.True(web.Tty);
        Assert.True(web.OpenStdin);
        Assert.Equal(["no-new-privileges"], web.SecurityOptions);
        Assert.Equal(new Dictionary<string, string> { ["net.core.somaxconn"] = "1024" }, web.Sysctls);
        Assert.Equal(TimeSpan.FromSeconds(10), web.StopTimeout);
        Assert.Equal("json-file", web.LogConfiguration!.Driver);
        Assert.Equal(new Dictionary<string, string> { ["max-size"] = "10m" }, web.LogConfiguration.Options);
    }

    [Fact]
    public void LinuxParameters_MapToInitCapabilitiesShmAndTmpfs()
    {
        var web = Translate(EcsSamples.WithWeb(c => c with
        {
            LinuxParameters = new Ecs.LinuxParameters
            {
                InitProcessEnabled = true,
                Capabilities = new Ecs.KernelCapabilities { Add = ["NET_ADMIN"], Drop = ["MKNOD"] },
                SharedMemorySize = 64,
                Tmpfs = [new Ecs.Tmpfs { ContainerPath = "/scratch", Size = 16, MountOptions = ["rw", "noexec"] }],
            },
        })).Web;

        Assert.True(web.Init);
        Assert.Equal(["NET_ADMIN"], web.CapAdd);
        Assert.Equal(["MKNOD"], web.CapDrop);
        Assert.Equal(64L * 1024 * 1024, web.SharedMemoryBytes);
        Assert.Equal(new Dictionary<string, string> { ["/scratch"] = "rw,noexec,size=16m" }, web.Tmpfs);
    }

    [Fact]
    public void HealthCheck_SecondsBecomeDurations_AndTheEngineKnowsThereIsOne()
    {
        var result = Translate(EcsSamples.WithWeb(c => c with
        {
            HealthCheck = new Ecs.HealthCheck { Command = ["CMD-SHELL", "wget -q localhost"], Interval = 5, Timeout = 2, Retries = 4, StartPeriod = 10 },
        }));

        Assert.True(result.WebEngine.HasHealthCheck);
        Assert.Equal(new HealthCheckSpec
        {
            Test = result.Web.HealthCheck!.Test,
            Interval = TimeSpan.FromSeconds(5),
            Timeout = TimeSpan.FromSeconds(2),
            Retries = 4,
            StartPeriod = TimeSpan.FromSeconds(10),
        }, result.Web.HealthCheck);
        Assert.Equal(["CMD-SHELL", "wget -q localhost"], result.Web.HealthCheck.Test);
    }

    [Fact]
    public void EngineSpec_CarriesEssentialDependenciesAndTimeouts()
    {
        var definition = EcsSamples.Definition(
            EcsSamples.Web with
            {
                DependsOn =
                [
                    new Ecs.ContainerDependency { ContainerName = "db", Condition = "SUCCESS" },
                    new Ecs.ContainerDependency { ContainerName = "migrate", Condition = "COMPLETE" },
                    new Ecs.ContainerDependency { ContainerName = "cache", Condition = "HEALTHY" },
                    new Ecs.ContainerDependency { ContainerName = "init", Condition = "START" },
                ],
                StartTimeout = 30,
                StopTimeout = 5,
            },
            EcsSamples.Db,
            EcsSamples.Db with { Name = "migrate" },
            EcsSamples.Db with { Name = "cache", HealthCheck = new Ecs.HealthCheck { Command = ["CMD", "true"] } },
            EcsSamples.Db with { Name = "init", Essential = true });

        var web = Translate(definition).WebEngine;

        Assert.Equal(
            [
                new Berth.Agent.Engine.ContainerDependency("db", DependencyCondition.Success),
                new Berth.Agent.Engine.ContainerDependency("migrate", DependencyCondition.Complete),
                new Berth.Agent.Engine.ContainerDependency("cache", DependencyCondition.Healthy),
                new Berth.Agent.Engine.ContainerDependency("init", DependencyCondition.Start),
            ],
            web.DependsOn.ToArray());
        Assert.Equal(TimeSpan.FromSeconds(30), web.StartTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), web.StopTimeout);
        Assert.False(Translate(definition).Launch.Spec.Container("db").Essential);
    }

    [Fact]
    public void LinksAndVolumesFrom_KeepDefinitionNames_AndImplyAStartDependency()
    {
        var definition = EcsSamples.Definition(
            EcsSamples.Web with
            {
                Links = ["db:database", "cache"],
                VolumesFrom = [new Ecs.VolumeFrom { SourceContainer = "files", ReadOnly = true }, new Ecs.VolumeFrom { SourceContainer = "db" }],
                DependsOn = [new Ecs.ContainerDependency { ContainerName = "cache", Condition = "HEALTHY" }],
            },
            EcsSamples.Db,
            EcsSamples.Db with { Name = "cache", HealthCheck = new Ecs.HealthCheck { Command = ["CMD", "true"] } },
            EcsSamples.Db with { Name = "files" });

        var result = Translate(definition);

        Assert.Equal(["db:database", "cache"], result.Web.Links);
        Assert.Equal([new VolumesFrom("files", ReadOnly: true), new VolumesFrom("db")], result.Web.VolumesFrom);
        Assert.Equal(
            [
                new Berth.Agent.Engine.ContainerDependency("cache", DependencyCondition.Healthy),
                new Berth.Agent.Engine.ContainerDependency("db", DependencyCondition.Start),
                new Berth.Agent.Engine.ContainerDependency("files", DependencyCondition.Start),
            ],
            result.WebEngine.DependsOn.ToArray());
    }

    [Theory]
    [InlineData("bridge", null, null)]
    [InlineData("bridge", 0, null)]
    [InlineData("bridge", 8080, 8080)]
    [InlineData("host", null, 80)]
    [InlineData("host", 80, 80)]
    public void PortMappings_BridgeDynamicOrFixed_HostUsesTheContainerPort(string mode, int? hostPort, int? expected)
    {
        var web = Translate(EcsSamples.WithWeb(c => c with
        {
            PortMappings = [new Ecs.PortMapping { ContainerPort = 80, HostPort = hostPort }, new Ecs.PortMapping { ContainerPort = 53, HostPort = hostPort is null ? null : 53, Protocol = "udp" }],
        }) with { NetworkMode = mode }).Web;

        Assert.Equal(mode, web.NetworkMode);
        Assert.Equal(new Berth.Agent.Docker.PortMapping { ContainerPort = 80, HostPort = expected }, web.PortMappings[0]);
        Assert.Equal("udp", web.PortMappings[1].Protocol);
    }

    [Fact]
    public void NetworkModeNone_GoesToDocker()
    {
        Assert.Equal(NetworkModes.None, Translate(EcsSamples.Definition() with { NetworkMode = "none" }).Web.NetworkMode);
    }

    [Fact]
    public void MountPoints_BindHostPaths_AndNameDockerVolumesPerTaskOrShared()
    {
        var definition = EcsSamples.WithWeb(c => c with
        {
            MountPoints =
            [
                new Ecs.MountPoint { SourceVolume = "data", ContainerPath = "/data", ReadOnly = true },
                new Ecs.MountPoint { SourceVolume = "scratch", ContainerPath = "/scratch" },
                new Ecs.MountPoint { SourceVolume = "cache", ContainerPath = "/cache" },
                new Ecs.MountPoint { SourceVolume = "shared", ContainerPath = "/shared" },
            ],
        }) with
        {
            Volumes =
            [
                new Ecs.Volume { Name = "data", Host = new Ecs.HostVolumeProperties { SourcePath = "/srv/data" } },
                new Ecs.Volume { Name = "scratch", Host = new Ecs.HostVolumeProperties() },
                new Ecs.Volume { Name = "cache", DockerVolumeConfiguration = new Ecs.DockerVolumeConfiguration { Scope = "task", Driver = "local" } },
                new Ecs.Volume { Name = "shared", DockerVolumeConfiguration = new Ecs.DockerVolumeConfiguration { Scope = "shared", Autoprovision = true } },
            ],
        };

        var result = Translate(definition);

        const string taskId = "0123456789abcdef0123456789abcdef";
        Assert.Equal(
            [
                new ContainerMount { Source = "/srv/data", Target = "/data", ReadOnly = true },
                new ContainerMount { Source = $"ecs-shop-3-scratch-{taskId}", Target = "/scratch" },
                new ContainerMount { Source = $"ecs-shop-3-cache-{taskId}", Target = "/cache" },
                new ContainerMount { Source = "shared", Target = "/shared" },
            ],
            result.Web.Mounts);
        Assert.Equal<string>([$"ecs-shop-3-scratch-{taskId}", $"ecs-shop-3-cache-{taskId}"], result.Launch.Volumes);
    }

    [Fact]
    public void Labels_AreTheDockerLabels_PlusTheContainerInstance()
    {
        var web = Translate(EcsSamples.WithWeb(c => c with { DockerLabels = new() { ["team"] = "shop" } })).Web;

        Assert.Equal(new Dictionary<string, string> { ["team"] = "shop", [BerthLabels.ContainerInstanceArn] = EcsSamples.InstanceArn }, web.Labels);
    }

    [Fact]
    public void AwsLogs_LogsToJsonFile_AndCarriesItsTargetInLabels()
    {
        var options = new Dictionary<string, string>
        {
            ["awslogs-group"] = "/ecs/shop", ["awslogs-region"] = "eu-west-1", ["awslogs-stream-prefix"] = "shop",
            ["awslogs-multiline-pattern"] = "^INFO", ["mode"] = "non-blocking", ["max-buffer-size"] = "2m",
        };
        var web = Translate(EcsSamples.WithWeb(c => c with { LogConfiguration = new Ecs.LogConfiguration { LogDriver = "awslogs", Options = options } })).Web;

        Assert.Equal("json-file", web.LogConfiguration!.Driver);
        Assert.Equal(new Dictionary<string, string> { ["max-size"] = "10m", ["max-file"] = "5" }, web.LogConfiguration.Options);
        var target = Berth.Agent.Logs.AwsLogsTarget.FromLabels(web.Labels, "c0ffee")!;
        var taskId = EcsSamples.TaskArn[(EcsSamples.TaskArn.LastIndexOf('/') + 1)..];
        Assert.Equal(("/ecs/shop", "eu-west-1", $"shop/web/{taskId}"), (target.Group, target.Region, target.Stream));
        Assert.Equal("^INFO", target.EventStart!.ToString());
        Assert.True(target.NonBlocking);
        Assert.Equal(2 * 1024 * 1024, target.MaxBufferSize);
        Assert.False(target.CreateGroup);
    }

    [Fact]
    public void AwsLogs_WithoutAPrefix_StreamsToTheContainerId_AndADatetimeFormatStartsEvents()
    {
        var options = new Dictionary<string, string>
        {
            ["awslogs-group"] = "/ecs/shop", ["awslogs-region"] = "eu-west-1", ["awslogs-create-group"] = "true", ["awslogs-datetime-format"] = "%Y-%m-%d",
        };
        var web = Translate(EcsSamples.WithWeb(c => c with { LogConfiguration = new Ecs.LogConfiguration { LogDriver = "awslogs", Options = options } })).Web;

        var target = Berth.Agent.Logs.AwsLogsTarget.FromLabels(web.Labels, "c0ffee")!;
        Assert.Equal("c0ffee", target.Stream);
        Assert.True(target.CreateGroup);
        Assert.False(target.NonBlocking);
        Assert.Matches(target.EventStart!, "2026-11-22 started");
        Assert.DoesNotMatch(target.EventStart!, "  continued");
    }

    [Fact]
    public void OtherDrivers_CarryNoAwsLogsTarget()
    {
        Assert.Null(Berth.Agent.Logs.AwsLogsTarget.FromLabels(Translate(EcsSamples.Definition()).Web.Labels, "c0ffee"));
    }

    [Fact]
    public void Overrides_ReplaceCommandCpuMemory_AndMergeEnvironment()
    {
        var definition = EcsSamples.WithWeb(c => c with
        {
            Command = ["old"],
            Environment = [new Ecs.KeyValuePair { Name = "A", Value = "1" }, new Ecs.KeyValuePair { Name = "B", Value = "1" }],
            Cpu = 128,
            Memory = 128,
        });
        var overrides = new Ecs.TaskOverride
        {
            ContainerOverrides =
            [
                new Ecs.ContainerOverride
                {
                    Name = "web",
                    Command = ["new"],
                    Environment = [new Ecs.KeyValuePair { Name = "B", Value = "2" }, new Ecs.KeyValuePair { Name = "C", Value = "2" }],
                    Cpu = 256,
                    Memory = 512,
                    MemoryReservation = 64,
                },
            ],
        };

        var result = Translate(definition, overrides);

        Assert.Equal(["new"], result.Web.Command!);
        Assert.Equal(new Dictionary<string, string> { ["A"] = "1", ["B"] = "2", ["C"] = "2" }, result.Web.Environment);
        Assert.Equal(256, result.Web.CpuShares);
        Assert.Equal(512L * 1024 * 1024, result.Web.MemoryBytes);
        Assert.Equal(64L * 1024 * 1024, result.Web.MemoryReservationBytes);
        Assert.Null(result.Launch.Containers["db"].Docker.Command);
    }

    [Fact]
    public void AnOverrideWithoutValues_KeepsTheDefinition()
    {
        var definition = EcsSamples.WithWeb(c => c with { Command = ["old"], Memory = 128 });

        var web = Translate(definition, new Ecs.TaskOverride { ContainerOverrides = [new Ecs.ContainerOverride { Name = "web" }] }).Web;

        Assert.Equal(["old"], web.Command!);
        Assert.Equal(128L * 1024 * 1024, web.MemoryBytes);
    }

    [Fact]
    public void UnsupportedFields_Throw_WithTheSameProblemsRunTaskGets()
    {
        var definition = EcsSamples.WithWeb(c => c with { Secrets = [new Ecs.Secret { Name = "A" }] }) with { NetworkMode = "awsvpc" };
        var overrides = new Ecs.TaskOverride { EphemeralStorage = new Ecs.EphemeralStorage { SizeInGiB = 30 } };

        var error = Assert.Throws<UnsupportedTaskException>(() => Translate(definition, overrides));

        Assert.Equal(
            [.. RunnableTaskDefinition.Unsupported(definition), .. RunnableTaskDefinition.UnsupportedOverrides(overrides, definition)],
            error.Problems);
        Assert.Equal(3, error.Problems.Count);
        Assert.Contains("Container web: secrets is not supported yet by Berth.", error.Message);
    }

    [Fact]
    public void ADefinitionTheEngineCannotRun_Throws()
    {
        var definition = EcsSamples.Definition(
            EcsSamples.Web with { DependsOn = [new Ecs.ContainerDependency { ContainerName = "db", Condition = "START" }] },
            EcsSamples.Db with { Links = ["web"] });

        var error = Assert.Throws<UnsupportedTaskException>(() => Translate(definition));

        Assert.Contains(error.Problems, p => p.Contains("cycle", StringComparison.Ordinal));
    }
}
