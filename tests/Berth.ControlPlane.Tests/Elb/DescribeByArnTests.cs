using Berth.Aws.Generated.Elbv2;
using Berth.Aws.Protocol;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Elb;

/// <summary>Describing load balancers, listeners and rules by ARN: each in the order named, and one that names nothing fails
/// the whole call with the resource's NotFound error.</summary>
public sealed class DescribeByArnTests : IAsyncLifetime
{
    private ElbHarness? harness;

    private ElbHarness Elb => harness ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync() => harness = await ElbHarness.OpenAsync();

    public async Task DisposeAsync() => await Elb.DisposeAsync();

    [Fact]
    public async Task LoadBalancers_InTheOrderNamed_AMissingOneFails()
    {
        var (web, api) = (await Elb.CreateLoadBalancerAsync("web"), await Elb.CreateLoadBalancerAsync("api"));

        var found = await Elb.LoadBalancers.DescribeLoadBalancers(
            Elb.Caller(), new DescribeLoadBalancersInput { LoadBalancerArns = [web.LoadBalancerArn!, api.LoadBalancerArn!] }, ElbHarness.None);
        var e = await Assert.ThrowsAsync<AwsException>(() => Elb.LoadBalancers.DescribeLoadBalancers(
            Elb.Caller(), new DescribeLoadBalancersInput { LoadBalancerArns = [web.LoadBalancerArn!, Missing(api.LoadBalancerArn!)] }, ElbHarness.None).AsTask());

        Assert.Equal(["web", "api"], found.LoadBalancers!.Select(l => l.LoadBalancerName));
        Assert.Equal("LoadBalancerNotFound", e.Code);
    }

    [Fact]
    public async Task Listeners_InTheOrderNamed_AMissingOneFails()
    {
        var lb = await Elb.CreateLoadBalancerAsync();
        var first = await Elb.CreateListenerAsync(lb.LoadBalancerArn!, 8081, ElbHarness.Fixed("404"));
        var second = await Elb.CreateListenerAsync(lb.LoadBalancerArn!, 8080, ElbHarness.Fixed("404"));

        var found = await Elb.Listeners.DescribeListeners(
            Elb.Caller(), new DescribeListenersInput { ListenerArns = [first.ListenerArn!, second.ListenerArn!] }, ElbHarness.None);
        var e = await Assert.ThrowsAsync<AwsException>(() => Elb.Listeners.DescribeListeners(
            Elb.Caller(), new DescribeListenersInput { ListenerArns = [Missing(first.ListenerArn!)] }, ElbHarness.None).AsTask());

        Assert.Equal([8081, 8080], found.Listeners!.Select(l => l.Port!.Value));
        Assert.Equal("ListenerNotFound", e.Code);
    }

    [Fact]
    public async Task Rules_InTheOrderNamed_AMissingOneFails()
    {
        var lb = await Elb.CreateLoadBalancerAsync();
        var listener = await Elb.CreateListenerAsync(lb.LoadBalancerArn!, 8080, ElbHarness.Fixed("404"));
        var low = await Elb.CreateRuleAsync(listener.ListenerArn!, 1, "/a", ElbHarness.Fixed("200"));
        var high = await Elb.CreateRuleAsync(listener.ListenerArn!, 2, "/b", ElbHarness.Fixed("200"));

        var found = await Elb.Rules.DescribeRules(Elb.Caller(), new DescribeRulesInput { RuleArns = [high.RuleArn!, low.RuleArn!] }, ElbHarness.None);
        var e = await Assert.ThrowsAsync<AwsException>(() => Elb.Rules.DescribeRules(
            Elb.Caller(), new DescribeRulesInput { RuleArns = [low.RuleArn!, Missing(high.RuleArn!)] }, ElbHarness.None).AsTask());

        Assert.Equal(["2", "1"], found.Rules!.Select(r => r.Priority));
        Assert.Equal("RuleNotFound", e.Code);
    }

    /// <summary>The ARN with its last id changed: well formed, naming nothing.</summary>
    private static string Missing(string arn) => arn[..(arn.LastIndexOf('/') + 1)] + "0123456789abcdef";
}
