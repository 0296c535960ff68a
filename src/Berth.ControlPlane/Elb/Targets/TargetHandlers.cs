using Berth.Aws.Dispatch;
using Berth.Aws.Generated.Elbv2;
using Berth.ControlPlane.Ecs;
using Berth.ControlPlane.Storage;
using Berth.Domain;

namespace Berth.ControlPlane.Elb.Targets;

/// <summary>RegisterTargets, DeregisterTargets and DescribeTargetHealth. Instance targets name container instances known to
/// Berth; ip targets are IPv4 addresses on this machine's networks; a target's port defaults to its group's.</summary>
public sealed class TargetHandlers(ElbResources resources, TargetRegistrations registrations, InstanceTargets instances)
{
    public async ValueTask<RegisterTargetsOutput> RegisterTargets(RequestContext context, RegisterTargetsInput request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        await Optimistic.RetryAsync(async () =>
        {
            var group = await resources.TargetGroupAsync(scope, request.TargetGroupArn!, cancellationToken).ConfigureAwait(false);
            var targets = Refs(group.Value, request.Targets);
            await CheckAsync(scope, group.Value.TargetGroup, targets, cancellationToken).ConfigureAwait(false);
            await registrations.RegisterAsync(scope, group, targets, cancellationToken).ConfigureAwait(false);
            return targets.Count;
        }).ConfigureAwait(false);
        return new RegisterTargetsOutput();
    }

    /// <summary>Targets the group does not have are ignored, as on AWS.</summary>
    public async ValueTask<DeregisterTargetsOutput> DeregisterTargets(RequestContext context, DeregisterTargetsInput request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        await Optimistic.RetryAsync(async () =>
        {
            var group = await resources.TargetGroupAsync(scope, request.TargetGroupArn!, cancellationToken).ConfigureAwait(false);
            await registrations.DeregisterAsync(scope, group, Refs(group.Value, request.Targets), cancellationToken).ConfigureAwait(false);
            return 0;
        }).ConfigureAwait(false);
        return new DeregisterTargetsOutput();
    }

    public async ValueTask<DescribeTargetHealthOutput> DescribeTargetHealth(RequestContext context, DescribeTargetHealthInput request, CancellationToken cancellationToken)
    {
        var scope = context.Scope();
        var group = await resources.TargetGroupAsync(scope, request.TargetGroupArn!, cancellationToken).ConfigureAwait(false);
        var only = request.Targets is { Count: > 0 } ? Refs(group.Value, request.Targets) : null;
        var views = await registrations.DescribeAsync(scope, group.Value, only, cancellationToken).ConfigureAwait(false);
        var healthCheckPort = group.Value.TargetGroup.HealthCheckPort;
        return new DescribeTargetHealthOutput
        {
            TargetHealthDescriptions = [.. views.Select(v => new TargetHealthDescription
            {
                Target = new TargetDescription { Id = v.Target.Id, Port = v.Target.Port },
                HealthCheckPort = healthCheckPort == TargetGroups.HealthCheckChange.TrafficPort
                    ? v.Target.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : healthCheckPort,
                TargetHealth = new TargetHealth { State = v.State, Reason = v.Reason, Description = v.Description },
            })],
        };
    }

    private static List<TargetRef> Refs(StoredTargetGroup group, List<TargetDescription>? targets)
    {
        if (targets is not { Count: > 0 })
        {
            throw ElbErrors.Validation("At least one target must be specified");
        }

        return [.. targets.Select(t => new TargetRef(
            t.Id ?? throw ElbErrors.Validation("A target ID must be specified"),
            t.Port ?? group.TargetGroup.Port ?? throw ElbErrors.Validation($"A port must be specified for target '{t.Id}'")))];
    }

    private async ValueTask CheckAsync(ResourceScope scope, TargetGroup group, List<TargetRef> targets, CancellationToken cancellationToken)
    {
        if (group.TargetType == "ip")
        {
            foreach (var target in targets.Where(t => !LocalNetworks.Contains(t.Id)))
            {
                throw ElbErrors.InvalidTarget($"The IP address '{target.Id}' is not within any of the networks of this machine");
            }

            return;
        }

        var running = await instances.RunningByIdAsync(scope, cancellationToken).ConfigureAwait(false);
        if (Ids(targets.Where(t => !running.ContainsKey(t.Id))) is { Count: > 0 } unknown)
        {
            throw ElbErrors.NotValidInstances(unknown);
        }

        if (Ids(targets.Where(t => !running[t.Id])) is { Count: > 0 } stopped)
        {
            throw ElbErrors.NotRunningInstances(stopped);
        }
    }

    private static List<string> Ids(IEnumerable<TargetRef> targets) => [.. targets.Select(t => t.Id).Distinct(StringComparer.Ordinal)];
}
