using Berth.LoadBalancing.Haproxy;

namespace Berth.LoadBalancing.Tests.Haproxy;

public sealed class TargetHealthMapperTests
{
    private static readonly ProxiedTarget Target = new("arn:tg", "i-1", 8080);

    [Theory]
    [InlineData("UP", "INI", "", ObservedHealth.Initial, "Elb.InitialHealthChecking", "Initial health checks in progress")]
    [InlineData("UP", "L7OK", "200", ObservedHealth.Healthy, null, null)]
    [InlineData("UP 1/2", "L7STS", "500", ObservedHealth.Healthy, null, null)]
    [InlineData("DOWN", "L7STS", "500", ObservedHealth.Unhealthy, "Target.ResponseCodeMismatch", "Health checks failed with these codes: [500]")]
    [InlineData("DOWN", "L4TOUT", "", ObservedHealth.Unhealthy, "Target.Timeout", "Request timed out")]
    [InlineData("DOWN", "L7TOUT", "", ObservedHealth.Unhealthy, "Target.Timeout", "Request timed out")]
    [InlineData("DOWN", "L4CON", "", ObservedHealth.Unhealthy, "Target.FailedHealthChecks", "Health checks failed")]
    [InlineData("DOWN", "INI", "", ObservedHealth.Initial, "Elb.InitialHealthChecking", "Initial health checks in progress")]
    [InlineData("DOWN 1/2", "L7OK", "200", ObservedHealth.Initial, "Elb.InitialHealthChecking", "Initial health checks in progress")]
    [InlineData("no check", "", "", ObservedHealth.Healthy, null, null)]
    public void Observe_MapsHaproxyStatesToElbv2(string status, string check, string code, ObservedHealth state, string? reason, string? description)
    {
        var observation = TargetHealthMapper.Observe(Target, new ServerStat(new ServerName("b", "s"), status, check, code), previous: null);

        Assert.Equal(new TargetHealthObservation("arn:tg", "i-1", 8080, state, reason, description), observation);
    }

    [Theory]
    [InlineData("DOWN", "INI", "", false)] // after a reload, before the new worker's first check
    [InlineData("DOWN", "L7STS", "0", true)] // a check running: its code is already reset
    [InlineData("DOWN 1/2", "L7OK", "200", false)] // going up after failing
    public void Observe_PreviousUnhealthyObservationStands(string status, string check, string code, bool inProgress) =>
        Assert.Same(Failed, TargetHealthMapper.Observe(Target, new ServerStat(new ServerName("b", "s"), status, check, code, inProgress), Failed));

    [Fact]
    public void Observe_ServerInMaintenanceSaysNothing() =>
        Assert.Null(TargetHealthMapper.Observe(Target, new ServerStat(new ServerName("b", "s"), "MAINT", "L7OK", "200"), previous: null));

    [Fact]
    public void Observe_DownWithAPassingCheckAfterBeingHealthyIsUnhealthy()
    {
        var previous = new TargetHealthObservation("arn:tg", "i-1", 8080, ObservedHealth.Healthy, null, null);

        Assert.Equal(ObservedHealth.Unhealthy, TargetHealthMapper.Observe(Target, new ServerStat(new ServerName("b", "s"), "DOWN 1/2", "L7OK", "200"), previous)!.State);
    }

    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly ProxiedTarget Slow = Target with { UnhealthyAfter = TimeSpan.FromSeconds(10) };
    private static readonly TargetHealthObservation Failed = new("arn:tg", "i-1", 8080, ObservedHealth.Unhealthy, "Target.ResponseCodeMismatch", "Health checks failed with these codes: [500]");
    private static readonly TargetHealthObservation Initial = new("arn:tg", "i-1", 8080, ObservedHealth.Initial, "Elb.InitialHealthChecking", "Initial health checks in progress");

    [Fact]
    public void HoldInitial_NewTargetsFirstFailure_StaysInitialFromNow()
    {
        Assert.Equal((Initial, Now), TargetHealthMapper.HoldInitial(Slow, Failed, previous: null, failingSince: null, Now));
        Assert.Equal((Initial, Now), TargetHealthMapper.HoldInitial(Slow, Failed, Initial, failingSince: null, Now));
    }

    [Fact]
    public void HoldInitial_FailingForLessThanTheThreshold_StillInitialSinceTheFirstFailure() =>
        Assert.Equal((Initial, Now.AddSeconds(-9)), TargetHealthMapper.HoldInitial(Slow, Failed, Initial, Now.AddSeconds(-9), Now));

    [Fact]
    public void HoldInitial_FailingForTheThreshold_Unhealthy() =>
        Assert.Equal((Failed, null), TargetHealthMapper.HoldInitial(Slow, Failed, Initial, Now.AddSeconds(-10), Now));

    [Fact]
    public void HoldInitial_OnlyNewTargetsAreHeld()
    {
        var healthy = Failed with { State = ObservedHealth.Healthy, Reason = null, Description = null };

        Assert.Equal((Failed, null), TargetHealthMapper.HoldInitial(Slow, Failed, healthy, failingSince: null, Now));
        Assert.Equal((Failed, null), TargetHealthMapper.HoldInitial(Slow, Failed, Failed, failingSince: null, Now));
        Assert.Equal((Failed, null), TargetHealthMapper.HoldInitial(Target, Failed, previous: null, failingSince: null, Now)); // UnhealthyThreshold 1
        Assert.Equal((healthy, null), TargetHealthMapper.HoldInitial(Slow, healthy, Initial, Now.AddSeconds(-5), Now));
    }
}
