using Berth.ControlPlane.Elb.TargetGroups;
using Berth.ControlPlane.Elb.Targets;
using Berth.ControlPlane.Storage;
using Berth.Domain;

namespace Berth.ControlPlane.Elb;

/// <summary><see cref="ITargetRegistry"/> over the ELBv2 documents: what ECS's service scheduler does through it is exactly
/// what RegisterTargets, DeregisterTargets and DescribeTargetHealth do, without their input checks (ECS registers its own
/// tasks' instances and host ports).</summary>
public sealed class ElbTargetRegistry(ElbResources resources, TargetRegistrations registrations) : ITargetRegistry
{
    public async Task<TargetGroupFacts?> FindTargetGroupAsync(ResourceScope scope, string targetGroupArn, CancellationToken cancellationToken)
    {
        if (!IsTargetGroupArn(scope, targetGroupArn)
            || await resources.FindTargetGroupAsync(scope, targetGroupArn, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return null;
        }

        var group = found.Value.TargetGroup;
        var usage = await TargetGroupUsage.ReadAsync(resources.Store, scope, cancellationToken).ConfigureAwait(false);
        return new TargetGroupFacts(
            targetGroupArn, group.TargetGroupName!, group.TargetType!, group.Port, usage.LoadBalancersOf(targetGroupArn),
            TargetGroupAttributes.DeregistrationDelaySeconds(found.Value.Attributes));
    }

    public Task RegisterAsync(ResourceScope scope, string targetGroupArn, IReadOnlyList<TargetRef> targets, CancellationToken cancellationToken) =>
        Optimistic.RetryAsync(async () =>
        {
            var group = await resources.TargetGroupAsync(scope, targetGroupArn, cancellationToken).ConfigureAwait(false);
            await registrations.RegisterAsync(scope, group, targets, cancellationToken).ConfigureAwait(false);
            return true;
        }).AsTask();

    public Task DeregisterAsync(ResourceScope scope, string targetGroupArn, IReadOnlyList<TargetRef> targets, CancellationToken cancellationToken) =>
        Optimistic.RetryAsync(async () =>
        {
            var group = await resources.TargetGroupAsync(scope, targetGroupArn, cancellationToken).ConfigureAwait(false);
            await registrations.DeregisterAsync(scope, group, targets, cancellationToken).ConfigureAwait(false);
            return true;
        }).AsTask();

    public async Task<IReadOnlyList<TargetHealthView>> DescribeAsync(ResourceScope scope, string targetGroupArn, CancellationToken cancellationToken)
    {
        var group = await resources.TargetGroupAsync(scope, targetGroupArn, cancellationToken).ConfigureAwait(false);
        return await registrations.DescribeAsync(scope, group.Value, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A malformed ARN is "not found" here: ECS words its own error about a service's target group.</summary>
    private static bool IsTargetGroupArn(ResourceScope scope, string arn)
    {
        try
        {
            return ElbArns.TargetGroupKey(scope, arn) is not null;
        }
        catch (Aws.Protocol.AwsException)
        {
            return false;
        }
    }
}
