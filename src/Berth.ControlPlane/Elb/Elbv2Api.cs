using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Elbv2;
using Berth.Aws.Model;
using Berth.ControlPlane.Elb.Listeners;
using Berth.ControlPlane.Elb.LoadBalancers;
using Berth.ControlPlane.Elb.Rules;
using Berth.ControlPlane.Elb.Tagging;
using Berth.ControlPlane.Elb.TargetGroups;
using Berth.ControlPlane.Elb.Targets;

namespace Berth.ControlPlane.Elb;

/// <summary>The Elastic Load Balancing (v2) API: which handler serves each operation. Operations not bound here answer "not implemented".</summary>
public static class Elbv2Api
{
    public const string ModelFile = "elbv2-2015-12-01.service.json";

    public static AwsService Build(
        ServiceModel model,
        LoadBalancerHandlers loadBalancers,
        TargetGroupHandlers targetGroups,
        ListenerHandlers listeners,
        RuleHandlers rules,
        TargetHandlers targets,
        ElbTagHandlers tags) =>
        new AwsServiceBuilder(model, Elbv2JsonContext.Default) { ValidationErrorCode = "ValidationError" }
            .On<CreateLoadBalancerInput, CreateLoadBalancerOutput>("CreateLoadBalancer", loadBalancers.CreateLoadBalancer)
            .On<DescribeLoadBalancersInput, DescribeLoadBalancersOutput>("DescribeLoadBalancers", loadBalancers.DescribeLoadBalancers)
            .On<DeleteLoadBalancerInput, DeleteLoadBalancerOutput>("DeleteLoadBalancer", loadBalancers.DeleteLoadBalancer)
            .On<DescribeLoadBalancerAttributesInput, DescribeLoadBalancerAttributesOutput>(
                "DescribeLoadBalancerAttributes", loadBalancers.DescribeLoadBalancerAttributes)
            .On<ModifyLoadBalancerAttributesInput, ModifyLoadBalancerAttributesOutput>("ModifyLoadBalancerAttributes", loadBalancers.ModifyLoadBalancerAttributes)
            .On<CreateTargetGroupInput, CreateTargetGroupOutput>("CreateTargetGroup", targetGroups.CreateTargetGroup)
            .On<DescribeTargetGroupsInput, DescribeTargetGroupsOutput>("DescribeTargetGroups", targetGroups.DescribeTargetGroups)
            .On<ModifyTargetGroupInput, ModifyTargetGroupOutput>("ModifyTargetGroup", targetGroups.ModifyTargetGroup)
            .On<DeleteTargetGroupInput, DeleteTargetGroupOutput>("DeleteTargetGroup", targetGroups.DeleteTargetGroup)
            .On<DescribeTargetGroupAttributesInput, DescribeTargetGroupAttributesOutput>(
                "DescribeTargetGroupAttributes", targetGroups.DescribeTargetGroupAttributes)
            .On<ModifyTargetGroupAttributesInput, ModifyTargetGroupAttributesOutput>("ModifyTargetGroupAttributes", targetGroups.ModifyTargetGroupAttributes)
            .On<CreateListenerInput, CreateListenerOutput>("CreateListener", listeners.CreateListener)
            .On<DescribeListenersInput, DescribeListenersOutput>("DescribeListeners", listeners.DescribeListeners)
            .On<ModifyListenerInput, ModifyListenerOutput>("ModifyListener", listeners.ModifyListener)
            .On<DeleteListenerInput, DeleteListenerOutput>("DeleteListener", listeners.DeleteListener)
            .On<CreateRuleInput, CreateRuleOutput>("CreateRule", rules.CreateRule)
            .On<DescribeRulesInput, DescribeRulesOutput>("DescribeRules", rules.DescribeRules)
            .On<ModifyRuleInput, ModifyRuleOutput>("ModifyRule", rules.ModifyRule)
            .On<DeleteRuleInput, DeleteRuleOutput>("DeleteRule", rules.DeleteRule)
            .On<SetRulePrioritiesInput, SetRulePrioritiesOutput>("SetRulePriorities", rules.SetRulePriorities)
            .On<RegisterTargetsInput, RegisterTargetsOutput>("RegisterTargets", targets.RegisterTargets)
            .On<DeregisterTargetsInput, DeregisterTargetsOutput>("DeregisterTargets", targets.DeregisterTargets)
            .On<DescribeTargetHealthInput, DescribeTargetHealthOutput>("DescribeTargetHealth", targets.DescribeTargetHealth)
            .On<AddTagsInput, AddTagsOutput>("AddTags", tags.AddTags)
            .On<RemoveTagsInput, RemoveTagsOutput>("RemoveTags", tags.RemoveTags)
            .On<DescribeTagsInput, DescribeTagsOutput>("DescribeTags", tags.DescribeTags)
            .Build();
}
