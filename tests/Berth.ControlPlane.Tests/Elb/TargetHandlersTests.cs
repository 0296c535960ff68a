using Berth.Aws.Generated.Elbv2;
using Berth.Aws.Protocol;
using Berth.LoadBalancing;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Elb;

public sealed class TargetHandlersTests : IAsyncLifetime
{
    private ElbHarness? harness;

    private ElbHarness Elb => harness ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync() => harness = await ElbHarness.OpenAsync();

    public async Task DisposeAsync() => await Elb.DisposeAsync();

    [Fact]
    public async Task RegisterTargets_UnknownInstance_InvalidTargetAndNothingStored()
    {
        await Elb.AddContainerInstanceAsync("i-0123456789abcdef0");
        await Elb.AddContainerInstanceAsync("i-gone", "INACTIVE");
        var tg = await Elb.CreateTargetGroupAsync("blue", "instance");

        var e = await Assert.ThrowsAsync<AwsException>(() => RegisterAsync(tg, ("i-0123456789abcdef0", null), ("i-gone", null), ("i-nope", null), ("i-nope", 81)));

        Assert.Equal(("InvalidTarget", "The following targets are not valid instances: 'i-nope'"), (e.Code, e.Message));
        Assert.Empty(await HealthAsync(tg));
    }

    [Fact]
    public async Task RegisterTargets_DeregisteredContainerInstance_NotInARunningState()
    {
        await Elb.AddContainerInstanceAsync("i-0123456789abcdef0");
        await Elb.AddContainerInstanceAsync("i-gone", "INACTIVE");
        var tg = await Elb.CreateTargetGroupAsync("blue", "instance");

        var e = await Assert.ThrowsAsync<AwsException>(() => RegisterAsync(tg, ("i-0123456789abcdef0", null), ("i-gone", null)));

        Assert.Equal(("InvalidTarget", "The following targets are not in a running state and cannot be registered: 'i-gone'"), (e.Code, e.Message));
        Assert.Empty(await HealthAsync(tg));
    }

    [Fact]
    public async Task RegisterTargets_IpNotOnThisMachine_InvalidTarget()
    {
        var tg = await Elb.CreateTargetGroupAsync("blue", "ip");

        var e = await Assert.ThrowsAsync<AwsException>(() => RegisterAsync(tg, ("203.0.113.9", null)));

        Assert.Equal("InvalidTarget", e.Code);
    }

    [Fact]
    public async Task RegisterTargets_PortDefaultsToTheGroupsAndNoListener_Unused()
    {
        var tg = await Elb.CreateTargetGroupAsync("blue", "ip", 8080);

        await RegisterAsync(tg, ("127.0.0.1", null), ("127.0.0.1", 9000));
        var health = await HealthAsync(tg);

        Assert.Equal([8080, 9000], health.Select(h => h.Target!.Port!.Value).Order());
        Assert.All(health, h => Assert.Equal(("unused", "Target.NotInUse"), (h.TargetHealth!.State, h.TargetHealth.Reason)));
        Assert.All(health, h => Assert.Equal(h.Target!.Port!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), h.HealthCheckPort));
    }

    [Fact]
    public async Task DescribeTargetHealth_BehindAListener_InitialThenWhatTheProxyObserves()
    {
        var tg = await InUseGroupAsync();
        await RegisterAsync(tg, ("127.0.0.1", 9000));

        var initial = (await HealthAsync(tg)).Single().TargetHealth!;
        Elb.Health.Observations[tg.TargetGroupArn!] = [new TargetHealthObservation(tg.TargetGroupArn!, "127.0.0.1", 9000, ObservedHealth.Unhealthy,
            "Target.ResponseCodeMismatch", "Health checks failed with these codes: [500]")];
        var unhealthy = (await HealthAsync(tg)).Single().TargetHealth!;

        Assert.Equal(("initial", "Elb.RegistrationInProgress"), (initial.State, initial.Reason));
        Assert.Equal(("unhealthy", "Target.ResponseCodeMismatch", "Health checks failed with these codes: [500]"), (unhealthy.State, unhealthy.Reason, unhealthy.Description));
    }

    [Fact]
    public async Task DescribeTargetHealth_TargetNotRegistered_UnusedNotRegistered()
    {
        var tg = await Elb.CreateTargetGroupAsync("blue", "ip", 8080);

        var health = await Elb.Targets.DescribeTargetHealth(
            Elb.Caller(), new DescribeTargetHealthInput { TargetGroupArn = tg.TargetGroupArn, Targets = [new TargetDescription { Id = "127.0.0.1" }] }, ElbHarness.None);

        var only = health.TargetHealthDescriptions!.Single();
        Assert.Equal(("127.0.0.1", 8080), (only.Target!.Id, only.Target.Port));
        Assert.Equal(("unused", "Target.NotRegistered", "Target is not registered to the target group"),
            (only.TargetHealth!.State, only.TargetHealth.Reason, only.TargetHealth.Description));
    }

    [Fact]
    public async Task DeregisterTargets_InUse_DrainsForTheDelayThenTheSweeperRemovesIt()
    {
        var tg = await InUseGroupAsync();
        await RegisterAsync(tg, ("127.0.0.1", 9000));
        await Elb.TargetGroups.ModifyTargetGroupAttributes(
            Elb.Caller(),
            new ModifyTargetGroupAttributesInput
            {
                TargetGroupArn = tg.TargetGroupArn,
                Attributes = [new TargetGroupAttribute { Key = "deregistration_delay.timeout_seconds", Value = "30" }],
            },
            ElbHarness.None);

        await Elb.Targets.DeregisterTargets(
            Elb.Caller(), new DeregisterTargetsInput { TargetGroupArn = tg.TargetGroupArn, Targets = [new TargetDescription { Id = "127.0.0.1", Port = 9000 }] },
            ElbHarness.None);
        var draining = (await HealthAsync(tg)).Single().TargetHealth!;
        Elb.Time.Advance(TimeSpan.FromSeconds(29));
        var sweptEarly = await Elb.Sweeper.SweepAsync(ElbHarness.None);
        Elb.Time.Advance(TimeSpan.FromSeconds(1));
        var goneBeforeSweep = await HealthAsync(tg);
        var swept = await Elb.Sweeper.SweepAsync(ElbHarness.None);

        Assert.Equal(("draining", "Target.DeregistrationInProgress"), (draining.State, draining.Reason));
        Assert.Equal(0, sweptEarly);
        Assert.Empty(goneBeforeSweep);
        Assert.Equal(1, swept);
    }

    [Fact]
    public async Task RegisterTargets_WhileDraining_RegisteredAgain()
    {
        var tg = await InUseGroupAsync();
        await RegisterAsync(tg, ("127.0.0.1", 9000));
        await Elb.Targets.DeregisterTargets(
            Elb.Caller(), new DeregisterTargetsInput { TargetGroupArn = tg.TargetGroupArn, Targets = [new TargetDescription { Id = "127.0.0.1", Port = 9000 }] },
            ElbHarness.None);

        await RegisterAsync(tg, ("127.0.0.1", 9000));

        Assert.Equal("initial", (await HealthAsync(tg)).Single().TargetHealth!.State);
    }

    [Fact]
    public async Task DeregisterTargets_GroupNotInUseOrTargetUnknown_RemovedAtOnceOrIgnored()
    {
        var tg = await Elb.CreateTargetGroupAsync("blue", "ip", 8080);
        await RegisterAsync(tg, ("127.0.0.1", null));

        await Elb.Targets.DeregisterTargets(
            Elb.Caller(),
            new DeregisterTargetsInput { TargetGroupArn = tg.TargetGroupArn, Targets = [new TargetDescription { Id = "127.0.0.1" }, new TargetDescription { Id = "127.0.0.2" }] },
            ElbHarness.None);

        Assert.Empty(await HealthAsync(tg));
    }

    private async Task<TargetGroup> InUseGroupAsync()
    {
        var lb = await Elb.CreateLoadBalancerAsync("web");
        var tg = await Elb.CreateTargetGroupAsync("blue", "ip", 8080);
        await Elb.CreateListenerAsync(lb.LoadBalancerArn!, 8080, ElbHarness.Forward(tg.TargetGroupArn!));
        return tg;
    }

    private async Task RegisterAsync(TargetGroup tg, params (string Id, int? Port)[] targets) =>
        await Elb.Targets.RegisterTargets(
            Elb.Caller(),
            new RegisterTargetsInput { TargetGroupArn = tg.TargetGroupArn, Targets = [.. targets.Select(t => new TargetDescription { Id = t.Id, Port = t.Port })] },
            ElbHarness.None);

    private async Task<List<TargetHealthDescription>> HealthAsync(TargetGroup tg) =>
        (await Elb.Targets.DescribeTargetHealth(Elb.Caller(), new DescribeTargetHealthInput { TargetGroupArn = tg.TargetGroupArn }, ElbHarness.None))
            .TargetHealthDescriptions!;
}
