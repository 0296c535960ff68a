using Berth.Agent.Host;

namespace Berth.Agent.Tests.Host;

/// <summary>The registration tells the scheduler what this host offers, in the shape ECS's own agent uses.</summary>
public sealed class HostRegistrationTests
{
    [Fact]
    public void ResourcesComeFromTheEngine()
    {
        var request = HostRegistration.Request(Fixtures.Options(), Fixtures.Engine(), containerInstanceArn: null);

        Assert.Equal("default", request.Cluster);
        Assert.Null(request.ContainerInstanceArn);
        Assert.Equal(4 * 1024, request.TotalResources!.Single(r => r.Name == "CPU").IntegerValue);
        Assert.Equal((8 * 1024) - 256, request.TotalResources!.Single(r => r.Name == "MEMORY").IntegerValue);
        Assert.Equal(HostRegistration.ReservedPorts, request.TotalResources!.Single(r => r.Name == "PORTS").StringSetValue);
    }

    [Fact]
    public void CpuAndMemoryOptionsOverrideTheEngine()
    {
        var options = Fixtures.Options() with { Cpu = 512, Memory = 1000 };
        var request = HostRegistration.Request(options, Fixtures.Engine(), "arn:ci");

        Assert.Equal("arn:ci", request.ContainerInstanceArn);
        Assert.Equal(512, request.TotalResources!.Single(r => r.Name == "CPU").IntegerValue);
        Assert.Equal(1000, request.TotalResources!.Single(r => r.Name == "MEMORY").IntegerValue);
    }

    [Fact]
    public void AttributesNameOsArchitectureAndApiVersions()
    {
        var request = HostRegistration.Request(Fixtures.Options(), Fixtures.Engine("aarch64", new Version(1, 19)), null);
        var names = request.Attributes!.ToDictionary(a => a.Name!, a => a.Value);

        Assert.Equal("linux", names["ecs.os-type"]);
        Assert.Equal("arm64", names["ecs.cpu-architecture"]);
        Assert.Contains("com.amazonaws.ecs.capability.docker-remote-api.1.17", names.Keys);
        Assert.Contains("com.amazonaws.ecs.capability.docker-remote-api.1.19", names.Keys);
        Assert.DoesNotContain("com.amazonaws.ecs.capability.docker-remote-api.1.20", names.Keys);
        Assert.Contains("ecs.capability.container-health-check", names.Keys);
        Assert.Contains("ecs.capability.container-ordering", names.Keys);
        Assert.Contains("com.amazonaws.ecs.capability.privileged-container", names.Keys);
        Assert.DoesNotContain("com.amazonaws.ecs.capability.task-iam-role", names.Keys);
        Assert.DoesNotContain("ecs.availability-zone", names.Keys);
        Assert.DoesNotContain("ecs.instance-type", names.Keys);
        Assert.DoesNotContain(names.Keys, n => n.Contains("logging-driver", StringComparison.Ordinal));
    }

    [Fact]
    public void OptionalAttributesAppearOnlyWhenGiven()
    {
        var options = Fixtures.Options() with { AvailabilityZone = "us-east-1a", InstanceType = "m5.large" };
        var request = HostRegistration.Request(options, Fixtures.Engine(logDrivers: ["json-file", "awslogs", "none"]), null);
        var names = request.Attributes!.ToDictionary(a => a.Name!, a => a.Value);

        Assert.Equal("x86_64", names["ecs.cpu-architecture"]);
        Assert.Equal("us-east-1a", names["ecs.availability-zone"]);
        Assert.Equal("m5.large", names["ecs.instance-type"]);
        Assert.Equal(
            ["com.amazonaws.ecs.capability.logging-driver.json-file", "com.amazonaws.ecs.capability.logging-driver.none",
                "com.amazonaws.ecs.capability.logging-driver.awslogs"],
            names.Keys.Where(n => n.Contains("logging-driver", StringComparison.Ordinal)));
    }
}
