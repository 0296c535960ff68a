using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.ContainerInstances;

namespace Berth.ControlPlane.Tests.Ecs.ContainerInstances;

public sealed class RemainingResourcesTests
{
    [Fact]
    public void Of_NoReservations_IsWhatWasRegistered()
    {
        var registered = InstanceResources.Validate([Integer("CPU", 2048), Integer("MEMORY", 4096), StringSet("PORTS", "22")]);

        var remaining = RemainingResources.Of(registered, []);

        Assert.Equal([2048, 4096, 0, 0], remaining.Select(r => r.IntegerValue ?? -1));
        Assert.Equal(["22"], remaining[2].StringSetValue!);
    }

    [Fact]
    public void Of_TwoTasks_CpuAndMemorySubtractedPortsJoined()
    {
        var registered = InstanceResources.Validate([Integer("CPU", 2048), Integer("MEMORY", 4096), StringSet("PORTS", "22")]);
        Resource[] web = [Integer("CPU", 512), Integer("MEMORY", 1024), StringSet("PORTS", "80")];
        Resource[] worker = [Integer("CPU", 256), Integer("MEMORY", 512), StringSet("PORTS_UDP", "53")];

        var remaining = RemainingResources.Of(registered, [web, worker]);

        Assert.Equal((1280, 2560), (remaining[0].IntegerValue, remaining[1].IntegerValue));
        Assert.Equal(["22", "80"], remaining[2].StringSetValue!);
        Assert.Equal(["53"], remaining[3].StringSetValue!);
        Assert.Equal(["22"], registered[2].StringSetValue!);
    }

    private static Resource Integer(string name, int value) => new() { Name = name, Type = "INTEGER", IntegerValue = value };

    private static Resource StringSet(string name, params string[] values) => new() { Name = name, Type = "STRINGSET", StringSetValue = [.. values] };
}
