using Berth.Aws.Generated.Ecs;
using Berth.Aws.Protocol;
using Berth.ControlPlane.Ecs.ContainerInstances;

namespace Berth.ControlPlane.Tests.Ecs.ContainerInstances;

public sealed class InstanceResourcesTests
{
    [Fact]
    public void Validate_WhatTheAgentSends_WireShapeWithEveryValueMember()
    {
        var resources = InstanceResources.Validate(
        [
            Integer("CPU", 2048),
            Integer("MEMORY", 3928),
            StringSet("PORTS", "22", "2375", "2376", "51678", "51679"),
            StringSet("PORTS_UDP"),
        ]);

        Assert.Equal(["CPU", "MEMORY", "PORTS", "PORTS_UDP"], resources.Select(r => r.Name!));
        Assert.Equal(new Resource { Name = "CPU", Type = "INTEGER", IntegerValue = 2048, LongValue = 0, DoubleValue = 0 }, resources[0]);
        Assert.Equal(3928, resources[1].IntegerValue);
        Assert.Equal(["22", "2375", "2376", "51678", "51679"], resources[2].StringSetValue!);
        Assert.Equal((0, 0L, 0.0), (resources[2].IntegerValue, resources[2].LongValue, resources[2].DoubleValue));
        Assert.Empty(resources[3].StringSetValue!);
    }

    [Fact]
    public void Validate_OrderOfTheRequest_AnswersInCanonicalOrder() =>
        Assert.Equal(
            ["CPU", "MEMORY", "PORTS", "PORTS_UDP"],
            InstanceResources.Validate([StringSet("PORTS_UDP", "53"), Integer("MEMORY", 1), Integer("CPU", 1)]).Select(r => r.Name!));

    [Fact]
    public void Validate_NoPorts_BothPortSetsEmpty()
    {
        var resources = InstanceResources.Validate([Integer("CPU", 1024), Integer("MEMORY", 512)]);

        Assert.Empty(resources[2].StringSetValue!);
        Assert.Empty(resources[3].StringSetValue!);
    }

    [Fact]
    public void Validate_ZeroCpu_IsAllowed() => Assert.Equal(0, InstanceResources.Validate([Integer("CPU", 0), Integer("MEMORY", 1)])[0].IntegerValue);

    [Fact]
    public void Validate_PortsRepeatedOrZeroPadded_OnceEachInCanonicalForm() =>
        Assert.Equal(["22", "80"], InstanceResources.Validate([Integer("CPU", 1), Integer("MEMORY", 1), StringSet("PORTS", "22", "022", "80", "22")])[2].StringSetValue!);

    public static TheoryData<string, Resource[], string> Invalid => new()
    {
        { "no resources", [], "totalResources must include CPU as an INTEGER resource." },
        { "no CPU", [Integer("MEMORY", 1)], "totalResources must include CPU as an INTEGER resource." },
        { "no MEMORY", [Integer("CPU", 1)], "totalResources must include MEMORY as an INTEGER resource." },
        { "negative CPU", [Integer("CPU", -1), Integer("MEMORY", 1)], "The value of resource CPU must not be negative." },
        { "negative MEMORY", [Integer("CPU", 1), Integer("MEMORY", -512)], "The value of resource MEMORY must not be negative." },
        {
            "CPU as a long", [new Resource { Name = "CPU", Type = "LONG", LongValue = 1024 }, Integer("MEMORY", 1)],
            "Resource CPU must be of type INTEGER, given as integerValue."
        },
        {
            "MEMORY without a value", [Integer("CPU", 1), new Resource { Name = "MEMORY", Type = "INTEGER" }],
            "Resource MEMORY must be of type INTEGER, given as integerValue."
        },
        {
            "PORTS as an integer", [Integer("CPU", 1), Integer("MEMORY", 1), Integer("PORTS", 22)],
            "Resource PORTS must be of type STRINGSET, given as stringSetValue."
        },
        {
            "unknown name", [Integer("CPU", 1), Integer("MEMORY", 1), Integer("FPGA", 1)],
            "Unknown resource 'FPGA': container instances register CPU, MEMORY, PORTS, PORTS_UDP and GPU."
        },
        {
            "GPU as an integer", [Integer("CPU", 1), Integer("MEMORY", 1), Integer("GPU", 1)],
            "Resource GPU must be of type STRINGSET, given as stringSetValue."
        },
        {
            "GPU with an empty id", [Integer("CPU", 1), Integer("MEMORY", 1), StringSet("GPU", "")],
            "Resource GPU must list non-empty GPU ids."
        },
        {
            "lower-case name", [Integer("cpu", 1), Integer("MEMORY", 1)],
            "Unknown resource 'cpu': container instances register CPU, MEMORY, PORTS, PORTS_UDP and GPU."
        },
        {
            "no name", [new Resource { Type = "INTEGER", IntegerValue = 1 }],
            "Unknown resource '': container instances register CPU, MEMORY, PORTS, PORTS_UDP and GPU."
        },
        { "CPU twice", [Integer("CPU", 1), Integer("CPU", 2), Integer("MEMORY", 1)], "Resource CPU is given more than once." },
        {
            "port zero", [Integer("CPU", 1), Integer("MEMORY", 1), StringSet("PORTS", "0")],
            "'0' in resource PORTS is not a port number between 1 and 65535."
        },
        {
            "port too large", [Integer("CPU", 1), Integer("MEMORY", 1), StringSet("PORTS_UDP", "65536")],
            "'65536' in resource PORTS_UDP is not a port number between 1 and 65535."
        },
        {
            "port range", [Integer("CPU", 1), Integer("MEMORY", 1), StringSet("PORTS", "8000-8080")],
            "'8000-8080' in resource PORTS is not a port number between 1 and 65535."
        },
        {
            "negative port", [Integer("CPU", 1), Integer("MEMORY", 1), StringSet("PORTS", "-22")],
            "'-22' in resource PORTS is not a port number between 1 and 65535."
        },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_InvalidResources_InvalidParameterException(string label, Resource[] resources, string message)
    {
        var error = Assert.Throws<AwsException>(() => InstanceResources.Validate(resources));

        Assert.True(("InvalidParameterException", message) == (error.Code, error.Message), $"{label}: {error.Code} {error.Message}");
    }

    private static Resource Integer(string name, int value) => new() { Name = name, Type = "INTEGER", IntegerValue = value };

    private static Resource StringSet(string name, params string[] values) => new() { Name = name, Type = "STRINGSET", StringSetValue = [.. values] };
}
