using Berth.Aws.Generated.Ecs;
using Berth.Aws.Protocol;
using Berth.ControlPlane.Ecs.TaskDefinitions;

namespace Berth.ControlPlane.Tests.Ecs.TaskDefinitions;

/// <summary>One row per rule of RegisterTaskDefinition: a request that breaks only that rule and the ClientException it gets,
/// then requests on the valid side of each boundary. Rows are named so a failure names the rule.</summary>
public sealed class TaskDefinitionValidatorTests
{
    private const string NameRule = "up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.";
    private const string ExecutionRole = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole";

    private static readonly Dictionary<string, (RegisterTaskDefinitionRequest Request, string Message)> Broken = new()
    {
        ["family with a space"] = (Request(Container()) with { Family = "web app" }, "Family contains invalid characters: " + NameRule),
        ["family of 256 characters"] = (Request(Container()) with { Family = new string('f', 256) }, "Family contains invalid characters: " + NameRule),
        ["no containers"] = (Request(), "Container list cannot be empty."),
        ["eleven containers"] = (Request([.. Enumerable.Range(1, 11).Select(i => Container($"c{i}"))]), "Too many containers: a task definition can have at most 10."),
        ["container without name"] = (Request(Container() with { Name = null }), "Container.name should not be null or empty."),
        ["container name with a dot"] = (Request(Container("app.v2")), $"Container name 'app.v2' contains invalid characters: {NameRule}"),
        ["container without image"] = (Request(Container() with { Image = " " }), "Container.image should not be null or empty (container 'app')."),
        ["duplicate container names"] = (Request(Container(), Container()), "Duplicate container name found: 'app'. Container names must be unique within a task definition."),
        ["no essential container"] = (
            Request(Container() with { Essential = false }, Container("b") with { Essential = false }),
            "A task definition must have at least one essential container."),
        ["Fargate in bridge mode"] = (Fargate(Container()) with { NetworkMode = NetworkMode.Bridge }, "Fargate only supports network mode \u2018awsvpc\u2019."),
        ["Fargate without network mode"] = (Fargate(Container()) with { NetworkMode = null }, "Fargate only supports network mode \u2018awsvpc\u2019."),
        ["Fargate without cpu"] = (Fargate(Container()) with { Cpu = null }, "Fargate requires that 'cpu' be defined at the task level."),
        ["Fargate without memory"] = (Fargate(Container()) with { Memory = null }, "Fargate requires that 'memory' be defined at the task level."),
        ["Fargate 256/1536"] = (
            Fargate(Container()) with { Cpu = "256", Memory = "1536" },
            "No Fargate configuration exists for given values: 256 CPU, 1536 memory. See the Amazon ECS documentation for the valid values."),
        ["Fargate 0.25 vCPU/1.5GB"] = (
            Fargate(Container()) with { Cpu = "0.25 vCPU", Memory = "1.5GB" },
            "No Fargate configuration exists for given values: 256 CPU, 1536 memory. See the Amazon ECS documentation for the valid values."),
        ["Fargate 1024/1024"] = (
            Fargate(Container()) with { Cpu = "1024", Memory = "1024" },
            "No Fargate configuration exists for given values: 1024 CPU, 1024 memory. See the Amazon ECS documentation for the valid values."),
        ["Fargate awslogs without execution role"] = (
            Fargate(Container() with { LogConfiguration = new LogConfiguration { LogDriver = LogDriver.Awslogs } }),
            "Fargate requires task definition to have execution role ARN to support log driver awslogs."),
        ["Fargate stopTimeout 121"] = (
            Fargate(Container() with { StopTimeout = 121 }),
            "Invalid 'stopTimeout' setting for container 'app': Fargate allows at most 120 seconds."),
        ["Fargate links"] = (
            Fargate(Container(), Container("b") with { Links = ["app"] }),
            "Links are not supported for network mode 'awsvpc' (container 'b')."),
        ["EC2 container without memory"] = (
            Request(Container() with { Memory = null }),
            "Invalid setting for container 'app'. At least one of 'memory' or 'memoryReservation' must be specified."),
        ["EC2 container with memory 0"] = (
            Request(Container() with { Memory = 0 }) with { RequiresCompatibilities = [Compatibility.Ec2] },
            "Invalid setting for container 'app'. At least one of 'memory' or 'memoryReservation' must be specified."),
        ["EC2 in awsvpc mode, container without memory"] = (
            Fargate(Container() with { Memory = null }) with { Memory = null, Cpu = null, RequiresCompatibilities = [Compatibility.Ec2] },
            "Invalid setting for container 'app'. At least one of 'memory' or 'memoryReservation' must be specified."),
        ["GPU 0"] = (
            Request(Container() with { ResourceRequirements = [new ResourceRequirement { Type = "GPU", Value = "0" }] }),
            "The GPU resource requirement of container app must be a whole number of GPUs of at least 1, not '0'."),
        ["GPU 1.5"] = (
            Request(Container() with { ResourceRequirements = [new ResourceRequirement { Type = "GPU", Value = "1.5" }] }),
            "The GPU resource requirement of container app must be a whole number of GPUs of at least 1, not '1.5'."),
        ["GPU twice"] = (
            Request(Container() with { ResourceRequirements = [new ResourceRequirement { Type = "GPU", Value = "1" }, new ResourceRequirement { Type = "GPU", Value = "1" }] }),
            "Container app has more than one GPU resource requirement."),
        ["distinctInstance in a task definition"] = (
            Request(Container()) with { PlacementConstraints = [new TaskDefinitionPlacementConstraint { Type = "distinctInstance" }] },
            "constraint.type 'distinctInstance' is not supported. Task definitions take memberOf constraints only."),
        ["container memory 5"] = (
            Request(Container() with { Memory = 5 }),
            "Invalid 'memory' setting for container 'app'. The minimum is 6 MiB."),
        ["negative container cpu"] = (
            Request(Container() with { Cpu = -1 }),
            "Invalid setting for container 'app'. 'cpu' and 'memoryReservation' cannot be negative."),
        ["negative memory reservation"] = (
            Request(Container() with { MemoryReservation = -1 }),
            "Invalid setting for container 'app'. 'cpu' and 'memoryReservation' cannot be negative."),
        ["memory below reservation"] = (
            Request(Container() with { Memory = 256, MemoryReservation = 512 }),
            "Invalid setting for container 'app'. 'memory' must be greater than or equal to 'memoryReservation'."),
        ["container cpu above task cpu"] = (
            Request(Container() with { Cpu = 200 }, Container("b") with { Cpu = 100 }) with { Cpu = "256" },
            "Invalid 'cpu' setting for task. The sum of the containers' cpu (300) exceeds the task cpu (256)."),
        ["container memory above task memory"] = (
            Request(Container() with { Memory = 1024 }) with { Memory = "512" },
            "Invalid setting for container 'app'. Its memory exceeds the task memory (512 MiB)."),
        ["container reservation above task memory"] = (
            Request(Container() with { Memory = null, MemoryReservation = 1024 }) with { Memory = "512" },
            "Invalid setting for container 'app'. Its memory exceeds the task memory (512 MiB)."),
        ["ports in none mode"] = (
            Request(Container() with { PortMappings = [Port(80)] }) with { NetworkMode = NetworkMode.None },
            "Port mappings are not allowed for network mode 'none' (container 'app')."),
        ["mapping without container port"] = (
            Request(Container() with { PortMappings = [new PortMapping { HostPort = 80 }] }),
            "Invalid port mapping for container 'app': containerPort or containerPortRange is required."),
        ["container port 0"] = (Request(Container() with { PortMappings = [Port(0)] }), "Invalid port mapping for container 'app': ports must be between 1 and 65535."),
        ["container port 65536"] = (Request(Container() with { PortMappings = [Port(65536)] }), "Invalid port mapping for container 'app': ports must be between 1 and 65535."),
        ["host port -1"] = (Request(Container() with { PortMappings = [Port(80, -1)] }), "Invalid port mapping for container 'app': ports must be between 1 and 65535."),
        ["host port 65536"] = (Request(Container() with { PortMappings = [Port(80, 65536)] }), "Invalid port mapping for container 'app': ports must be between 1 and 65535."),
        ["awsvpc host port differs"] = (
            Request(Container() with { PortMappings = [Port(80, 8080)] }) with { NetworkMode = NetworkMode.Awsvpc },
            "When networkMode=awsvpc, the host ports and container ports in port mappings must match."),
        ["host mode host port differs"] = (
            Request(Container() with { PortMappings = [Port(80, 8080)] }) with { NetworkMode = NetworkMode.Host },
            "When networkMode=host, the host ports and container ports in port mappings must match."),
        ["container port twice"] = (
            Request(Container() with { PortMappings = [Port(80), Port(80, 8080)] }),
            "Container 'app' maps container port 80/tcp more than once."),
        ["udp container port twice"] = (
            Request(Container() with { PortMappings = [Port(53) with { Protocol = TransportProtocol.Udp }, Port(53) with { Protocol = TransportProtocol.Udp }] }),
            "Container 'app' maps container port 53/udp more than once."),
        ["host port in two containers"] = (
            Request(Container() with { PortMappings = [Port(80, 8080)] }, Container("b") with { PortMappings = [Port(81, 8080)] }),
            "Host port 8080/tcp is mapped more than once in the task definition."),
        ["volume name with a space"] = (
            Request(Container()) with { Volumes = [new Volume { Name = "my data" }] },
            "Invalid volume name 'my data': " + NameRule),
        ["volume without name"] = (Request(Container()) with { Volumes = [new Volume()] }, "Invalid volume name '': " + NameRule),
        ["duplicate volume"] = (
            Request(Container()) with { Volumes = [new Volume { Name = "data" }, new Volume { Name = "data" }] },
            "Duplicate volume name found: 'data'."),
        ["mount of undefined volume"] = (
            Request(Container() with { MountPoints = [new MountPoint { SourceVolume = "data", ContainerPath = "/data" }] }),
            "Invalid 'mountPoints' setting for container 'app'. The referenced volume 'data' is not defined in the task definition."),
        ["mount without container path"] = (
            Request(Container() with { MountPoints = [new MountPoint { SourceVolume = "data" }] }) with { Volumes = [new Volume { Name = "data" }] },
            "Invalid 'mountPoints' setting for container 'app'. containerPath is required."),
        ["volumesFrom unknown container"] = (
            Request(Container() with { VolumesFrom = [new VolumeFrom { SourceContainer = "db" }] }),
            "Invalid 'volumesFrom' setting for container 'app'. 'db' is not another container of the task definition."),
        ["volumesFrom itself"] = (
            Request(Container() with { VolumesFrom = [new VolumeFrom { SourceContainer = "app" }] }),
            "Invalid 'volumesFrom' setting for container 'app'. 'app' is not another container of the task definition."),
        ["dependsOn unknown container"] = (
            Request(Container() with { DependsOn = [DependsOn("db", ContainerCondition.Start)] }),
            "Invalid 'dependsOn' setting for container 'app'. 'db' is not another container of the task definition."),
        ["dependsOn itself"] = (
            Request(Container() with { DependsOn = [DependsOn("app", ContainerCondition.Start)] }),
            "Invalid 'dependsOn' setting for container 'app'. 'app' is not another container of the task definition."),
        ["dependsOn COMPLETE of essential"] = (
            Request(Container() with { DependsOn = [DependsOn("init", ContainerCondition.Complete)] }, Container("init")),
            "Invalid 'dependsOn' setting for container 'app'. Condition COMPLETE cannot be used on the essential container 'init'."),
        ["dependsOn SUCCESS of essential by default"] = (
            Request(Container() with { DependsOn = [DependsOn("init", ContainerCondition.Success)] }, Container("init") with { Essential = null }),
            "Invalid 'dependsOn' setting for container 'app'. Condition SUCCESS cannot be used on the essential container 'init'."),
        ["dependsOn HEALTHY without healthCheck"] = (
            Request(Container() with { DependsOn = [DependsOn("db", ContainerCondition.Healthy)] }, Container("db")),
            "Invalid 'dependsOn' setting for container 'app'. Condition HEALTHY needs a healthCheck on container 'db'."),
        ["links in host mode"] = (
            Request(Container() with { Links = ["db"] }, Container("db")) with { NetworkMode = NetworkMode.Host },
            "Links are only supported for network mode 'bridge' (container 'app')."),
        ["links in awsvpc mode on EC2"] = (
            Request(Container() with { Links = ["db"] }, Container("db")) with { NetworkMode = NetworkMode.Awsvpc },
            "Links are only supported for network mode 'bridge' (container 'app')."),
        ["link to unknown container"] = (
            Request(Container() with { Links = ["db:database"] }),
            "Invalid 'links' setting for container 'app'. 'db' is not another container of the task definition."),
        ["link to itself"] = (
            Request(Container() with { Links = ["app"] }),
            "Invalid 'links' setting for container 'app'. 'app' is not another container of the task definition."),
        ["healthCheck without command"] = (
            Request(Container() with { HealthCheck = new HealthCheck { Command = [] } }),
            "Invalid 'healthCheck' setting for container 'app'. command is required."),
        ["healthCheck interval 4"] = (Request(Check(c => c with { Interval = 4 })), "Invalid 'healthCheck' setting for container 'app'. interval must be between 5 and 300."),
        ["healthCheck interval 301"] = (Request(Check(c => c with { Interval = 301 })), "Invalid 'healthCheck' setting for container 'app'. interval must be between 5 and 300."),
        ["healthCheck timeout 1"] = (Request(Check(c => c with { Timeout = 1 })), "Invalid 'healthCheck' setting for container 'app'. timeout must be between 2 and 60."),
        ["healthCheck timeout 61"] = (Request(Check(c => c with { Timeout = 61 })), "Invalid 'healthCheck' setting for container 'app'. timeout must be between 2 and 60."),
        ["healthCheck retries 0"] = (Request(Check(c => c with { Retries = 0 })), "Invalid 'healthCheck' setting for container 'app'. retries must be between 1 and 10."),
        ["healthCheck retries 11"] = (Request(Check(c => c with { Retries = 11 })), "Invalid 'healthCheck' setting for container 'app'. retries must be between 1 and 10."),
        ["healthCheck startPeriod -1"] = (Request(Check(c => c with { StartPeriod = -1 })), "Invalid 'healthCheck' setting for container 'app'. startPeriod must be between 0 and 300."),
        ["healthCheck startPeriod 301"] = (Request(Check(c => c with { StartPeriod = 301 })), "Invalid 'healthCheck' setting for container 'app'. startPeriod must be between 0 and 300."),
    };

    private static readonly Dictionary<string, RegisterTaskDefinitionRequest> Accepted = new()
    {
        ["one container with memory"] = Request(Container()),
        ["family of 255 characters"] = Request(Container()) with { Family = new string('f', 255) },
        ["ten containers"] = Request([.. Enumerable.Range(1, 10).Select(i => Container($"c{i}"))]),
        ["one essential among non-essential"] = Request(Container() with { Essential = false }, Container("b")),
        ["memory reservation only"] = Request(Container() with { Memory = null, MemoryReservation = 128 }),
        ["task memory instead of container memory"] = Request(Container() with { Memory = null }) with { Memory = "512" },
        ["container memory 6"] = Request(Container() with { Memory = 6 }),
        ["memory equal to reservation"] = Request(Container() with { Memory = 512, MemoryReservation = 512 }),
        ["container cpu sum equal to task cpu"] = Request(Container() with { Cpu = 128 }, Container("b") with { Cpu = 128 }) with { Cpu = "256" },
        ["Fargate 256/512"] = Fargate(Container()),
        ["Fargate friendly sizes"] = Fargate(Container()) with { Cpu = "1 vCPU", Memory = "8GB" },
        ["Fargate 16 vCPU/120GB"] = Fargate(Container()) with { Cpu = "16384", Memory = "122880" },
        ["Fargate without container memory"] = Fargate(Container() with { Memory = null }),
        ["Fargate awslogs with execution role"] = Fargate(Container() with { LogConfiguration = new LogConfiguration { LogDriver = LogDriver.Awslogs } }) with { ExecutionRoleArn = ExecutionRole },
        ["Fargate stopTimeout 120"] = Fargate(Container() with { StopTimeout = 120 }),
        ["EC2 stopTimeout 600"] = Request(Container() with { StopTimeout = 600 }),
        ["EC2 awslogs without execution role"] = Request(Container() with { LogConfiguration = new LogConfiguration { LogDriver = LogDriver.Awslogs } }),
        ["bridge dynamic host ports in two containers"] = Request(Container() with { PortMappings = [Port(80)] }, Container("b") with { PortMappings = [Port(80, 0)] }),
        ["bridge static host port mapped to another container port"] = Request(Container() with { PortMappings = [Port(80, 8080)] }),
        ["same port tcp and udp"] = Request(Container() with { PortMappings = [Port(53), Port(53) with { Protocol = TransportProtocol.Udp }] }),
        ["port range without container port"] = Request(Container() with { PortMappings = [new PortMapping { ContainerPortRange = "8000-8010" }] }),
        ["ports 1 and 65535"] = Request(Container() with { PortMappings = [Port(1, 1), Port(65535, 65535)] }),
        ["awsvpc host port equal"] = Request(Container() with { PortMappings = [Port(80, 80)] }) with { NetworkMode = NetworkMode.Awsvpc },
        ["awsvpc host port omitted"] = Request(Container() with { PortMappings = [Port(80)] }) with { NetworkMode = NetworkMode.Awsvpc },
        ["host mode host port equal"] = Request(Container() with { PortMappings = [Port(80, 80)] }) with { NetworkMode = NetworkMode.Host },
        ["none mode without ports"] = Request(Container()) with { NetworkMode = NetworkMode.None },
        ["mount of defined volume"] = Request(Container() with { MountPoints = [new MountPoint { SourceVolume = "data", ContainerPath = "/data" }] }) with { Volumes = [new Volume { Name = "data" }] },
        ["volumesFrom another container"] = Request(Container() with { VolumesFrom = [new VolumeFrom { SourceContainer = "b" }] }, Container("b")),
        ["dependsOn START of essential"] = Request(Container() with { DependsOn = [DependsOn("b", ContainerCondition.Start)] }, Container("b")),
        ["dependsOn COMPLETE of non-essential"] = Request(Container() with { DependsOn = [DependsOn("init", ContainerCondition.Complete)] }, Container("init") with { Essential = false }),
        ["dependsOn SUCCESS of non-essential"] = Request(Container() with { DependsOn = [DependsOn("init", ContainerCondition.Success)] }, Container("init") with { Essential = false }),
        ["dependsOn HEALTHY with healthCheck"] = Request(Container() with { DependsOn = [DependsOn("db", ContainerCondition.Healthy)] }, Check(c => c, "db")),
        ["bridge link with alias"] = Request(Container() with { Links = ["db:database"] }, Container("db")),
        ["healthCheck lower bounds"] = Request(Check(c => c with { Interval = 5, Timeout = 2, Retries = 1, StartPeriod = 0 })),
        ["healthCheck upper bounds"] = Request(Check(c => c with { Interval = 300, Timeout = 60, Retries = 10, StartPeriod = 300 })),
    };

    public static TheoryData<string> BrokenRules => new(Broken.Keys);

    public static TheoryData<string> AcceptedRequests => new(Accepted.Keys);

    [Theory]
    [MemberData(nameof(BrokenRules))]
    public void Validate_RequestBreakingOneRule_ClientExceptionNamingIt(string rule)
    {
        var (request, message) = Broken[rule];

        var error = Assert.Throws<AwsException>(() => Validate(request));

        Assert.Equal(("ClientException", message), (error.Code, error.Message));
    }

    [Theory]
    [MemberData(nameof(AcceptedRequests))]
    public void Validate_RequestWithinTheRules_Passes(string name)
    {
        var exception = Record.Exception(() => Validate(Accepted[name]));

        Assert.True(exception is null, $"{name}: {exception?.Message}");
    }

    private static void Validate(RegisterTaskDefinitionRequest request) =>
        TaskDefinitionValidator.Validate(request, TaskResources.Parse(request.Cpu, request.Memory));

    private static RegisterTaskDefinitionRequest Request(params ContainerDefinition[] containers) =>
        new() { Family = "web", ContainerDefinitions = [.. containers] };

    private static RegisterTaskDefinitionRequest Fargate(params ContainerDefinition[] containers) =>
        Request(containers) with { RequiresCompatibilities = [Compatibility.Fargate], NetworkMode = NetworkMode.Awsvpc, Cpu = "256", Memory = "512" };

    private static ContainerDefinition Container(string name = "app") => new() { Name = name, Image = "nginx", Memory = 256 };

    private static ContainerDefinition Check(Func<HealthCheck, HealthCheck> change, string name = "app") =>
        Container(name) with { HealthCheck = change(new HealthCheck { Command = ["CMD-SHELL", "true"] }) };

    private static PortMapping Port(int containerPort, int? hostPort = null) => new() { ContainerPort = containerPort, HostPort = hostPort };

    private static ContainerDependency DependsOn(string container, string condition) => new() { ContainerName = container, Condition = condition };
}
