using Berth.Aws.Generated.Ecs;
using Berth.Aws.Protocol;
using Berth.ControlPlane.Ecs.ContainerInstances;

namespace Berth.ControlPlane.Tests.Ecs.ContainerInstances;

public sealed class InstanceStateRulesTests
{
    [Theory]
    [InlineData("ACTIVE")]
    [InlineData("DRAINING")]
    public void EnsureSettable_ActiveOrDraining_Accepted(string status) => InstanceStateRules.EnsureSettable(status);

    [Theory]
    [InlineData("REGISTERING")]
    [InlineData("DEREGISTERING")]
    [InlineData("REGISTRATION_FAILED")]
    [InlineData("INACTIVE")]
    public void EnsureSettable_AnyOtherStatus_InvalidParameterException(string status)
    {
        var error = Assert.Throws<AwsException>(() => InstanceStateRules.EnsureSettable(status));

        Assert.Equal(("InvalidParameterException", $"Container instances can only be set to ACTIVE or DRAINING, not {status}."), (error.Code, error.Message));
    }

    [Theory]
    [InlineData("ACTIVE", true)]
    [InlineData("DRAINING", true)]
    [InlineData("INACTIVE", false)]
    public void CanChangeState_Status_OnlyRegisteredInstances(string status, bool expected) =>
        Assert.Equal(expected, InstanceStateRules.CanChangeState(Instance(status)));

    [Theory]
    [InlineData("ACTIVE", "DRAINING", 8L)]
    [InlineData("DRAINING", "ACTIVE", 8L)]
    [InlineData("ACTIVE", "ACTIVE", 7L)]
    [InlineData("DRAINING", "DRAINING", 7L)]
    public void SetStatus_FromTo_NewStatusVersionBumpedOnlyOnChange(string from, string to, long version)
    {
        var updated = InstanceStateRules.SetStatus(Instance(from), to);

        Assert.Equal((to, version), (updated.Status, updated.Version));
    }

    [Theory]
    [InlineData(0, 0, false)]
    [InlineData(0, 0, true)]
    [InlineData(2, 0, true)]
    [InlineData(0, 1, true)]
    public void Deregister_NoTasksOrForced_InactiveDisconnectedVersionBumped(int running, int pending, bool force)
    {
        var deregistered = InstanceStateRules.Deregister(Instance("ACTIVE", running, pending) with { AgentConnected = true }, force);

        Assert.Equal((InstanceStatus.Inactive, false, 8L), (deregistered.Status, deregistered.AgentConnected, deregistered.Version));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(0, 1)]
    [InlineData(3, 2)]
    public void Deregister_TasksWithoutForce_InvalidParameterException(int running, int pending)
    {
        var error = Assert.Throws<AwsException>(() => InstanceStateRules.Deregister(Instance("ACTIVE", running, pending), force: false));

        Assert.Equal("InvalidParameterException", error.Code);
        Assert.Contains("running or pending tasks", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ActiveTasks_RunningAndPending_TheirSum() => Assert.Equal(5, InstanceStateRules.ActiveTasks(Instance("ACTIVE", 3, 2)));

    private static ContainerInstance Instance(string status, int running = 0, int pending = 0) =>
        new() { Status = status, Version = 7, RunningTasksCount = running, PendingTasksCount = pending };
}
