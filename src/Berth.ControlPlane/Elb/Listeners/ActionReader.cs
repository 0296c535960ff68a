using System.Text.Json;
using Berth.Aws.Generated.Elbv2;
using Berth.ControlPlane.Elb.TargetGroups;
using Berth.ControlPlane.Storage;
using Berth.Domain;
using Action = Berth.Aws.Generated.Elbv2.Action;

namespace Berth.ControlPlane.Elb.Listeners;

/// <summary>Checks a listener's or rule's actions: one forward (to up to 5 weighted groups), fixed-response or redirect
/// action, every group existing and used by no other load balancer; answers them as ELBv2 echoes them.</summary>
public sealed class ActionReader(ElbResources resources)
{
    public const int MaxTargetGroups = 5;
    public const int MaxWeight = 999;
    public const int MaxStickinessSeconds = 604800;

    private static readonly string[] ContentTypes = ["text/plain", "text/css", "text/html", "application/javascript", "application/json"];

    /// <param name="loadBalancerArn">The load balancer of the listener or rule the actions are for.</param>
    public async ValueTask<CheckedActions> ReadAsync(ResourceScope scope, string loadBalancerArn, List<Action>? actions, CancellationToken cancellationToken)
    {
        if (actions is not { Count: > 0 })
        {
            throw ElbErrors.Validation("At least one action must be specified");
        }

        if (actions.Count > 1)
        {
            throw ElbErrors.InvalidAction("Berth supports one action per listener or rule: forward, fixed-response or redirect");
        }

        var action = actions[0];
        var groups = new List<Versioned<StoredTargetGroup>>();
        var checkedAction = action.Type switch
        {
            "forward" => await ForwardAsync(scope, action, groups, cancellationToken).ConfigureAwait(false),
            "fixed-response" => FixedResponse(action),
            "redirect" => Redirect(action),
            var type => throw ElbErrors.Validation($"Action type '{type}' is not supported; Berth supports forward, fixed-response and redirect"),
        };
        await CheckOneLoadBalancerAsync(scope, loadBalancerArn, groups, cancellationToken).ConfigureAwait(false);
        return new CheckedActions([checkedAction with { Order = action.Order ?? 1 }], groups);
    }

    /// <summary>ELBv2 lets a target group serve one load balancer: its groups may not be forwarded to by another one's rules.
    /// (The groups are touched by the write that uses them, so two load balancers cannot both take a group concurrently.)</summary>
    private async ValueTask CheckOneLoadBalancerAsync(
        ResourceScope scope, string loadBalancerArn, List<Versioned<StoredTargetGroup>> groups, CancellationToken cancellationToken)
    {
        if (groups.Count == 0)
        {
            return;
        }

        var usage = await TargetGroupUsage.ReadAsync(resources.Store, scope, cancellationToken).ConfigureAwait(false);
        var taken = groups.Select(g => g.Value.TargetGroup.TargetGroupArn!)
            .Where(arn => usage.LoadBalancersOf(arn).Any(other => other != loadBalancerArn))
            .ToList();
        if (taken.Count > 0)
        {
            throw ElbErrors.TargetGroupAssociationLimit(taken);
        }
    }

    /// <summary>Whether two checked action lists are the same (what makes a repeated create idempotent).</summary>
    public static bool Same(List<Action>? a, List<Action>? b) =>
        JsonSerializer.Serialize(new Listener { DefaultActions = a }, Elbv2JsonContext.Default.Listener)
        == JsonSerializer.Serialize(new Listener { DefaultActions = b }, Elbv2JsonContext.Default.Listener);

    private async ValueTask<Action> ForwardAsync(ResourceScope scope, Action action, List<Versioned<StoredTargetGroup>> groups, CancellationToken cancellationToken)
    {
        var tuples = action.ForwardConfig?.TargetGroups is { Count: > 0 } configured
            ? configured
            : action.TargetGroupArn is { } single ? [new TargetGroupTuple { TargetGroupArn = single }] : [];
        if (tuples.Count == 0)
        {
            throw ElbErrors.Validation("A target group ARN must be specified for a forward action");
        }

        if (action.TargetGroupArn is { } arn && (tuples.Count != 1 || tuples[0].TargetGroupArn != arn))
        {
            throw ElbErrors.Validation("You cannot specify a target group in both the TargetGroupArn and ForwardConfig unless they are the same");
        }

        if (tuples.Count > MaxTargetGroups)
        {
            throw ElbErrors.Validation($"A forward action can have at most {MaxTargetGroups} target groups");
        }

        var weighted = new List<TargetGroupTuple>();
        foreach (var tuple in tuples)
        {
            var groupArn = tuple.TargetGroupArn ?? throw ElbErrors.Validation("A target group ARN must be specified for a forward action");
            if (tuple.Weight is < 0 or > MaxWeight)
            {
                throw ElbErrors.Validation($"Target group weight '{tuple.Weight}' must be between 0 and {MaxWeight}");
            }

            if (weighted.Any(w => w.TargetGroupArn == groupArn))
            {
                throw ElbErrors.Validation($"Target group '{groupArn}' is specified more than once");
            }

            groups.Add(await resources.TargetGroupAsync(scope, groupArn, cancellationToken).ConfigureAwait(false));
            weighted.Add(new TargetGroupTuple { TargetGroupArn = groupArn, Weight = tuple.Weight ?? 1 });
        }

        var stickiness = action.ForwardConfig?.TargetGroupStickinessConfig;
        if (stickiness?.Enabled == true && stickiness.DurationSeconds is not (>= 1 and <= MaxStickinessSeconds))
        {
            throw ElbErrors.Validation($"Target group stickiness duration must be between 1 and {MaxStickinessSeconds} seconds");
        }

        return new Action
        {
            Type = "forward",
            TargetGroupArn = weighted.Count == 1 ? weighted[0].TargetGroupArn : null,
            ForwardConfig = new ForwardActionConfig
            {
                TargetGroups = weighted,
                TargetGroupStickinessConfig = stickiness?.Enabled == true ? stickiness : new TargetGroupStickinessConfig { Enabled = false },
            },
        };
    }

    private static Action FixedResponse(Action action)
    {
        var config = action.FixedResponseConfig ?? throw ElbErrors.Validation("A fixed-response action must have a FixedResponseConfig");
        if (config.StatusCode is null)
        {
            throw ElbErrors.Validation("A fixed-response action must have a status code");
        }

        if (config.ContentType is { } contentType && !ContentTypes.Contains(contentType))
        {
            throw ElbErrors.Validation($"Content type '{contentType}' must be one of {string.Join(", ", ContentTypes)}");
        }

        return new Action { Type = "fixed-response", FixedResponseConfig = config };
    }

    /// <summary>Parts left out keep the request's own (#{protocol}, #{host}, #{port}, /#{path}, #{query}).</summary>
    private static Action Redirect(Action action)
    {
        var config = action.RedirectConfig ?? throw ElbErrors.Validation("A redirect action must have a RedirectConfig");
        if (config.StatusCode is null)
        {
            throw ElbErrors.Validation("A redirect action must have a status code");
        }

        var filled = config with
        {
            Protocol = config.Protocol ?? "#{protocol}",
            Host = config.Host ?? "#{host}",
            Port = config.Port ?? "#{port}",
            Path = config.Path ?? "/#{path}",
            Query = config.Query ?? "#{query}",
        };
        if (filled is { Protocol: "#{protocol}", Host: "#{host}", Port: "#{port}", Path: "/#{path}" })
        {
            throw ElbErrors.InvalidAction("The redirect configuration is not valid because it creates a loop.");
        }

        return new Action { Type = "redirect", RedirectConfig = filled };
    }
}
