using Berth.Agent.Engine;
using TaskStatus = Berth.Agent.Engine.TaskStatus;
namespace Berth.Agent.Tests.Engine;

public sealed class WireNamesTests
{
    [Theory]
    [InlineData(TaskStatus.Provisioning, "PROVISIONING")]
    [InlineData(TaskStatus.Pending, "PENDING")]
    [InlineData(TaskStatus.Activating, "ACTIVATING")]
    [InlineData(TaskStatus.Running, "RUNNING")]
    [InlineData(TaskStatus.Deactivating, "DEACTIVATING")]
    [InlineData(TaskStatus.Stopping, "STOPPING")]
    [InlineData(TaskStatus.Deprovisioning, "DEPROVISIONING")]
    [InlineData(TaskStatus.Stopped, "STOPPED")]
    public void ToWire_TaskStatus_EcsName(TaskStatus status, string wire) => Assert.Equal(wire, status.ToWire());

    [Theory]
    [InlineData(ContainerStatus.None, "PENDING")]
    [InlineData(ContainerStatus.Pulled, "PENDING")]
    [InlineData(ContainerStatus.Created, "PENDING")]
    [InlineData(ContainerStatus.Running, "RUNNING")]
    [InlineData(ContainerStatus.Stopped, "STOPPED")]
    public void ToWire_ContainerStatus_CollapsesToPendingRunningStopped(ContainerStatus status, string wire) => Assert.Equal(wire, status.ToWire());

    [Theory]
    [InlineData(HealthStatus.Unknown, "UNKNOWN")]
    [InlineData(HealthStatus.Healthy, "HEALTHY")]
    [InlineData(HealthStatus.Unhealthy, "UNHEALTHY")]
    public void ToWire_HealthStatus_EcsName(HealthStatus status, string wire) => Assert.Equal(wire, status.ToWire());

    [Theory]
    [InlineData(DesiredStatus.Running, "RUNNING")]
    [InlineData(DesiredStatus.Stopped, "STOPPED")]
    public void ToWire_DesiredStatus_EcsNameAndParsesBack(DesiredStatus status, string wire)
    {
        Assert.Equal(wire, status.ToWire());
        Assert.True(WireNames.TryParseDesiredStatus(wire, out var parsed));
        Assert.Equal(status, parsed);
    }

    [Theory]
    [InlineData(TaskStopCode.TaskFailedToStart, "TaskFailedToStart")]
    [InlineData(TaskStopCode.EssentialContainerExited, "EssentialContainerExited")]
    [InlineData(TaskStopCode.UserInitiated, "UserInitiated")]
    [InlineData(TaskStopCode.ServiceSchedulerInitiated, "ServiceSchedulerInitiated")]
    [InlineData(TaskStopCode.SpotInterruption, "SpotInterruption")]
    [InlineData(TaskStopCode.TerminationNotice, "TerminationNotice")]
    [InlineData(TaskStopCode.InfrastructureHealth, "InfrastructureHealth")]
    public void ToWire_TaskStopCode_EcsName(TaskStopCode code, string wire) => Assert.Equal(wire, code.ToWire());

    [Theory]
    [InlineData(DependencyCondition.Start, "START")]
    [InlineData(DependencyCondition.Complete, "COMPLETE")]
    [InlineData(DependencyCondition.Success, "SUCCESS")]
    [InlineData(DependencyCondition.Healthy, "HEALTHY")]
    public void ToWire_DependencyCondition_EcsNameAndParsesBack(DependencyCondition condition, string wire)
    {
        Assert.Equal(wire, condition.ToWire());
        Assert.True(WireNames.TryParseDependencyCondition(wire, out var parsed));
        Assert.Equal(condition, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("start")]
    [InlineData("PENDING")]
    public void TryParse_NotAnEcsValue_False(string? wire)
    {
        Assert.False(WireNames.TryParseDependencyCondition(wire, out _));
        Assert.False(WireNames.TryParseDesiredStatus(wire, out _));
    }

    [Fact]
    public void ToWire_EveryEnumValue_HasAMapping()
    {
        // A value added to an enum without a wire name would throw here rather than reach a client.
        foreach (var value in Enum.GetValues<TaskStatus>()) { Assert.NotEmpty(value.ToWire()); }
        foreach (var value in Enum.GetValues<ContainerStatus>()) { Assert.NotEmpty(value.ToWire()); }
        foreach (var value in Enum.GetValues<HealthStatus>()) { Assert.NotEmpty(value.ToWire()); }
        foreach (var value in Enum.GetValues<DesiredStatus>()) { Assert.NotEmpty(value.ToWire()); }
        foreach (var value in Enum.GetValues<TaskStopCode>()) { Assert.NotEmpty(value.ToWire()); }
        foreach (var value in Enum.GetValues<DependencyCondition>()) { Assert.NotEmpty(value.ToWire()); }
    }
}
