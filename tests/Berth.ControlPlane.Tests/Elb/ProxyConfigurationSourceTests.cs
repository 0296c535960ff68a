using Berth.Aws.Generated.Elbv2;
using Berth.LoadBalancing;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Elb;

public sealed class ProxyConfigurationSourceTests : IAsyncLifetime
{
    private ElbHarness? harness;

    private ElbHarness Elb => harness ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync() => harness = await ElbHarness.OpenAsync();

    public async Task DisposeAsync() => await Elb.DisposeAsync();

    [Fact]
    public async Task ReadAsync_NothingConfigured_Empty()
    {
        var configuration = await Elb.Proxy.ReadAsync(ElbHarness.None);

        Assert.Empty(configuration.Listeners);
        Assert.Empty(configuration.TargetGroups);
    }

    [Fact]
    public async Task ReadAsync_ListenersCarryTheirLoadBalancersIdleTimeout()
    {
        var (web, api) = (await Elb.CreateLoadBalancerAsync("web"), await Elb.CreateLoadBalancerAsync("api"));
        await Elb.LoadBalancers.ModifyLoadBalancerAttributes(
            Elb.Caller(),
            new ModifyLoadBalancerAttributesInput { LoadBalancerArn = web.LoadBalancerArn, Attributes = [new() { Key = "idle_timeout.timeout_seconds", Value = "300" }] },
            ElbHarness.None);
        await Elb.CreateListenerAsync(web.LoadBalancerArn!, 8080, ElbHarness.Fixed("200"));
        await Elb.CreateListenerAsync(api.LoadBalancerArn!, 8081, ElbHarness.Fixed("200"));

        var configuration = await Elb.Proxy.ReadAsync(ElbHarness.None);

        Assert.Equal([(8080, 300), (8081, 60)], configuration.Listeners.Select(l => (l.Port, l.IdleTimeoutSeconds)));
    }

    [Fact]
    public async Task ReadAsync_RulesInPriorityOrderDefaultLastAndUnusedGroupsLeftOut()
    {
        var lb = await Elb.CreateLoadBalancerAsync("web");
        var blue = await Elb.CreateTargetGroupAsync("blue", "ip", 8080);
        var green = await Elb.CreateTargetGroupAsync("green", "instance", 8080);
        await Elb.CreateTargetGroupAsync("unused", "ip", 8080);
        var listener = await Elb.CreateListenerAsync(lb.LoadBalancerArn!, 8080, ElbHarness.Fixed("404"));
        await Elb.CreateRuleAsync(listener.ListenerArn!, 20, "/green/*", ElbHarness.Forward(green.TargetGroupArn!));
        await Elb.CreateRuleAsync(listener.ListenerArn!, 10, "/blue/*", ElbHarness.Forward(blue.TargetGroupArn!));

        var configuration = await Elb.Proxy.ReadAsync(ElbHarness.None);

        var proxied = Assert.Single(configuration.Listeners);
        Assert.Equal((8080, lb.DNSName, lb.LoadBalancerArn), (proxied.Port, proxied.DnsName, proxied.LoadBalancerArn));
        Assert.Equal([10, 20, int.MaxValue], proxied.Rules.Select(r => r.Priority));
        Assert.Equal(["/blue/*"], Assert.IsType<PathPatternCondition>(Assert.Single(proxied.Rules[0].Conditions)).Values);
        Assert.Empty(proxied.Rules[2].Conditions);
        Assert.Equal(new FixedResponseAction(404, null, null), proxied.Rules[2].Action);
        Assert.Equal([blue.TargetGroupArn, green.TargetGroupArn], configuration.TargetGroups.Select(g => g.TargetGroupArn).Order(StringComparer.Ordinal));
        var health = configuration.TargetGroups.First(g => g.Name == "blue").HealthCheck;
        Assert.Equal(new ProxyHealthCheck(true, "/", "traffic-port", 30, 5, 5, 2, "200"), health);
    }

    [Fact]
    public async Task ReadAsync_TargetsWithAddressesAndDrainingFlag()
    {
        var lb = await Elb.CreateLoadBalancerAsync("web");
        var tg = await Elb.CreateTargetGroupAsync("green", "instance", 8080);
        await Elb.AddContainerInstanceAsync("i-0000000000000000a");
        await Elb.AddContainerInstanceAsync("i-0000000000000000b");
        await Elb.CreateListenerAsync(lb.LoadBalancerArn!, 8080, ElbHarness.Forward(tg.TargetGroupArn!));
        await Elb.Targets.RegisterTargets(
            Elb.Caller(),
            new RegisterTargetsInput
            {
                TargetGroupArn = tg.TargetGroupArn,
                Targets = [new TargetDescription { Id = "i-0000000000000000a", Port = 32768 }, new TargetDescription { Id = "i-0000000000000000b", Port = 32769 }],
            },
            ElbHarness.None);
        await Elb.Targets.DeregisterTargets(
            Elb.Caller(), new DeregisterTargetsInput { TargetGroupArn = tg.TargetGroupArn, Targets = [new TargetDescription { Id = "i-0000000000000000b", Port = 32769 }] },
            ElbHarness.None);

        var group = Assert.Single((await Elb.Proxy.ReadAsync(ElbHarness.None)).TargetGroups);

        Assert.Equal(
            [new ProxyTarget("i-0000000000000000a", 32768, "127.0.0.1", false), new ProxyTarget("i-0000000000000000b", 32769, "127.0.0.1", true)],
            group.Targets);
        Assert.Equal(300, group.DeregistrationDelaySeconds);
        Assert.Null(group.StickinessSeconds);
    }

    [Fact]
    public async Task ReadAsync_WeightedForward_BothGroupsWithTheirWeights()
    {
        var lb = await Elb.CreateLoadBalancerAsync("web");
        var blue = await Elb.CreateTargetGroupAsync("blue");
        var green = await Elb.CreateTargetGroupAsync("green");
        await Elb.CreateListenerAsync(lb.LoadBalancerArn!, 8080, new Aws.Generated.Elbv2.Action
        {
            Type = "forward",
            ForwardConfig = new ForwardActionConfig
            {
                TargetGroups = [new TargetGroupTuple { TargetGroupArn = blue.TargetGroupArn, Weight = 3 }, new TargetGroupTuple { TargetGroupArn = green.TargetGroupArn, Weight = 1 }],
                TargetGroupStickinessConfig = new TargetGroupStickinessConfig { Enabled = true, DurationSeconds = 60 },
            },
        });

        var action = Assert.IsType<ForwardAction>((await Elb.Proxy.ReadAsync(ElbHarness.None)).Listeners[0].Rules.Single().Action);

        Assert.Equal([new WeightedTargetGroup(blue.TargetGroupArn!, 3), new WeightedTargetGroup(green.TargetGroupArn!, 1)], action.TargetGroups);
        Assert.Equal(60, action.StickinessSeconds);
    }

    [Fact]
    public async Task WaitForChangeAsync_AfterRead_CompletesOnAnElbWrite()
    {
        await Elb.Proxy.ReadAsync(ElbHarness.None);
        var waiting = Elb.Proxy.WaitForChangeAsync(ElbHarness.None);
        Assert.False(waiting.IsCompleted);

        await Elb.CreateLoadBalancerAsync("web");

        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(waiting.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task WaitForChangeAsync_OnlyOtherKindsChanged_KeepsWaitingUntilAnElbWrite()
    {
        await Elb.Proxy.ReadAsync(ElbHarness.None);
        await Elb.AddContainerInstanceAsync("i-0000000000000000a");

        var waiting = Elb.Proxy.WaitForChangeAsync(ElbHarness.None);
        var completedOnTheInstance = waiting.IsCompleted;
        await Elb.CreateTargetGroupAsync("blue");
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(completedOnTheInstance);
    }
}
