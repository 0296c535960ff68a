using Berth.Aws.Generated.Elbv2;
using Berth.Aws.Protocol;
using Action = Berth.Aws.Generated.Elbv2.Action;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Elb;

public sealed class ListenerHandlersTests : IAsyncLifetime
{
    private ElbHarness? harness;

    private ElbHarness Elb => harness ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync() => harness = await ElbHarness.OpenAsync();

    public async Task DisposeAsync() => await Elb.DisposeAsync();

    [Fact]
    public async Task CreateListener_Forward_EchoedAsElbV2DoesWithItsDefaultRule()
    {
        var lb = await Elb.CreateLoadBalancerAsync("web");
        var tg = await Elb.CreateTargetGroupAsync("blue");

        var listener = await Elb.CreateListenerAsync(lb.LoadBalancerArn!, 8080, ElbHarness.Forward(tg.TargetGroupArn!));
        var rules = await Elb.Rules.DescribeRules(Elb.Caller(), new DescribeRulesInput { ListenerArn = listener.ListenerArn }, ElbHarness.None);

        Assert.Matches("^arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/[0-9a-f]{16}/[0-9a-f]{16}$", listener.ListenerArn);
        var action = listener.DefaultActions!.Single();
        Assert.Equal(("forward", tg.TargetGroupArn, 1), (action.Type, action.TargetGroupArn, action.Order));
        Assert.Equal((tg.TargetGroupArn, 1), (action.ForwardConfig!.TargetGroups![0].TargetGroupArn, action.ForwardConfig.TargetGroups[0].Weight));
        Assert.False(action.ForwardConfig.TargetGroupStickinessConfig!.Enabled);
        var rule = Assert.Single(rules.Rules!);
        Assert.Equal(("default", true), (rule.Priority, rule.IsDefault));
        Assert.StartsWith(listener.ListenerArn!.Replace(":listener/", ":listener-rule/") + "/", rule.RuleArn);
        Assert.Equal(tg.TargetGroupArn, rule.Actions![0].TargetGroupArn);
    }

    [Fact]
    public async Task CreateListener_SamePortOtherActions_DuplicateListener()
    {
        var lb = await Elb.CreateLoadBalancerAsync("web");
        var same = await Elb.CreateListenerAsync(lb.LoadBalancerArn!, 8080, ElbHarness.Fixed("200"));
        var again = await Elb.CreateListenerAsync(lb.LoadBalancerArn!, 8080, ElbHarness.Fixed("200"));

        var e = await Assert.ThrowsAsync<AwsException>(() => Elb.CreateListenerAsync(lb.LoadBalancerArn!, 8080, ElbHarness.Fixed("503")));

        Assert.Equal(same.ListenerArn, again.ListenerArn);
        Assert.Equal(("DuplicateListener", $"A listener already exists on this port for this load balancer '{lb.LoadBalancerArn}'"), (e.Code, e.Message));
    }

    [Fact]
    public async Task CreateListener_PortHeldByAnotherProcess_InvalidConfigurationRequest()
    {
        var lb = await Elb.CreateLoadBalancerAsync("web");
        Elb.Ports.Busy.Add(8080);

        var e = await Assert.ThrowsAsync<AwsException>(() => Elb.CreateListenerAsync(lb.LoadBalancerArn!, 8080, ElbHarness.Fixed("200")));

        Assert.Equal("InvalidConfigurationRequest", e.Code);
        Assert.Contains("8080", e.Message);
        Assert.Equal(1, await Elb.CountAsync());
    }

    [Fact]
    public async Task CreateListener_PortOfAnotherBerthLoadBalancer_Shared()
    {
        var web = await Elb.CreateLoadBalancerAsync("web");
        var api = await Elb.CreateLoadBalancerAsync("api");
        await Elb.CreateListenerAsync(web.LoadBalancerArn!, 8080, ElbHarness.Fixed("200"));
        Elb.Ports.Busy.Add(8080); // now held by Berth's own proxy

        var listener = await Elb.CreateListenerAsync(api.LoadBalancerArn!, 8080, ElbHarness.Fixed("200"));

        Assert.Equal(api.LoadBalancerArn, listener.LoadBalancerArn);
    }

    [Fact]
    public async Task CreateListener_GroupOfAnotherLoadBalancer_TargetGroupAssociationLimitAndNothingStored()
    {
        var (web, api) = (await Elb.CreateLoadBalancerAsync("web"), await Elb.CreateLoadBalancerAsync("api"));
        var tg = await Elb.CreateTargetGroupAsync("blue");
        await Elb.CreateListenerAsync(web.LoadBalancerArn!, 8080, ElbHarness.Forward(tg.TargetGroupArn!));
        var before = await Elb.CountAsync();

        var e = await Assert.ThrowsAsync<AwsException>(() => Elb.CreateListenerAsync(api.LoadBalancerArn!, 9090, ElbHarness.Forward(tg.TargetGroupArn!)));

        Assert.Equal(("TargetGroupAssociationLimit", $"The following target groups cannot be associated with more than one load balancer: {tg.TargetGroupArn}"),
            (e.Code, e.Message));
        Assert.Equal(before, await Elb.CountAsync());
    }

    [Fact]
    public async Task CreateListener_GroupOfTheSameLoadBalancerOrReleased_Allowed()
    {
        var (web, api) = (await Elb.CreateLoadBalancerAsync("web"), await Elb.CreateLoadBalancerAsync("api"));
        var tg = await Elb.CreateTargetGroupAsync("blue");
        var first = await Elb.CreateListenerAsync(web.LoadBalancerArn!, 8080, ElbHarness.Forward(tg.TargetGroupArn!));

        await Elb.CreateListenerAsync(web.LoadBalancerArn!, 8081, ElbHarness.Forward(tg.TargetGroupArn!));
        await Elb.Listeners.ModifyListener(Elb.Caller(), new ModifyListenerInput { ListenerArn = first.ListenerArn, DefaultActions = [ElbHarness.Fixed("200")] }, ElbHarness.None);
        await Elb.Listeners.DeleteListener(Elb.Caller(), new DeleteListenerInput { ListenerArn = (await ListenersOf(web))[1].ListenerArn }, ElbHarness.None);
        var moved = await Elb.CreateListenerAsync(api.LoadBalancerArn!, 9090, ElbHarness.Forward(tg.TargetGroupArn!));

        Assert.Equal(tg.TargetGroupArn, moved.DefaultActions![0].TargetGroupArn);
    }

    [Fact]
    public async Task ModifyListener_DefaultActionsToAnotherLoadBalancersGroup_TargetGroupAssociationLimit()
    {
        var (web, api) = (await Elb.CreateLoadBalancerAsync("web"), await Elb.CreateLoadBalancerAsync("api"));
        var (blue, green) = (await Elb.CreateTargetGroupAsync("blue"), await Elb.CreateTargetGroupAsync("green"));
        await Elb.CreateListenerAsync(web.LoadBalancerArn!, 8080, ElbHarness.Forward(blue.TargetGroupArn!));
        var listener = await Elb.CreateListenerAsync(api.LoadBalancerArn!, 9090, ElbHarness.Forward(green.TargetGroupArn!));
        var weighted = new Action
        {
            Type = "forward",
            ForwardConfig = new ForwardActionConfig { TargetGroups = [new() { TargetGroupArn = green.TargetGroupArn, Weight = 1 }, new() { TargetGroupArn = blue.TargetGroupArn, Weight = 1 }] },
        };

        var e = await Assert.ThrowsAsync<AwsException>(() => Elb.Listeners.ModifyListener(
            Elb.Caller(), new ModifyListenerInput { ListenerArn = listener.ListenerArn, DefaultActions = [weighted] }, ElbHarness.None).AsTask());

        Assert.Equal(("TargetGroupAssociationLimit", $"The following target groups cannot be associated with more than one load balancer: {blue.TargetGroupArn}"),
            (e.Code, e.Message));
    }

    private async Task<List<Listener>> ListenersOf(LoadBalancer lb) =>
        (await Elb.Listeners.DescribeListeners(Elb.Caller(), new DescribeListenersInput { LoadBalancerArn = lb.LoadBalancerArn }, ElbHarness.None)).Listeners!
            .OrderBy(l => l.Port).ToList();

    [Fact]
    public void LoopbackPortProbe_PortHeldByAListeningSocket_NotFree()
    {
        using var held = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        held.Start();
        var port = ((System.Net.IPEndPoint)held.LocalEndpoint).Port;

        Assert.False(new Berth.ControlPlane.Elb.Listeners.LoopbackPortProbe().IsFree(port));
    }

    public static TheoryData<Action, string> BadActions => new()
    {
        { new Action { Type = "forward" }, "ValidationError" },
        { new Action { Type = "authenticate-oidc" }, "ValidationError" },
        { new Action { Type = "fixed-response" }, "ValidationError" },
        { new Action { Type = "fixed-response", FixedResponseConfig = new FixedResponseActionConfig { StatusCode = "200", ContentType = "image/png" } }, "ValidationError" },
        { new Action { Type = "redirect", RedirectConfig = new RedirectActionConfig { StatusCode = "HTTP_301" } }, "InvalidLoadBalancerAction" },
        { ElbHarness.Forward("arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/nope/0123456789abcdef"), "TargetGroupNotFound" },
        { ElbHarness.Forward("nope"), "ValidationError" },
    };

    [Theory]
    [MemberData(nameof(BadActions))]
    public async Task CreateListener_BadAction_ErrorAndNothingStored(Action action, string code)
    {
        var lb = await Elb.CreateLoadBalancerAsync("web");

        var e = await Assert.ThrowsAsync<AwsException>(() => Elb.CreateListenerAsync(lb.LoadBalancerArn!, 8080, action));

        Assert.Equal(code, e.Code);
        Assert.Equal(1, await Elb.CountAsync());
    }

    [Fact]
    public async Task CreateListener_Https_UnsupportedProtocol()
    {
        var lb = await Elb.CreateLoadBalancerAsync("web");

        var e = await Assert.ThrowsAsync<AwsException>(() => Elb.Listeners.CreateListener(
            Elb.Caller(), new CreateListenerInput { LoadBalancerArn = lb.LoadBalancerArn, Protocol = "HTTPS", Port = 443, DefaultActions = [ElbHarness.Fixed("200")] },
            ElbHarness.None).AsTask());

        Assert.Equal("UnsupportedProtocol", e.Code);
    }

    [Fact]
    public async Task CreateListener_WeightedForwardAndRedirect_DefaultsFilledIn()
    {
        var lb = await Elb.CreateLoadBalancerAsync("web");
        var blue = await Elb.CreateTargetGroupAsync("blue");
        var green = await Elb.CreateTargetGroupAsync("green");
        var weighted = new Action
        {
            Type = "forward",
            ForwardConfig = new ForwardActionConfig
            {
                TargetGroups = [new TargetGroupTuple { TargetGroupArn = blue.TargetGroupArn, Weight = 90 }, new TargetGroupTuple { TargetGroupArn = green.TargetGroupArn, Weight = 10 }],
            },
        };

        var forward = (await Elb.CreateListenerAsync(lb.LoadBalancerArn!, 8080, weighted)).DefaultActions![0];
        var redirect = (await Elb.CreateListenerAsync(lb.LoadBalancerArn!, 8081, new Action
        {
            Type = "redirect",
            RedirectConfig = new RedirectActionConfig { Port = "8080", StatusCode = "HTTP_302" },
        })).DefaultActions![0].RedirectConfig!;

        Assert.Null(forward.TargetGroupArn);
        Assert.Equal([90, 10], forward.ForwardConfig!.TargetGroups!.Select(t => t.Weight!.Value));
        Assert.Equal(("#{protocol}", "#{host}", "8080", "/#{path}", "#{query}"), (redirect.Protocol, redirect.Host, redirect.Port, redirect.Path, redirect.Query));
    }

    [Fact]
    public async Task ModifyListener_DefaultActions_TheDefaultRuleFollows()
    {
        var lb = await Elb.CreateLoadBalancerAsync("web");
        var tg = await Elb.CreateTargetGroupAsync("blue");
        var listener = await Elb.CreateListenerAsync(lb.LoadBalancerArn!, 8080, ElbHarness.Fixed("503"));

        var modified = (await Elb.Listeners.ModifyListener(
            Elb.Caller(), new ModifyListenerInput { ListenerArn = listener.ListenerArn, Port = 9090, DefaultActions = [ElbHarness.Forward(tg.TargetGroupArn!)] },
            ElbHarness.None)).Listeners![0];
        var rules = await Elb.Rules.DescribeRules(Elb.Caller(), new DescribeRulesInput { ListenerArn = listener.ListenerArn }, ElbHarness.None);
        var groups = await Elb.TargetGroups.DescribeTargetGroups(Elb.Caller(), new DescribeTargetGroupsInput { Names = ["blue"] }, ElbHarness.None);

        Assert.Equal(9090, modified.Port);
        Assert.Equal("forward", rules.Rules!.Single().Actions![0].Type);
        Assert.Equal([lb.LoadBalancerArn!], groups.TargetGroups![0].LoadBalancerArns!);
    }

    [Fact]
    public async Task DescribeListeners_NeitherLoadBalancerNorArns_ValidationError()
    {
        var e = await Assert.ThrowsAsync<AwsException>(() => Elb.Listeners.DescribeListeners(Elb.Caller(), new DescribeListenersInput(), ElbHarness.None).AsTask());

        Assert.Equal("ValidationError", e.Code);
    }

    [Fact]
    public async Task DescribeListeners_OfALoadBalancer_OnlyItsListeners()
    {
        var web = await Elb.CreateLoadBalancerAsync("web");
        var webs = await Elb.CreateLoadBalancerAsync("webs");
        await Elb.CreateListenerAsync(web.LoadBalancerArn!, 8080, ElbHarness.Fixed("200"));
        await Elb.CreateListenerAsync(web.LoadBalancerArn!, 8081, ElbHarness.Fixed("200"));
        await Elb.CreateListenerAsync(webs.LoadBalancerArn!, 8082, ElbHarness.Fixed("200"));

        var listeners = await Elb.Listeners.DescribeListeners(Elb.Caller(), new DescribeListenersInput { LoadBalancerArn = web.LoadBalancerArn }, ElbHarness.None);

        Assert.Equal([8080, 8081], listeners.Listeners!.Select(l => l.Port!.Value).Order());
    }

    [Fact]
    public async Task DeleteListener_Unknown_ListenerNotFound()
    {
        var lb = await Elb.CreateLoadBalancerAsync("web");
        var listener = await Elb.CreateListenerAsync(lb.LoadBalancerArn!, 8080, ElbHarness.Fixed("200"));
        await Elb.Listeners.DeleteListener(Elb.Caller(), new DeleteListenerInput { ListenerArn = listener.ListenerArn }, ElbHarness.None);

        var e = await Assert.ThrowsAsync<AwsException>(() => Elb.Listeners.DeleteListener(
            Elb.Caller(), new DeleteListenerInput { ListenerArn = listener.ListenerArn }, ElbHarness.None).AsTask());

        Assert.Equal(("ListenerNotFound", "One or more listeners not found"), (e.Code, e.Message));
        Assert.Equal(1, await Elb.CountAsync());
    }
}
