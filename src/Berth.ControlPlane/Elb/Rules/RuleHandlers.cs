using System.Globalization;
using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Elbv2;
using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Elb.Listeners;
using Berth.ControlPlane.Storage;
using Berth.Domain;
using Berth.State;

namespace Berth.ControlPlane.Elb.Rules;

/// <summary>Create/Describe/Modify/DeleteRule and SetRulePriorities. Priorities are 1..50000 and unique per listener; the
/// default rule (priority "default") follows the listener's default actions and is neither modified nor deleted here.</summary>
public sealed class RuleHandlers(ElbResources resources, ActionReader actions, ElbIds ids)
{
    /// <summary>ELBv2's quota of rules per application load balancer listener, the default rule not counted.</summary>
    public const int MaxRulesPerListener = 100;

    private ElbStore Store => resources.Store;

    public async ValueTask<CreateRuleOutput> CreateRule(RequestContext context, CreateRuleInput request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        var conditions = ConditionReader.Read(request.Conditions);
        var priority = request.Priority ?? throw ElbErrors.Validation("A rule priority must be specified");
        var tags = ElbTags.FromRequest(request.Tags);
        return await Optimistic.RetryAsync(async () =>
        {
            var listener = await resources.ListenerAsync(scope, request.ListenerArn!, cancellationToken).ConfigureAwait(false);
            var listenerKey = ElbArns.KeyOfListener(request.ListenerArn!);
            var rules = await resources.RulesOfAsync(scope, listenerKey, cancellationToken).ConfigureAwait(false);
            if (rules.Any(r => r.Value.Order() == priority))
            {
                throw ElbErrors.PriorityInUse(priority);
            }

            if (rules.Count(r => r.Value.Rule.IsDefault != true) >= MaxRulesPerListener)
            {
                throw ElbErrors.TooManyRules(MaxRulesPerListener);
            }

            var checkedActions = await actions.ReadAsync(scope, listener.Value.Listener.LoadBalancerArn!, request.Actions, cancellationToken).ConfigureAwait(false);
            var rule = new Rule
            {
                RuleArn = ElbArns.Rule(request.ListenerArn!, ids.NewId()),
                Priority = priority.ToString(CultureInfo.InvariantCulture),
                Conditions = conditions,
                Actions = checkedActions.Actions,
                IsDefault = false,
            };
            var ops = new List<WriteOp>
            {
                Store.Rules.Put(scope.Partition, ElbArns.KeyOfRule(rule.RuleArn), new StoredRule { Rule = rule, Tags = tags }, 0),
                // Written unchanged at the version read, so DeleteListener and this create cannot both win.
                Store.Listeners.Put(scope.Partition, listenerKey, listener.Value, listener.Version),
            };
            ops.AddRange(checkedActions.Touch(Store, scope));
            await Store.Store.ApplyAsync(ops, cancellationToken).ConfigureAwait(false);
            return new CreateRuleOutput { Rules = [rule] };
        }).ConfigureAwait(false);
    }

    /// <summary>A listener's rules in priority order, the default rule last; or the rules named, in the order named.</summary>
    public async ValueTask<DescribeRulesOutput> DescribeRules(RequestContext context, DescribeRulesInput request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        if (request.RuleArns is { Count: > 0 } arns)
        {
            var named = await resources.EachAsync(scope, arns, resources.RuleAsync, r => r.Rule, cancellationToken).ConfigureAwait(false);
            return new DescribeRulesOutput { Rules = named };
        }

        var listenerArn = request.ListenerArn ?? throw ElbErrors.Validation("You must specify either listener or rule ARNs");
        await resources.ListenerAsync(scope, listenerArn, cancellationToken).ConfigureAwait(false);
        var rules = await resources.RulesOfAsync(scope, ElbArns.KeyOfListener(listenerArn), cancellationToken).ConfigureAwait(false);
        var (page, next) = ElbPaging.Page(rules.Select(r => r.Value.Rule).ToList(), request.Marker, request.PageSize);
        return new DescribeRulesOutput { Rules = page, NextMarker = next };
    }

    public async ValueTask<ModifyRuleOutput> ModifyRule(RequestContext context, ModifyRuleInput request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        var conditions = request.Conditions is null ? null : ConditionReader.Read(request.Conditions);
        return await Optimistic.RetryAsync(async () =>
        {
            var found = await NonDefaultAsync(scope, request.RuleArn!, "modified", cancellationToken).ConfigureAwait(false);
            var rule = found.Value.Rule with { Conditions = conditions ?? found.Value.Rule.Conditions };
            var ops = new List<WriteOp>();
            if (request.Actions is not null)
            {
                var checkedActions = await actions.ReadAsync(scope, ElbArns.LoadBalancerOf(rule.RuleArn!), request.Actions, cancellationToken).ConfigureAwait(false);
                rule = rule with { Actions = checkedActions.Actions };
                ops.AddRange(checkedActions.Touch(Store, scope));
            }

            ops.Add(Store.Rules.Put(scope.Partition, ElbArns.KeyOfRule(rule.RuleArn!), found.Value with { Rule = rule }, found.Version));
            await Store.Store.ApplyAsync(ops, cancellationToken).ConfigureAwait(false);
            return new ModifyRuleOutput { Rules = [rule] };
        }).ConfigureAwait(false);
    }

    public async ValueTask<DeleteRuleOutput> DeleteRule(RequestContext context, DeleteRuleInput request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        await Optimistic.RetryAsync(async () =>
        {
            var found = await NonDefaultAsync(scope, request.RuleArn!, "deleted", cancellationToken).ConfigureAwait(false);
            await Store.Store.ApplyAsync([Store.Rules.Delete(scope.Partition, ElbArns.KeyOfRule(request.RuleArn!), found.Version)], cancellationToken)
                .ConfigureAwait(false);
            return 1;
        }).ConfigureAwait(false);
        return new DeleteRuleOutput();
    }

    /// <summary>Sets the priorities of several rules in one transaction; after it, priorities stay unique per listener.</summary>
    public async ValueTask<SetRulePrioritiesOutput> SetRulePriorities(RequestContext context, SetRulePrioritiesInput request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        var pairs = request.RulePriorities ?? [];
        if (pairs.Select(p => p.RuleArn).Distinct(StringComparer.Ordinal).Count() != pairs.Count)
        {
            throw ElbErrors.Validation("A rule can be specified only once");
        }

        return await Optimistic.RetryAsync(async () =>
        {
            var changed = new List<Versioned<StoredRule>>();
            foreach (var pair in pairs)
            {
                var found = await NonDefaultAsync(scope, pair.RuleArn!, "given a priority", cancellationToken).ConfigureAwait(false);
                var priority = pair.Priority ?? throw ElbErrors.Validation("A rule priority must be specified");
                changed.Add(found with { Value = found.Value with { Rule = found.Value.Rule with { Priority = priority.ToString(CultureInfo.InvariantCulture) } } });
            }

            foreach (var listenerArn in changed.Select(r => ElbArns.ListenerOf(r.Value.Rule.RuleArn!)).Distinct(StringComparer.Ordinal))
            {
                var rules = await resources.RulesOfAsync(scope, ElbArns.KeyOfListener(listenerArn), cancellationToken).ConfigureAwait(false);
                var after = rules.Where(r => r.Value.Rule.IsDefault != true)
                    .Select(r => changed.FirstOrDefault(c => c.Value.Rule.RuleArn == r.Value.Rule.RuleArn) ?? r);
                if (after.GroupBy(r => r.Value.Order()).FirstOrDefault(g => g.Count() > 1) is { } clash)
                {
                    throw ElbErrors.PriorityInUse(clash.Key);
                }
            }

            var ops = changed.Select(r => (WriteOp)Store.Rules.Put(scope.Partition, ElbArns.KeyOfRule(r.Value.Rule.RuleArn!), r.Value, r.Version)).ToList();
            await Store.Store.ApplyAsync(ops, cancellationToken).ConfigureAwait(false);
            return new SetRulePrioritiesOutput { Rules = [.. changed.Select(r => r.Value.Rule)] };
        }).ConfigureAwait(false);
    }

    private async ValueTask<Versioned<StoredRule>> NonDefaultAsync(ResourceScope scope, string arn, string verb, CancellationToken cancellationToken)
    {
        var found = await resources.RuleAsync(scope, arn, cancellationToken).ConfigureAwait(false);
        return found.Value.Rule.IsDefault == true ? throw ElbErrors.DefaultRule(arn, verb) : found;
    }
}
