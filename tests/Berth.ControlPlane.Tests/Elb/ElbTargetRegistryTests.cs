using Berth.ControlPlane.Elb;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Elb;

public sealed class ElbTargetRegistryTests : IAsyncLifetime
{
    private ElbHarness? harness;

    private ElbHarness Elb => harness ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync() => harness = await ElbHarness.OpenAsync();

    public async Task DisposeAsync() => await Elb.DisposeAsync();

    [Fact]
    public async Task FindTargetGroupAsync_ForwardedTo_FactsWithItsLoadBalancer()
    {
        var lb = await Elb.CreateLoadBalancerAsync("web");
        var tg = await Elb.CreateTargetGroupAsync("blue", "instance", 80);
        await Elb.CreateListenerAsync(lb.LoadBalancerArn!, 8080, ElbHarness.Forward(tg.TargetGroupArn!));

        var facts = await Elb.Registry.FindTargetGroupAsync(ElbHarness.Scope, tg.TargetGroupArn!, ElbHarness.None);

        Assert.Equal(new TargetGroupFacts(tg.TargetGroupArn!, "blue", "instance", 80, [], 300) with { LoadBalancerArns = facts!.LoadBalancerArns }, facts);
        Assert.Equal([lb.LoadBalancerArn!], facts.LoadBalancerArns);
    }

    [Theory]
    [InlineData("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/nope/0123456789abcdef")]
    [InlineData("arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/blue/0123456789abcdef")]
    [InlineData("not-an-arn")]
    public async Task FindTargetGroupAsync_MissingOrMalformed_Null(string arn) =>
        Assert.Null(await Elb.Registry.FindTargetGroupAsync(ElbHarness.Scope, arn, ElbHarness.None));

    [Fact]
    public async Task RegisterDescribeDeregister_AsTheApiDoes()
    {
        var lb = await Elb.CreateLoadBalancerAsync("web");
        var tg = await Elb.CreateTargetGroupAsync("blue", "instance", 80);
        await Elb.CreateListenerAsync(lb.LoadBalancerArn!, 8080, ElbHarness.Forward(tg.TargetGroupArn!));
        var task = new TargetRef("i-0000000000000000a", 32768);

        await Elb.Registry.RegisterAsync(ElbHarness.Scope, tg.TargetGroupArn!, [task], ElbHarness.None);
        await Elb.Registry.RegisterAsync(ElbHarness.Scope, tg.TargetGroupArn!, [task], ElbHarness.None);
        var registered = await Elb.Registry.DescribeAsync(ElbHarness.Scope, tg.TargetGroupArn!, ElbHarness.None);
        await Elb.Registry.DeregisterAsync(ElbHarness.Scope, tg.TargetGroupArn!, [task, new TargetRef("i-unknown", 1)], ElbHarness.None);
        var draining = await Elb.Registry.DescribeAsync(ElbHarness.Scope, tg.TargetGroupArn!, ElbHarness.None);

        Assert.Equal(new TargetHealthView(task, "initial", "Elb.RegistrationInProgress", "Target registration is in progress"), Assert.Single(registered));
        Assert.Equal("draining", Assert.Single(draining).State);
    }
}
