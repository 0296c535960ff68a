using System.Collections.Immutable;
using Berth.Agent.Docker;
using Berth.Agent.Launch;
using Berth.Agent.Tests.Docker.Integration;
using Ecs = Berth.Aws.Generated.Ecs;

namespace Berth.Agent.Tests.Launch.Integration;

/// <summary>A translated container on the real engine: Docker accepts the spec and the container sees what the task
/// definition asked for.</summary>
[Collection(DockerEngineCollection.Name)]
public sealed class TranslatedContainerIntegrationTests(DockerEngineFixture engine) : IAsyncLifetime
{
    private readonly TestContainers containers = new(engine.Client);
    private readonly DirectoryInfo hostDirectory = Directory.CreateTempSubdirectory("berth-launch-");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await containers.DisposeAsync();
        hostDirectory.Delete(recursive: true);
    }

    [Fact]
    public async Task TranslatedSpec_RunsWithTheDefinitionsSettings()
    {
        using var deadline = Deadline.After(60);
        await File.WriteAllTextAsync(Path.Combine(hostDirectory.FullName, "marker"), "x");
        hostDirectory.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute; // uid 1000, gid 0 in the container
        var definition = EcsSamples.WithWeb(c => c with
        {
            EntryPoint = ["sh", "-c"],
            Command = ["echo A=$A; id -u; pwd; hostname; ulimit -n; df -m /scratch | tail -1 | awk '{print $2}'; " +
                       "df -m /dev/shm | tail -1 | awk '{print $2}'; cat /proc/sys/net/core/somaxconn; cat /proc/1/comm; ls /data"],
            Environment = [new Ecs.KeyValuePair { Name = "A", Value = "from-definition" }],
            WorkingDirectory = "/tmp",
            User = "1000",
            Hostname = "web1",
            Ulimits = [new Ecs.Ulimit { Name = "nofile", SoftLimit = 1000, HardLimit = 2000 }],
            Memory = 64,
            LinuxParameters = new Ecs.LinuxParameters
            {
                InitProcessEnabled = true,
                SharedMemorySize = 16,
                Tmpfs = [new Ecs.Tmpfs { ContainerPath = "/scratch", Size = 8, MountOptions = ["rw"] }],
            },
            SystemControls = [new Ecs.SystemControl { Namespace = "net.core.somaxconn", Value = "1000" }],
            MountPoints = [new Ecs.MountPoint { SourceVolume = "data", ContainerPath = "/data", ReadOnly = true }],
            PortMappings = [new Ecs.PortMapping { ContainerPort = 8080 }],
        }) with
        {
            Volumes = [new Ecs.Volume { Name = "data", Host = new Ecs.HostVolumeProperties { SourcePath = hostDirectory.FullName } }],
        };
        var overrides = new Ecs.TaskOverride
        {
            ContainerOverrides = [new Ecs.ContainerOverride { Name = "web", Environment = [new Ecs.KeyValuePair { Name = "A", Value = "from-override" }] }],
        };
        var translated = TaskLaunchTranslator.Translate(EcsSamples.Assignment(definition, overrides)).Containers["web"].Docker;
        var test = containers.Spec("web");
        var spec = translated with { Name = test.Name, Labels = translated.Labels.Concat(test.Labels).ToImmutableDictionary() };

        var id = await containers.RunAsync(spec, deadline.Token);
        var exitCode = await engine.Client.WaitContainerAsync(id, deadline.Token);
        var info = await engine.Client.InspectContainerAsync(id, deadline.Token);
        var lines = new List<string>();
        await foreach (var entry in engine.Client.ReadLogsAsync(id, new LogsQuery(), deadline.Token))
        {
            lines.Add(entry.Text);
        }

        Assert.Equal(["A=from-override", "1000", "/tmp", "web1", "1000", "8", "16", "1000", "docker-init", "marker"], lines);
        Assert.Equal(0, exitCode);
        Assert.Equal(EcsSamples.InstanceArn, info.Labels[BerthLabels.ContainerInstanceArn]);
    }
}
