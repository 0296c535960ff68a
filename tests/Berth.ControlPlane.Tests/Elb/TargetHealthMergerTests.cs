using Berth.ControlPlane.Elb;
using Berth.ControlPlane.Elb.Targets;
using Berth.LoadBalancing;

namespace Berth.ControlPlane.Tests.Elb;

public sealed class TargetHealthMergerTests
{
    private static readonly TargetRef Target = new("127.0.0.1", 9000);

    [Theory]
    [InlineData(true, true, true, ObservedHealth.Healthy, "draining", "Target.DeregistrationInProgress")]
    [InlineData(false, false, true, ObservedHealth.Healthy, "unused", "Target.NotInUse")]
    [InlineData(false, true, false, ObservedHealth.Healthy, "unavailable", "Target.HealthCheckDisabled")]
    [InlineData(false, true, true, null, "initial", "Elb.RegistrationInProgress")]
    [InlineData(false, true, true, ObservedHealth.Initial, "initial", "Elb.InitialHealthChecking")]
    [InlineData(false, true, true, ObservedHealth.Healthy, "healthy", null)]
    [InlineData(false, true, true, ObservedHealth.Unhealthy, "unhealthy", "Target.FailedHealthChecks")]
    public void Merge_FactsThenObservation_ElbV2StateAndReason(
        bool draining, bool inUse, bool enabled, ObservedHealth? observed, string state, string? reason)
    {
        var observation = observed is { } health ? new TargetHealthObservation("tg", Target.Id, Target.Port, health, null, null) : null;

        var view = TargetHealthMerger.Merge(Target, draining, inUse, enabled, observation);

        Assert.Equal((state, reason), (view.State, view.Reason));
    }

    [Fact]
    public void Merge_UnhealthyWithTheProxysReason_KeepsItsWords()
    {
        var observation = new TargetHealthObservation("tg", Target.Id, Target.Port, ObservedHealth.Unhealthy, "Target.Timeout", "Request timed out");

        var view = TargetHealthMerger.Merge(Target, false, true, true, observation);

        Assert.Equal(("Target.Timeout", "Request timed out"), (view.Reason, view.Description));
    }
}
