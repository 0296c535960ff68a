using System.Reflection;
using System.Text.Json.Serialization;
using Berth.AgentProtocol;
using Berth.Aws.Generated.Ecs;
using KeyValuePair = Berth.Aws.Generated.Ecs.KeyValuePair;

namespace Berth.Agent.Tests.Launch;

public sealed class RunnableTaskDefinitionTests
{
    /// <summary>How Berth treats a member of the ECS model (the table in src/Berth.Agent/Launch/README.md).</summary>
    public enum Support
    {
        Honoured,
        Ignored,
        Unsupported,
    }

    /// <summary>A member's support and a change that puts it in use on the sample.</summary>
    private sealed record Field<T>(Support Support, Func<T, T> Use);

    private static Field<T> Honoured<T>(Func<T, T> use) => new(Support.Honoured, use);

    private static Field<T> Ignored<T>(Func<T, T> use) => new(Support.Ignored, use);

    private static Field<T> Unsupported<T>(Func<T, T> use) => new(Support.Unsupported, use);

    private static readonly Dictionary<string, Field<ContainerDefinition>> ContainerFields = new()
    {
        [nameof(ContainerDefinition.Name)] = Honoured<ContainerDefinition>(c => c with { Name = "web" }),
        [nameof(ContainerDefinition.Image)] = Honoured<ContainerDefinition>(c => c with { Image = "registry.local/web:1" }),
        [nameof(ContainerDefinition.RepositoryCredentials)] = Unsupported<ContainerDefinition>(c => c with { RepositoryCredentials = new RepositoryCredentials { CredentialsParameter = "arn:secret" } }),
        [nameof(ContainerDefinition.Cpu)] = Honoured<ContainerDefinition>(c => c with { Cpu = 512 }),
        [nameof(ContainerDefinition.Memory)] = Honoured<ContainerDefinition>(c => c with { Memory = 256 }),
        [nameof(ContainerDefinition.MemoryReservation)] = Honoured<ContainerDefinition>(c => c with { MemoryReservation = 128 }),
        [nameof(ContainerDefinition.Links)] = Honoured<ContainerDefinition>(c => c with { Links = ["db:database"] }),
        [nameof(ContainerDefinition.PortMappings)] = Honoured<ContainerDefinition>(c => c with { PortMappings = [new PortMapping { ContainerPort = 80, HostPort = 8080, Protocol = "tcp" }] }),
        [nameof(ContainerDefinition.Essential)] = Honoured<ContainerDefinition>(c => c with { Essential = false }),
        [nameof(ContainerDefinition.RestartPolicy)] = Unsupported<ContainerDefinition>(c => c with { RestartPolicy = new ContainerRestartPolicy { Enabled = true } }),
        [nameof(ContainerDefinition.EntryPoint)] = Honoured<ContainerDefinition>(c => c with { EntryPoint = ["sh", "-c"] }),
        [nameof(ContainerDefinition.Command)] = Honoured<ContainerDefinition>(c => c with { Command = ["echo hi"] }),
        [nameof(ContainerDefinition.Environment)] = Honoured<ContainerDefinition>(c => c with { Environment = [new KeyValuePair { Name = "A", Value = "1" }] }),
        [nameof(ContainerDefinition.EnvironmentFiles)] = Unsupported<ContainerDefinition>(c => c with { EnvironmentFiles = [new EnvironmentFile { Type = "s3", Value = "arn:aws:s3:::b/f.env" }] }),
        [nameof(ContainerDefinition.MountPoints)] = Honoured<ContainerDefinition>(c => c with { MountPoints = [new MountPoint { SourceVolume = "data", ContainerPath = "/data" }] }),
        [nameof(ContainerDefinition.VolumesFrom)] = Honoured<ContainerDefinition>(c => c with { VolumesFrom = [new VolumeFrom { SourceContainer = "db" }] }),
        [nameof(ContainerDefinition.LinuxParameters)] = Honoured<ContainerDefinition>(c => c with
        {
            LinuxParameters = new LinuxParameters
            {
                InitProcessEnabled = true,
                Capabilities = new KernelCapabilities { Add = ["NET_ADMIN"], Drop = ["MKNOD"] },
                SharedMemorySize = 64,
                Tmpfs = [new Tmpfs { ContainerPath = "/scratch", Size = 16, MountOptions = ["noexec"] }],
            },
        }),
        [nameof(ContainerDefinition.Secrets)] = Unsupported<ContainerDefinition>(c => c with { Secrets = [new Secret { Name = "PASSWORD", ValueFrom = "arn:secret" }] }),
        [nameof(ContainerDefinition.DependsOn)] = Honoured<ContainerDefinition>(c => c with { DependsOn = [new ContainerDependency { ContainerName = "db", Condition = "COMPLETE" }] }),
        [nameof(ContainerDefinition.StartTimeout)] = Honoured<ContainerDefinition>(c => c with { StartTimeout = 30 }),
        [nameof(ContainerDefinition.StopTimeout)] = Honoured<ContainerDefinition>(c => c with { StopTimeout = 10 }),
        [nameof(ContainerDefinition.VersionConsistency)] = Ignored<ContainerDefinition>(c => c with { VersionConsistency = "enabled" }),
        [nameof(ContainerDefinition.Hostname)] = Honoured<ContainerDefinition>(c => c with { Hostname = "web1" }),
        [nameof(ContainerDefinition.User)] = Honoured<ContainerDefinition>(c => c with { User = "1000:1000" }),
        [nameof(ContainerDefinition.WorkingDirectory)] = Honoured<ContainerDefinition>(c => c with { WorkingDirectory = "/app" }),
        [nameof(ContainerDefinition.DisableNetworking)] = Unsupported<ContainerDefinition>(c => c with { DisableNetworking = true }),
        [nameof(ContainerDefinition.Privileged)] = Honoured<ContainerDefinition>(c => c with { Privileged = true }),
        [nameof(ContainerDefinition.ReadonlyRootFilesystem)] = Honoured<ContainerDefinition>(c => c with { ReadonlyRootFilesystem = true }),
        [nameof(ContainerDefinition.DnsServers)] = Honoured<ContainerDefinition>(c => c with { DnsServers = ["10.0.0.2"] }),
        [nameof(ContainerDefinition.DnsSearchDomains)] = Honoured<ContainerDefinition>(c => c with { DnsSearchDomains = ["corp.local"] }),
        [nameof(ContainerDefinition.ExtraHosts)] = Honoured<ContainerDefinition>(c => c with { ExtraHosts = [new HostEntry { Hostname = "db.local", IpAddress = "10.0.0.5" }] }),
        [nameof(ContainerDefinition.DockerSecurityOptions)] = Honoured<ContainerDefinition>(c => c with { DockerSecurityOptions = ["no-new-privileges"] }),
        [nameof(ContainerDefinition.Interactive)] = Honoured<ContainerDefinition>(c => c with { Interactive = true }),
        [nameof(ContainerDefinition.PseudoTerminal)] = Honoured<ContainerDefinition>(c => c with { PseudoTerminal = true }),
        [nameof(ContainerDefinition.DockerLabels)] = Honoured<ContainerDefinition>(c => c with { DockerLabels = new() { ["team"] = "shop" } }),
        [nameof(ContainerDefinition.Ulimits)] = Honoured<ContainerDefinition>(c => c with { Ulimits = [new Ulimit { Name = "nofile", SoftLimit = 1024, HardLimit = 4096 }] }),
        [nameof(ContainerDefinition.LogConfiguration)] = Honoured<ContainerDefinition>(c => c with { LogConfiguration = new LogConfiguration { LogDriver = "json-file", Options = new() { ["max-size"] = "10m" } } }),
        [nameof(ContainerDefinition.HealthCheck)] = Honoured<ContainerDefinition>(c => c with { HealthCheck = new HealthCheck { Command = ["CMD-SHELL", "true"], Interval = 5 } }),
        [nameof(ContainerDefinition.SystemControls)] = Honoured<ContainerDefinition>(c => c with { SystemControls = [new SystemControl { Namespace = "net.core.somaxconn", Value = "1024" }] }),
        [nameof(ContainerDefinition.ResourceRequirements)] = Unsupported<ContainerDefinition>(c => c with { ResourceRequirements = [new ResourceRequirement { Type = "InferenceAccelerator", Value = "device_1" }] }),
        [nameof(ContainerDefinition.FirelensConfiguration)] = Unsupported<ContainerDefinition>(c => c with { FirelensConfiguration = new FirelensConfiguration { Type = "fluentbit" } }),
        [nameof(ContainerDefinition.CredentialSpecs)] = Unsupported<ContainerDefinition>(c => c with { CredentialSpecs = ["credentialspec:file://gmsa.json"] }),
    };

    private static readonly Dictionary<string, Field<TaskDefinition>> TaskFields = new()
    {
        [nameof(TaskDefinition.TaskDefinitionArn)] = Ignored<TaskDefinition>(d => d with { TaskDefinitionArn = "arn:aws:ecs:us-east-1:123456789012:task-definition/shop:3" }),
        [nameof(TaskDefinition.ContainerDefinitions)] = Honoured<TaskDefinition>(d => d),
        [nameof(TaskDefinition.Family)] = Honoured<TaskDefinition>(d => d with { Family = "shop" }),
        [nameof(TaskDefinition.TaskRoleArn)] = Ignored<TaskDefinition>(d => d with { TaskRoleArn = "arn:aws:iam::123456789012:role/app" }),
        [nameof(TaskDefinition.ExecutionRoleArn)] = Ignored<TaskDefinition>(d => d with { ExecutionRoleArn = "arn:aws:iam::123456789012:role/exec" }),
        [nameof(TaskDefinition.NetworkMode)] = Honoured<TaskDefinition>(d => d with { NetworkMode = "bridge" }),
        [nameof(TaskDefinition.Revision)] = Honoured<TaskDefinition>(d => d with { Revision = 4 }),
        [nameof(TaskDefinition.Volumes)] = Honoured<TaskDefinition>(d => d with { Volumes = [new Volume { Name = "data" }] }),
        [nameof(TaskDefinition.Status)] = Ignored<TaskDefinition>(d => d with { Status = "ACTIVE" }),
        [nameof(TaskDefinition.RequiresAttributes)] = Ignored<TaskDefinition>(d => d with { RequiresAttributes = [new Berth.Aws.Generated.Ecs.Attribute { Name = "ecs.capability.docker-remote-api.1.19" }] }),
        [nameof(TaskDefinition.PlacementConstraints)] = Ignored<TaskDefinition>(d => d with { PlacementConstraints = [new TaskDefinitionPlacementConstraint { Type = "memberOf", Expression = "attribute:x == y" }] }),
        [nameof(TaskDefinition.Compatibilities)] = Ignored<TaskDefinition>(d => d with { Compatibilities = ["EC2"] }),
        [nameof(TaskDefinition.RuntimePlatform)] = Ignored<TaskDefinition>(d => d with { RuntimePlatform = new RuntimePlatform { OperatingSystemFamily = "LINUX" } }),
        [nameof(TaskDefinition.RequiresCompatibilities)] = Ignored<TaskDefinition>(d => d with { RequiresCompatibilities = ["EC2"] }),
        [nameof(TaskDefinition.Cpu)] = Ignored<TaskDefinition>(d => d with { Cpu = "1024" }),
        [nameof(TaskDefinition.Memory)] = Ignored<TaskDefinition>(d => d with { Memory = "2048" }),
        [nameof(TaskDefinition.InferenceAccelerators)] = Unsupported<TaskDefinition>(d => d with { InferenceAccelerators = [new InferenceAccelerator { DeviceName = "a", DeviceType = "eia2.medium" }] }),
        [nameof(TaskDefinition.PidMode)] = Unsupported<TaskDefinition>(d => d with { PidMode = "task" }),
        [nameof(TaskDefinition.IpcMode)] = Unsupported<TaskDefinition>(d => d with { IpcMode = "host" }),
        [nameof(TaskDefinition.ProxyConfiguration)] = Unsupported<TaskDefinition>(d => d with { ProxyConfiguration = new ProxyConfiguration { ContainerName = "web" } }),
        [nameof(TaskDefinition.RegisteredAt)] = Ignored<TaskDefinition>(d => d with { RegisteredAt = DateTimeOffset.UnixEpoch }),
        [nameof(TaskDefinition.DeregisteredAt)] = Ignored<TaskDefinition>(d => d with { DeregisteredAt = DateTimeOffset.UnixEpoch }),
        [nameof(TaskDefinition.DeleteRequestedAt)] = Ignored<TaskDefinition>(d => d with { DeleteRequestedAt = DateTimeOffset.UnixEpoch }),
        [nameof(TaskDefinition.RegisteredBy)] = Ignored<TaskDefinition>(d => d with { RegisteredBy = "arn:aws:iam::123456789012:root" }),
        [nameof(TaskDefinition.EphemeralStorage)] = Ignored<TaskDefinition>(d => d with { EphemeralStorage = new EphemeralStorage { SizeInGiB = 30 } }),
        [nameof(TaskDefinition.EnableFaultInjection)] = Unsupported<TaskDefinition>(d => d with { EnableFaultInjection = true }),
    };

    private static readonly Dictionary<string, Field<ContainerOverride>> ContainerOverrideFields = new()
    {
        [nameof(ContainerOverride.Name)] = Honoured<ContainerOverride>(o => o with { Name = "web" }),
        [nameof(ContainerOverride.Command)] = Honoured<ContainerOverride>(o => o with { Command = ["echo", "override"] }),
        [nameof(ContainerOverride.Environment)] = Honoured<ContainerOverride>(o => o with { Environment = [new KeyValuePair { Name = "A", Value = "2" }] }),
        [nameof(ContainerOverride.EnvironmentFiles)] = Unsupported<ContainerOverride>(o => o with { EnvironmentFiles = [new EnvironmentFile { Type = "s3", Value = "arn:aws:s3:::b/f.env" }] }),
        [nameof(ContainerOverride.Cpu)] = Honoured<ContainerOverride>(o => o with { Cpu = 256 }),
        [nameof(ContainerOverride.Memory)] = Honoured<ContainerOverride>(o => o with { Memory = 512 }),
        [nameof(ContainerOverride.MemoryReservation)] = Honoured<ContainerOverride>(o => o with { MemoryReservation = 64 }),
        [nameof(ContainerOverride.ResourceRequirements)] = Unsupported<ContainerOverride>(o => o with { ResourceRequirements = [new ResourceRequirement { Type = "GPU", Value = "1" }] }),
    };

    private static readonly Dictionary<string, Field<TaskOverride>> TaskOverrideFields = new()
    {
        [nameof(TaskOverride.ContainerOverrides)] = Honoured<TaskOverride>(o => o with { ContainerOverrides = [new ContainerOverride { Name = "web", Command = ["true"] }] }),
        [nameof(TaskOverride.Cpu)] = Ignored<TaskOverride>(o => o with { Cpu = "512" }),
        [nameof(TaskOverride.InferenceAcceleratorOverrides)] = Unsupported<TaskOverride>(o => o with { InferenceAcceleratorOverrides = [new InferenceAcceleratorOverride { DeviceName = "a" }] }),
        [nameof(TaskOverride.ExecutionRoleArn)] = Ignored<TaskOverride>(o => o with { ExecutionRoleArn = "arn:aws:iam::123456789012:role/exec" }),
        [nameof(TaskOverride.Memory)] = Ignored<TaskOverride>(o => o with { Memory = "1024" }),
        [nameof(TaskOverride.TaskRoleArn)] = Ignored<TaskOverride>(o => o with { TaskRoleArn = "arn:aws:iam::123456789012:role/app" }),
        [nameof(TaskOverride.EphemeralStorage)] = Unsupported<TaskOverride>(o => o with { EphemeralStorage = new EphemeralStorage { SizeInGiB = 30 } }),
    };

    [Theory]
    [InlineData(typeof(ContainerDefinition))]
    [InlineData(typeof(TaskDefinition))]
    [InlineData(typeof(ContainerOverride))]
    [InlineData(typeof(TaskOverride))]
    public void EveryGeneratedMember_IsClassified(Type type)
    {
        IEnumerable<string> classified = type.Name switch
        {
            nameof(ContainerDefinition) => ContainerFields.Keys,
            nameof(TaskDefinition) => TaskFields.Keys,
            nameof(ContainerOverride) => ContainerOverrideFields.Keys,
            _ => TaskOverrideFields.Keys,
        };
        var members = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name);

        Assert.Equal(members.Order(), classified.Order());
    }

    public static TheoryData<string> ContainerMembers => [.. ContainerFields.Keys];

    public static TheoryData<string> TaskMembers => [.. TaskFields.Keys];

    public static TheoryData<string> ContainerOverrideMembers => [.. ContainerOverrideFields.Keys];

    public static TheoryData<string> TaskOverrideMembers => [.. TaskOverrideFields.Keys];

    [Fact]
    public void TheSample_IsRunnable()
    {
        Assert.Empty(RunnableTaskDefinition.Unsupported(EcsSamples.Definition()));
    }

    [Theory]
    [MemberData(nameof(ContainerMembers))]
    public void ContainerDefinitionMember_InUse_IsRefusedExactlyWhenUnsupported(string member)
    {
        var field = ContainerFields[member];

        var problems = RunnableTaskDefinition.Unsupported(EcsSamples.WithWeb(field.Use));

        Assert.Equal(Expected(field.Support, "Container web", typeof(ContainerDefinition), member), problems);
    }

    [Theory]
    [MemberData(nameof(TaskMembers))]
    public void TaskDefinitionMember_InUse_IsRefusedExactlyWhenUnsupported(string member)
    {
        var field = TaskFields[member];

        var problems = RunnableTaskDefinition.Unsupported(field.Use(EcsSamples.Definition()));

        Assert.Equal(Expected(field.Support, "Task definition", typeof(TaskDefinition), member), problems);
    }

    [Theory]
    [MemberData(nameof(ContainerOverrideMembers))]
    public void ContainerOverrideMember_InUse_IsRefusedExactlyWhenUnsupported(string member)
    {
        var field = ContainerOverrideFields[member];
        var overrides = new TaskOverride { ContainerOverrides = [field.Use(new ContainerOverride { Name = "web" })] };

        var problems = RunnableTaskDefinition.UnsupportedOverrides(overrides, EcsSamples.Definition());

        Assert.Equal(Expected(field.Support, "Override of container web", typeof(ContainerOverride), member), problems);
    }

    [Theory]
    [MemberData(nameof(TaskOverrideMembers))]
    public void TaskOverrideMember_InUse_IsRefusedExactlyWhenUnsupported(string member)
    {
        var field = TaskOverrideFields[member];

        var problems = RunnableTaskDefinition.UnsupportedOverrides(field.Use(new TaskOverride()), EcsSamples.Definition());

        Assert.Equal(Expected(field.Support, "Task overrides", typeof(TaskOverride), member), problems);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("bridge", false)]
    [InlineData("host", false)]
    [InlineData("none", false)]
    [InlineData("awsvpc", true)]
    [InlineData("nat", true)]
    public void NetworkMode_OnlyBridgeHostAndNone_Run(string? mode, bool refused)
    {
        var problems = RunnableTaskDefinition.Unsupported(EcsSamples.Definition() with { NetworkMode = mode });

        Assert.Equal(refused ? [$"Task definition: networkMode {mode} is not supported yet by Berth."] : [], problems);
    }

    public static TheoryData<string, TaskDefinition> Problems => new()
    {
        { "Container web: logConfiguration logDriver splunk is not supported yet by Berth.",
            EcsSamples.WithWeb(c => c with { LogConfiguration = new LogConfiguration { LogDriver = "splunk" } }) },
        { "Container web: logConfiguration option awslogs-group is required.",
            AwsLogs(new() { ["awslogs-region"] = "us-east-1" }) },
        { "Container web: logConfiguration option awslogs-region is required.",
            AwsLogs(new() { ["awslogs-group"] = "g" }) },
        { "Container web: logConfiguration option awslogs-endpoint is not supported yet by Berth.",
            AwsLogs(Valid(("awslogs-endpoint", "http://elsewhere"))) },
        { "Container web: logConfiguration options awslogs-datetime-format and awslogs-multiline-pattern cannot be used together.",
            AwsLogs(Valid(("awslogs-datetime-format", "%Y-%m-%d"), ("awslogs-multiline-pattern", "^INFO"))) },
        { "Container web: logConfiguration option mode fast is not blocking or non-blocking.",
            AwsLogs(Valid(("mode", "fast"))) },
        { "Container web: logConfiguration option max-buffer-size lots is not a size such as 1m or 512k.",
            AwsLogs(Valid(("mode", "non-blocking"), ("max-buffer-size", "lots"))) },
        { "Container web: logConfiguration option awslogs-create-group yes is not true or false.",
            AwsLogs(Valid(("awslogs-create-group", "yes"))) },
        { "Container web: logConfiguration option awslogs-multiline-pattern ([ is not a valid regular expression.",
            AwsLogs(Valid(("awslogs-multiline-pattern", "(["))) },
        { "Container web: logConfiguration secretOptions is not supported yet by Berth.",
            EcsSamples.WithWeb(c => c with { LogConfiguration = new LogConfiguration { LogDriver = "json-file", SecretOptions = [new Secret { Name = "k" }] } }) },
        { "Container web: linuxParameters devices is not supported yet by Berth.",
            EcsSamples.WithWeb(c => c with { LinuxParameters = new LinuxParameters { Devices = [new Device { HostPath = "/dev/fuse" }] } }) },
        { "Container web: linuxParameters maxSwap is not supported yet by Berth.",
            EcsSamples.WithWeb(c => c with { LinuxParameters = new LinuxParameters { MaxSwap = 100 } }) },
        { "Container web: linuxParameters swappiness is not supported yet by Berth.",
            EcsSamples.WithWeb(c => c with { LinuxParameters = new LinuxParameters { Swappiness = 10 } }) },
        { "Container web: linuxParameters tmpfs needs containerPath and size.",
            EcsSamples.WithWeb(c => c with { LinuxParameters = new LinuxParameters { Tmpfs = [new Tmpfs { ContainerPath = "/t" }] } }) },
        { "Container web: portMappings containerPortRange is not supported yet by Berth.",
            EcsSamples.WithWeb(c => c with { PortMappings = [new PortMapping { ContainerPortRange = "8000-8010" }] }) },
        { "Container web: portMappings protocol sctp is not tcp or udp.",
            EcsSamples.WithWeb(c => c with { PortMappings = [new PortMapping { ContainerPort = 80, Protocol = "sctp" }] }) },
        { "Container web: portMappings hostPort 8080 must equal containerPort 80 in host network mode.",
            EcsSamples.WithWeb(c => c with { PortMappings = [new PortMapping { ContainerPort = 80, HostPort = 8080 }] }) with { NetworkMode = "host" } },
        { "Container web: portMappings need a network, not network mode none.",
            EcsSamples.WithWeb(c => c with { PortMappings = [new PortMapping { ContainerPort = 80 }] }) with { NetworkMode = "none" } },
        { "Container web: links need the bridge network mode, not host.",
            EcsSamples.WithWeb(c => c with { Links = ["db"] }) with { NetworkMode = "host" } },
        { "Container web: links names container cache, which the task definition does not define.",
            EcsSamples.WithWeb(c => c with { Links = ["cache:c"] }) },
        { "Container web: volumesFrom names container cache, which the task definition does not define.",
            EcsSamples.WithWeb(c => c with { VolumesFrom = [new VolumeFrom { SourceContainer = "cache" }] }) },
        { "Container web: mountPoints names volume logs, which the task definition does not define.",
            EcsSamples.WithWeb(c => c with { MountPoints = [new MountPoint { SourceVolume = "logs", ContainerPath = "/logs" }] }) },
        { "Container web: dependsOn condition STARTED is not one of START, COMPLETE, SUCCESS, HEALTHY.",
            EcsSamples.WithWeb(c => c with { DependsOn = [new ContainerDependency { ContainerName = "db", Condition = "STARTED" }] }) },
        { "Container web: healthCheck command must start with CMD or CMD-SHELL followed by the command.",
            EcsSamples.WithWeb(c => c with { HealthCheck = new HealthCheck { Command = ["curl localhost"] } }) },
        { "Container web: restartPolicy is not supported yet by Berth.",
            EcsSamples.WithWeb(c => c with { RestartPolicy = new ContainerRestartPolicy { Enabled = true } }) },
        { "Task definition: container name web is used twice.", EcsSamples.Definition(EcsSamples.Web, EcsSamples.Web with { Image = "x" }) },
        { "Task definition: volume name data is used twice.",
            EcsSamples.Definition() with { Volumes = [new Volume { Name = "data" }, new Volume { Name = "data", Host = new HostVolumeProperties() }] } },
        { "Container web: dependsOn needs a containerName.",
            EcsSamples.WithWeb(c => c with { DependsOn = [new ContainerDependency { Condition = "START" }] }) },
        { "Container web: ulimits need name, softLimit and hardLimit.",
            EcsSamples.WithWeb(c => c with { Ulimits = [new Ulimit { Name = "nofile", SoftLimit = 10 }] }) },
        { "Container web: extraHosts need hostname and ipAddress.",
            EcsSamples.WithWeb(c => c with { ExtraHosts = [new HostEntry { Hostname = "db" }] }) },
        { "Container web: image is required.", EcsSamples.WithWeb(c => c with { Image = null }) },
        { "Task definition: containerDefinitions is required.", EcsSamples.Definition() with { ContainerDefinitions = [] } },
        { "Volume efs: efsVolumeConfiguration is not supported yet by Berth.",
            EcsSamples.Definition() with { Volumes = [new Volume { Name = "efs", EfsVolumeConfiguration = new EFSVolumeConfiguration { FileSystemId = "fs-1" } }] } },
        { "Volume win: fsxWindowsFileServerVolumeConfiguration is not supported yet by Berth.",
            EcsSamples.Definition() with { Volumes = [new Volume { Name = "win", FsxWindowsFileServerVolumeConfiguration = new FSxWindowsFileServerVolumeConfiguration { FileSystemId = "fs-1" } }] } },
        { "Volume ebs: configuredAtLaunch is not supported yet by Berth.",
            EcsSamples.Definition() with { Volumes = [new Volume { Name = "ebs", ConfiguredAtLaunch = true }] } },
        { "Volume rex: dockerVolumeConfiguration driver rexray/ebs is not supported yet by Berth.",
            EcsSamples.Definition() with { Volumes = [new Volume { Name = "rex", DockerVolumeConfiguration = new DockerVolumeConfiguration { Scope = "shared", Driver = "rexray/ebs" } }] } },
        { "Volume opts: dockerVolumeConfiguration driverOpts is not supported yet by Berth.",
            EcsSamples.Definition() with { Volumes = [new Volume { Name = "opts", DockerVolumeConfiguration = new DockerVolumeConfiguration { DriverOpts = new() { ["type"] = "nfs" } } }] } },
    };

    private static TaskDefinition AwsLogs(Dictionary<string, string> options) =>
        EcsSamples.WithWeb(c => c with { LogConfiguration = new LogConfiguration { LogDriver = "awslogs", Options = options } });

    /// <summary>Group and region (the required options) plus <paramref name="more"/>.</summary>
    private static Dictionary<string, string> Valid(params (string Name, string Value)[] more)
    {
        var options = new Dictionary<string, string> { ["awslogs-group"] = "/ecs/web", ["awslogs-region"] = "us-east-1" };
        foreach (var (name, value) in more)
        {
            options[name] = value;
        }
        return options;
    }

    [Theory]
    [InlineData("awslogs-stream-prefix", "web")]
    [InlineData("awslogs-create-group", "true")]
    [InlineData("awslogs-datetime-format", "%Y-%m-%d %H:%M:%S")]
    [InlineData("awslogs-multiline-pattern", "^\\[")]
    [InlineData("mode", "non-blocking")]
    [InlineData("max-buffer-size", "25m")]
    public void AwsLogs_WithAnOptionTheAgentHonours_Runs(string name, string value)
    {
        Assert.Empty(RunnableTaskDefinition.Unsupported(AwsLogs(Valid((name, value)))));
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void Unsupported_NamesTheContainerAndField(string expected, TaskDefinition definition)
    {
        Assert.Equal([expected], RunnableTaskDefinition.Unsupported(definition));
    }

    [Fact]
    public void Unsupported_ListsEveryProblem_NotJustTheFirst()
    {
        var definition = EcsSamples.WithWeb(c => c with { Secrets = [new Secret { Name = "A" }], FirelensConfiguration = new FirelensConfiguration() })
            with { NetworkMode = "awsvpc" };

        Assert.Equal(3, RunnableTaskDefinition.Unsupported(definition).Count);
    }

    [Fact]
    public void OverrideOfAnUnknownContainer_IsRefused()
    {
        var overrides = new TaskOverride { ContainerOverrides = [new ContainerOverride { Name = "cache", Command = ["true"] }] };

        Assert.Equal(["Override of container cache: names no container of the task definition."],
            RunnableTaskDefinition.UnsupportedOverrides(overrides, EcsSamples.Definition()));
    }

    [Fact]
    public void AContainerOverriddenTwice_IsRefused()
    {
        var overrides = new TaskOverride { ContainerOverrides = [new ContainerOverride { Name = "web" }, new ContainerOverride { Name = "web" }] };

        Assert.Equal(["Task overrides: container web is overridden twice."],
            RunnableTaskDefinition.UnsupportedOverrides(overrides, EcsSamples.Definition()));
    }

    /// <summary>No problem for a honoured or ignored member; for an unsupported one, one message naming its wire name.</summary>
    private static string[] Expected(Support support, string subject, Type type, string member) =>
        support == Support.Unsupported
            ? [$"{subject}: {type.GetProperty(member)!.GetCustomAttribute<JsonPropertyNameAttribute>()!.Name} is not supported yet by Berth."]
            : [];
}
