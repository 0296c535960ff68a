using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.TaskDefinitions;
using Berth.Domain;

namespace Berth.ControlPlane.Tests.Ecs.TaskDefinitions;

public sealed class TaskDefinitionFactoryTests
{
    private const string Registrar = "arn:aws:iam::123456789012:user/alice";
    private const string ExecutionRole = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole";

    private static readonly ResourceScope Scope = new("123456789012", "us-east-1");
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_Registration_IsAnActiveRevisionWithItsArn()
    {
        var definition = Create(Request(new ContainerDefinition { Name = "app", Image = "nginx", Memory = 256 }), revision: 3);

        Assert.Equal("arn:aws:ecs:us-east-1:123456789012:task-definition/web:3", definition.TaskDefinitionArn);
        Assert.Equal(("web", 3), (definition.Family, definition.Revision));
        Assert.Equal(TaskDefinitionStatus.Active, definition.Status);
        Assert.Equal((Now, Registrar), (definition.RegisteredAt, definition.RegisteredBy));
        Assert.Null(definition.DeregisteredAt);
        Assert.Empty(definition.Volumes!);
        Assert.Empty(definition.PlacementConstraints!);
    }

    [Fact]
    public void Create_ContainerWithNothingOptional_GetsEcsDefaults()
    {
        var container = Assert.Single(Create(Request(new ContainerDefinition { Name = "app", Image = "nginx", Memory = 256 })).ContainerDefinitions!);

        Assert.Equal(0, container.Cpu);
        Assert.True(container.Essential);
        Assert.Empty(container.PortMappings!);
        Assert.Empty(container.Environment!);
        Assert.Empty(container.MountPoints!);
        Assert.Empty(container.VolumesFrom!);
        Assert.Empty(container.SystemControls!);
        Assert.Equal(256, container.Memory);
    }

    [Fact]
    public void Create_ContainerWithValuesGiven_KeepsThem()
    {
        var given = new ContainerDefinition
        {
            Name = "app",
            Image = "nginx",
            Cpu = 128,
            Essential = false,
            Environment = [new() { Name = "A", Value = "1" }],
        };

        var container = Assert.Single(Create(Request(given, new ContainerDefinition { Name = "main", Image = "nginx" }) with { Memory = "512" }).ContainerDefinitions!.Take(1));

        Assert.Equal(128, container.Cpu);
        Assert.False(container.Essential);
        Assert.Equal("A", Assert.Single(container.Environment!).Name);
    }

    [Theory]
    [InlineData(null, 80, null, "tcp", null)]
    [InlineData(NetworkMode.Bridge, 80, null, "tcp", null)]
    [InlineData(NetworkMode.Bridge, 80, 8080, "tcp", 8080)]
    [InlineData(NetworkMode.Bridge, 53, 0, "udp", 0)]
    [InlineData(NetworkMode.Awsvpc, 80, null, "tcp", 80)]
    [InlineData(NetworkMode.Awsvpc, 80, 80, "tcp", 80)]
    [InlineData(NetworkMode.Awsvpc, 80, 0, "tcp", 80)]
    [InlineData(NetworkMode.Host, 443, null, "tcp", 443)]
    [InlineData(NetworkMode.Host, 53, null, "udp", 53)]
    public void Create_PortMapping_DefaultsProtocolAndHostPortPerNetworkMode(
        string? networkMode, int containerPort, int? hostPort, string protocol, int? expectedHostPort)
    {
        var mapping = new PortMapping { ContainerPort = containerPort, HostPort = hostPort, Protocol = protocol == "udp" ? TransportProtocol.Udp : null };
        var request = Request(new ContainerDefinition { Name = "app", Image = "nginx", Memory = 256, PortMappings = [mapping] }) with { NetworkMode = networkMode };

        var created = Assert.Single(Assert.Single(Create(request).ContainerDefinitions!).PortMappings!);

        Assert.Equal((containerPort, expectedHostPort, protocol), (created.ContainerPort, created.HostPort, created.Protocol));
    }

    [Fact]
    public void Create_PortRangeInAwsvpc_LeavesHostPortUnset()
    {
        var request = Request(new ContainerDefinition { Name = "app", Image = "nginx", Memory = 256, PortMappings = [new() { ContainerPortRange = "8000-8010" }] })
            with { NetworkMode = NetworkMode.Awsvpc };

        var created = Assert.Single(Assert.Single(Create(request).ContainerDefinitions!).PortMappings!);

        Assert.Null(created.HostPort);
        Assert.Equal("8000-8010", created.ContainerPortRange);
    }

    [Fact]
    public void Create_FriendlySizes_AreStoredAsNumbers()
    {
        var request = Request(new ContainerDefinition { Name = "app", Image = "nginx" }) with { Cpu = "0.5 vCPU", Memory = "1GB" };

        var definition = Create(request);

        Assert.Equal(("512", "1024"), (definition.Cpu, definition.Memory));
    }

    [Theory]
    [InlineData(null, null, null, false, "EXTERNAL,EC2")]
    [InlineData(NetworkMode.Bridge, "256", "512", false, "EXTERNAL,EC2")]
    [InlineData(NetworkMode.Host, "256", "512", false, "EXTERNAL,EC2")]
    [InlineData(NetworkMode.None, null, null, false, "EXTERNAL,EC2")]
    [InlineData(NetworkMode.Awsvpc, null, null, false, "EC2")]
    [InlineData(NetworkMode.Awsvpc, "256", null, false, "EC2")]
    [InlineData(NetworkMode.Awsvpc, "256", "1536", false, "EC2")]
    [InlineData(NetworkMode.Awsvpc, "256", "512", false, "EC2,FARGATE")]
    [InlineData(NetworkMode.Awsvpc, "1 vCPU", "2GB", false, "EC2,FARGATE")]
    [InlineData(NetworkMode.Awsvpc, "256", "512", true, "EC2")]
    public void Create_Compatibilities_AreTheLaunchTypesItValidatesFor(string? networkMode, string? cpu, string? memory, bool awslogsWithoutRole, string expected)
    {
        var container = new ContainerDefinition
        {
            Name = "app",
            Image = "nginx",
            Memory = 256,
            LogConfiguration = awslogsWithoutRole ? new LogConfiguration { LogDriver = LogDriver.Awslogs } : null,
        };

        var definition = Create(Request(container) with { NetworkMode = networkMode, Cpu = cpu, Memory = memory });

        Assert.Equal(expected, string.Join(",", definition.Compatibilities!));
    }

    [Theory]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    public void Create_FargateSizedAwsvpcBreakingAnotherFargateRule_IsNotFargateCompatible(bool links, bool longStop, bool awslogsWithoutRole)
    {
        var containers = new[]
        {
            new ContainerDefinition
            {
                Name = "app",
                Image = "nginx",
                Links = links ? ["db"] : null,
                StopTimeout = longStop ? 121 : 30,
                LogConfiguration = awslogsWithoutRole ? new LogConfiguration { LogDriver = LogDriver.Awslogs } : null,
            },
            new ContainerDefinition { Name = "db", Image = "postgres" },
        };

        var definition = Create(Request(containers) with { NetworkMode = NetworkMode.Awsvpc, Cpu = "256", Memory = "512" });

        Assert.Equal([Compatibility.Ec2], definition.Compatibilities!);
    }

    [Fact]
    public void Create_RequiresCompatibilities_AreEchoed()
    {
        var request = Request(new ContainerDefinition { Name = "app", Image = "nginx" })
            with { RequiresCompatibilities = [Compatibility.Fargate], NetworkMode = NetworkMode.Awsvpc, Cpu = "256", Memory = "512" };

        Assert.Equal([Compatibility.Fargate], Create(request).RequiresCompatibilities!);
    }

    [Fact]
    public void Create_PlainBridgeContainer_RequiresNoAttributes() =>
        Assert.Empty(Create(Request(new ContainerDefinition { Name = "app", Image = "nginx", Memory = 256 })).RequiresAttributes!);

    [Fact]
    public void Create_FeaturesUsed_RequireTheirAgentAttributesSorted()
    {
        var app = new ContainerDefinition
        {
            Name = "app",
            Image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1",
            MemoryReservation = 128,
            Privileged = true,
            DockerLabels = new() { ["team"] = "web" },
            LogConfiguration = new LogConfiguration { LogDriver = LogDriver.Awslogs },
            HealthCheck = new HealthCheck { Command = ["CMD", "true"] },
            DependsOn = [new ContainerDependency { ContainerName = "init", Condition = ContainerCondition.Complete }],
            Secrets =
            [
                new Secret { Name = "DB", ValueFrom = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db" },
                new Secret { Name = "KEY", ValueFrom = "arn:aws:ssm:us-east-1:123456789012:parameter/key" },
            ],
        };
        var init = new ContainerDefinition { Name = "init", Image = "busybox", Essential = false, StopTimeout = 5 };
        var request = Request(app, init) with
        {
            NetworkMode = NetworkMode.Awsvpc,
            TaskRoleArn = "arn:aws:iam::123456789012:role/app",
            ExecutionRoleArn = ExecutionRole,
            Memory = "512",
        };

        var names = Create(request).RequiresAttributes!.Select(a => a.Name!).ToList();

        Assert.Equal(
            [
                "com.amazonaws.ecs.capability.docker-remote-api.1.18",
                "com.amazonaws.ecs.capability.docker-remote-api.1.21",
                "com.amazonaws.ecs.capability.ecr-auth",
                "com.amazonaws.ecs.capability.logging-driver.awslogs",
                "com.amazonaws.ecs.capability.privileged-container",
                "com.amazonaws.ecs.capability.task-iam-role",
                "ecs.capability.container-health-check",
                "ecs.capability.container-ordering",
                "ecs.capability.execution-role-awslogs",
                "ecs.capability.execution-role-ecr-pull",
                "ecs.capability.secrets.asm.environment-variables",
                "ecs.capability.secrets.ssm.environment-variables",
                "ecs.capability.task-eni",
            ],
            names);
    }

    [Fact]
    public void Create_EcrImageAndAwslogsWithoutExecutionRole_NeedNoExecutionRoleAttributes()
    {
        var app = new ContainerDefinition
        {
            Name = "app",
            Image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1",
            Memory = 256,
            LogConfiguration = new LogConfiguration { LogDriver = LogDriver.Awslogs },
        };

        var names = Create(Request(app)).RequiresAttributes!.Select(a => a.Name).ToList();

        Assert.Equal(["com.amazonaws.ecs.capability.ecr-auth", "com.amazonaws.ecs.capability.logging-driver.awslogs"], names);
    }

    private static TaskDefinition Create(RegisterTaskDefinitionRequest request, int revision = 1) =>
        TaskDefinitionFactory.Create(request, TaskResources.Parse(request.Cpu, request.Memory), Scope, revision, Registrar, Now);

    private static RegisterTaskDefinitionRequest Request(params ContainerDefinition[] containers) =>
        new() { Family = "web", ContainerDefinitions = [.. containers] };
}
