using Berth.ControlPlane.Ecs.TaskDefinitions;

namespace Berth.ControlPlane.Tests.Ecs.TaskDefinitions;

public sealed class TaskSizeTests
{
    [Theory]
    [InlineData("256", 256)]
    [InlineData(" 512 ", 512)]
    [InlineData("0", 0)]
    [InlineData("1 vCPU", 1024)]
    [InlineData("1vCPU", 1024)]
    [InlineData("0.25 vcpu", 256)]
    [InlineData("0.5 VCPU", 512)]
    [InlineData("1.5 vCPU", 1536)]
    [InlineData("16 vCPU", 16384)]
    [InlineData(" 2 vCPU ", 2048)]
    public void ParseCpu_NumberOrVcpu_IsCpuUnits(string text, int expected) =>
        Assert.Equal(expected, TaskSize.ParseCpu(text));

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("-256")]
    [InlineData("+256")]
    [InlineData("1,024")]
    [InlineData("1e3")]
    [InlineData("256.0")]
    [InlineData("2GB")]
    [InlineData("1 vCPUs")]
    [InlineData("vCPU")]
    [InlineData(".5 vCPU")]
    [InlineData("0.1 vCPU")]
    [InlineData("99999999999")]
    [InlineData("3000000 vCPU")]
    public void ParseCpu_NotACpuSize_IsNull(string text) =>
        Assert.Null(TaskSize.ParseCpu(text));

    [Theory]
    [InlineData("512", 512)]
    [InlineData("2GB", 2048)]
    [InlineData("2 GB", 2048)]
    [InlineData("0.5 gb", 512)]
    [InlineData("1.5GB", 1536)]
    [InlineData("120 GB", 122880)]
    public void ParseMemory_NumberOrGb_IsMiB(string text, int expected) =>
        Assert.Equal(expected, TaskSize.ParseMemory(text));

    [Theory]
    [InlineData("")]
    [InlineData("lots")]
    [InlineData("2 GiB")]
    [InlineData("2MB")]
    [InlineData("1 vCPU")]
    [InlineData("0.0001GB")]
    [InlineData("-512")]
    public void ParseMemory_NotAMemorySize_IsNull(string text) =>
        Assert.Null(TaskSize.ParseMemory(text));
}
