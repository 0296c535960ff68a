using Berth.Aws.Generated.Elbv2;
using Berth.Aws.Protocol;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Elb;

public sealed class RuleHandlersTests : IAsyncLifetime
{
    private ElbHarness? harness;
    private string listenerArn = string.Empty;

    private ElbHarness Elb => harness ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync()
    {
        harness = await ElbHarness.OpenAsync();
        var lb = await Elb.CreateLoadBalancerAsync("web");
        listenerArn = (await Elb.CreateListenerAsync(lb.LoadBalancerArn!, 8080, ElbHarness.Fixed("404"))).ListenerArn!;
    }

    public async Task DisposeAsync() => await Elb.DisposeAsync();

    [Fact]
    public async Task DescribeRules_ByListener_PriorityOrderDefaultLast()
    {
        await Elb.CreateRuleAsync(listenerArn, 30, "/c", ElbHarness.Fixed("200"));
        await Elb.CreateRuleAsync(listenerArn, 10, "/a", ElbHarness.Fixed("200"));
        await Elb.CreateRuleAsync(listenerArn, 20, "/b", ElbHarness.Fixed("200"));

        var rules = await Elb.Rules.DescribeRules(Elb.Caller(), new DescribeRulesInput { ListenerArn = listenerArn }, ElbHarness.None);

        Assert.Equal(["10", "20", "30", "default"], rules.Rules!.Select(r => r.Priority));
        Assert.Equal([false, false, false, true], rules.Rules!.Select(r => r.IsDefault!.Value));
    }

    [Fact]
    public async Task DescribeRules_Pages_EveryRuleOnce()
    {
        for (var priority = 1; priority <= 5; priority++)
        {
            await Elb.CreateRuleAsync(listenerArn, priority, $"/{priority}", ElbHarness.Fixed("200"));
        }

        var seen = new List<string>();
        string? marker = null;
        do
        {
            var page = await Elb.Rules.DescribeRules(Elb.Caller(), new DescribeRulesInput { ListenerArn = listenerArn, PageSize = 4, Marker = marker }, ElbHarness.None);
            seen.AddRange(page.Rules!.Select(r => r.Priority!));
            marker = page.NextMarker;
        }
        while (marker is not null);

        Assert.Equal(["1", "2", "3", "4", "5", "default"], seen);
    }

    [Fact]
    public async Task CreateRule_PriorityTaken_PriorityInUseAndNothingStored()
    {
        await Elb.CreateRuleAsync(listenerArn, 10, "/a", ElbHarness.Fixed("200"));
        var before = await Elb.CountAsync();

        var e = await Assert.ThrowsAsync<AwsException>(() => Elb.CreateRuleAsync(listenerArn, 10, "/b", ElbHarness.Fixed("200")));

        Assert.Equal(("PriorityInUse", "Priority '10' is currently in use"), (e.Code, e.Message));
        Assert.Equal(before, await Elb.CountAsync());
    }

    [Fact]
    public async Task CreateAndModifyRule_ForwardToAnotherLoadBalancersGroup_TargetGroupAssociationLimit()
    {
        var api = await Elb.CreateLoadBalancerAsync("api");
        var tg = await Elb.CreateTargetGroupAsync("blue");
        await Elb.CreateListenerAsync(api.LoadBalancerArn!, 9090, ElbHarness.Forward(tg.TargetGroupArn!));
        var rule = await Elb.CreateRuleAsync(listenerArn, 1, "/a", ElbHarness.Fixed("200"));
        var before = await Elb.CountAsync();
        var expected = ("TargetGroupAssociationLimit", $"The following target groups cannot be associated with more than one load balancer: {tg.TargetGroupArn}");

        var created = await Assert.ThrowsAsync<AwsException>(() => Elb.CreateRuleAsync(listenerArn, 2, "/b", ElbHarness.Forward(tg.TargetGroupArn!)));
        var modified = await Assert.ThrowsAsync<AwsException>(() => Elb.Rules.ModifyRule(
            Elb.Caller(), new ModifyRuleInput { RuleArn = rule.RuleArn, Actions = [ElbHarness.Forward(tg.TargetGroupArn!)] }, ElbHarness.None).AsTask());

        Assert.Equal(expected, (created.Code, created.Message));
        Assert.Equal(expected, (modified.Code, modified.Message));
        Assert.Equal(before, await Elb.CountAsync());
    }

    [Fact]
    public async Task CreateRule_LegacyValues_EchoedWithTheirConfig()
    {
        var rule = await Elb.CreateRuleAsync(listenerArn, 1, "/api/*", ElbHarness.Fixed("200"));

        var condition = rule.Conditions!.Single();
        Assert.Equal(["/api/*"], condition.Values!);
        Assert.Equal(["/api/*"], condition.PathPatternConfig!.Values!);
        Assert.Matches("^arn:aws:elasticloadbalancing:us-east-1:123456789012:listener-rule/app/web/[0-9a-f]{16}/[0-9a-f]{16}/[0-9a-f]{16}$", rule.RuleArn);
    }

    [Fact]
    public async Task SetRulePriorities_Swap_BothMoveAtOnce()
    {
        var a = await Elb.CreateRuleAsync(listenerArn, 1, "/a", ElbHarness.Fixed("200"));
        var b = await Elb.CreateRuleAsync(listenerArn, 2, "/b", ElbHarness.Fixed("200"));

        await Elb.Rules.SetRulePriorities(
            Elb.Caller(),
            new SetRulePrioritiesInput { RulePriorities = [new RulePriorityPair { RuleArn = a.RuleArn, Priority = 2 }, new RulePriorityPair { RuleArn = b.RuleArn, Priority = 1 }] },
            ElbHarness.None);
        var rules = await Elb.Rules.DescribeRules(Elb.Caller(), new DescribeRulesInput { ListenerArn = listenerArn }, ElbHarness.None);

        Assert.Equal([b.RuleArn, a.RuleArn], rules.Rules!.Take(2).Select(r => r.RuleArn));
    }

    [Fact]
    public async Task SetRulePriorities_OntoAnotherRulesPriority_PriorityInUse()
    {
        var a = await Elb.CreateRuleAsync(listenerArn, 1, "/a", ElbHarness.Fixed("200"));
        await Elb.CreateRuleAsync(listenerArn, 2, "/b", ElbHarness.Fixed("200"));

        var e = await Assert.ThrowsAsync<AwsException>(() => Elb.Rules.SetRulePriorities(
            Elb.Caller(), new SetRulePrioritiesInput { RulePriorities = [new RulePriorityPair { RuleArn = a.RuleArn, Priority = 2 }] }, ElbHarness.None).AsTask());

        Assert.Equal("PriorityInUse", e.Code);
    }

    [Fact]
    public async Task DefaultRule_DeleteModifyOrReprioritize_OperationNotPermitted()
    {
        var defaultRule = (await Elb.Rules.DescribeRules(Elb.Caller(), new DescribeRulesInput { ListenerArn = listenerArn }, ElbHarness.None)).Rules!.Single();

        var delete = await Assert.ThrowsAsync<AwsException>(() => Elb.Rules.DeleteRule(
            Elb.Caller(), new DeleteRuleInput { RuleArn = defaultRule.RuleArn }, ElbHarness.None).AsTask());
        var modify = await Assert.ThrowsAsync<AwsException>(() => Elb.Rules.ModifyRule(
            Elb.Caller(), new ModifyRuleInput { RuleArn = defaultRule.RuleArn, Conditions = [ElbHarness.PathIs("/x")] }, ElbHarness.None).AsTask());
        var priority = await Assert.ThrowsAsync<AwsException>(() => Elb.Rules.SetRulePriorities(
            Elb.Caller(), new SetRulePrioritiesInput { RulePriorities = [new RulePriorityPair { RuleArn = defaultRule.RuleArn, Priority = 5 }] }, ElbHarness.None).AsTask());

        Assert.Equal(["OperationNotPermitted", "OperationNotPermitted", "OperationNotPermitted"], new[] { delete.Code, modify.Code, priority.Code });
    }

    [Fact]
    public async Task ModifyRule_Conditions_ReplacedActionsKept()
    {
        var rule = await Elb.CreateRuleAsync(listenerArn, 1, "/a", ElbHarness.Fixed("201"));

        var modified = (await Elb.Rules.ModifyRule(
            Elb.Caller(),
            new ModifyRuleInput { RuleArn = rule.RuleArn, Conditions = [new RuleCondition { Field = "host-header", HostHeaderConfig = new HostHeaderConditionConfig { Values = ["*.example.com"] } }] },
            ElbHarness.None)).Rules![0];

        Assert.Equal("host-header", modified.Conditions!.Single().Field);
        Assert.Equal("201", modified.Actions![0].FixedResponseConfig!.StatusCode);
    }

    [Fact]
    public async Task DeleteRule_Deleted_GoneFromItsListener()
    {
        var rule = await Elb.CreateRuleAsync(listenerArn, 1, "/a", ElbHarness.Fixed("200"));

        await Elb.Rules.DeleteRule(Elb.Caller(), new DeleteRuleInput { RuleArn = rule.RuleArn }, ElbHarness.None);
        var e = await Assert.ThrowsAsync<AwsException>(() => Elb.Rules.DescribeRules(
            Elb.Caller(), new DescribeRulesInput { RuleArns = [rule.RuleArn!] }, ElbHarness.None).AsTask());

        Assert.Equal(("RuleNotFound", "One or more rules not found"), (e.Code, e.Message));
    }

    [Fact]
    public async Task DeleteListener_TakesItsRulesAlong()
    {
        await Elb.CreateRuleAsync(listenerArn, 1, "/a", ElbHarness.Fixed("200"));

        await Elb.Listeners.DeleteListener(Elb.Caller(), new DeleteListenerInput { ListenerArn = listenerArn }, ElbHarness.None);

        Assert.Equal(1, await Elb.CountAsync());
    }
}
