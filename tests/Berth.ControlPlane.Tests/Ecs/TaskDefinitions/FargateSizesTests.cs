using Berth.ControlPlane.Ecs.TaskDefinitions;

namespace Berth.ControlPlane.Tests.Ecs.TaskDefinitions;

/// <summary>Fargate's table: 0.25 vCPU takes 512, 1024 or 2048 MiB; 0.5 vCPU 1–4 GiB; 1 vCPU 2–8 GiB; 2 vCPU 4–16 GiB and
/// 4 vCPU 8–30 GiB, all in 1 GiB steps; 8 vCPU 16–60 GiB in 4 GiB steps; 16 vCPU 32–120 GiB in 8 GiB steps.</summary>
public sealed class FargateSizesTests
{
    [Theory]
    [InlineData(256, 512)]
    [InlineData(256, 1024)]
    [InlineData(256, 2048)]
    [InlineData(512, 1024)]
    [InlineData(512, 2048)]
    [InlineData(512, 3072)]
    [InlineData(512, 4096)]
    [InlineData(1024, 2048)]
    [InlineData(1024, 5120)]
    [InlineData(1024, 8192)]
    [InlineData(2048, 4096)]
    [InlineData(2048, 9216)]
    [InlineData(2048, 16384)]
    [InlineData(4096, 8192)]
    [InlineData(4096, 20480)]
    [InlineData(4096, 30720)]
    [InlineData(8192, 16384)]
    [InlineData(8192, 20480)]
    [InlineData(8192, 61440)]
    [InlineData(16384, 32768)]
    [InlineData(16384, 40960)]
    [InlineData(16384, 122880)]
    public void IsValid_SizeInTheTable_True(int cpu, int memory) =>
        Assert.True(FargateSizes.IsValid(cpu, memory));

    [Theory]
    [InlineData(256, 256)]
    [InlineData(256, 511)]
    [InlineData(256, 768)]
    [InlineData(256, 1536)]
    [InlineData(256, 2560)]
    [InlineData(256, 3072)]
    [InlineData(512, 512)]
    [InlineData(512, 1536)]
    [InlineData(512, 5120)]
    [InlineData(1024, 1024)]
    [InlineData(1024, 2560)]
    [InlineData(1024, 9216)]
    [InlineData(2048, 3072)]
    [InlineData(2048, 4608)]
    [InlineData(2048, 17408)]
    [InlineData(4096, 7168)]
    [InlineData(4096, 31744)]
    [InlineData(8192, 15360)]
    [InlineData(8192, 17408)]
    [InlineData(8192, 65536)]
    [InlineData(16384, 24576)]
    [InlineData(16384, 36864)]
    [InlineData(16384, 131072)]
    [InlineData(0, 512)]
    [InlineData(128, 512)]
    [InlineData(768, 2048)]
    [InlineData(32768, 65536)]
    public void IsValid_SizeOutsideTheTable_False(int cpu, int memory) =>
        Assert.False(FargateSizes.IsValid(cpu, memory));
}
