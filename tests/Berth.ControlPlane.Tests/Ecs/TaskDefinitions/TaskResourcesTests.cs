using Berth.Aws.Protocol;
using Berth.ControlPlane.Ecs.TaskDefinitions;

namespace Berth.ControlPlane.Tests.Ecs.TaskDefinitions;

public sealed class TaskResourcesTests
{
    [Theory]
    [InlineData(null, null, null, null)]
    [InlineData("0.25 vCPU", "0.5GB", 256, 512)]
    [InlineData("128", null, 128, null)]
    [InlineData("196608", "6", 196608, 6)]
    [InlineData(null, "2GB", null, 2048)]
    public void Parse_ValidSizes_AreNumbers(string? cpu, string? memory, int? expectedCpu, int? expectedMemory) =>
        Assert.Equal(new TaskResources(expectedCpu, expectedMemory), TaskResources.Parse(cpu, memory));

    [Theory]
    [InlineData("x", null, "Invalid 'cpu' setting for task: 'x'.")]
    [InlineData("127", null, "Invalid 'cpu' setting for task: 127 units is outside 128 to 196608.")]
    [InlineData("196609", null, "Invalid 'cpu' setting for task: 196609 units is outside 128 to 196608.")]
    [InlineData(null, "lots", "Invalid 'memory' setting for task: 'lots'.")]
    [InlineData(null, "5", "Invalid 'memory' setting for task: 5 MiB is below the minimum.")]
    public void Parse_InvalidSizes_ClientException(string? cpu, string? memory, string message)
    {
        var error = Assert.Throws<AwsException>(() => TaskResources.Parse(cpu, memory));

        Assert.Equal(("ClientException", message), (error.Code, error.Message));
    }
}
