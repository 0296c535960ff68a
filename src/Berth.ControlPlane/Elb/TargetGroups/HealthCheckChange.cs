using System.Globalization;
using Berth.Aws.Generated.Elbv2;

namespace Berth.ControlPlane.Elb.TargetGroups;

/// <summary>The health check members CreateTargetGroup and ModifyTargetGroup share; null members keep what is there.
/// Ranges of the numbers are the model's (checked at the edge); the rules across members are checked here.</summary>
public sealed record HealthCheckChange(
    string? Protocol, string? Port, string? Path, bool? Enabled, int? IntervalSeconds, int? TimeoutSeconds, int? HealthyThreshold, int? UnhealthyThreshold, Matcher? Matcher)
{
    public const string TrafficPort = "traffic-port";

    public static HealthCheckChange Of(CreateTargetGroupInput r) => new(
        r.HealthCheckProtocol, r.HealthCheckPort, r.HealthCheckPath, r.HealthCheckEnabled, r.HealthCheckIntervalSeconds, r.HealthCheckTimeoutSeconds,
        r.HealthyThresholdCount, r.UnhealthyThresholdCount, r.Matcher);

    public static HealthCheckChange Of(ModifyTargetGroupInput r) => new(
        r.HealthCheckProtocol, r.HealthCheckPort, r.HealthCheckPath, r.HealthCheckEnabled, r.HealthCheckIntervalSeconds, r.HealthCheckTimeoutSeconds,
        r.HealthyThresholdCount, r.UnhealthyThresholdCount, r.Matcher);

    /// <summary>ELBv2's defaults for an HTTP(S) target group behind an application load balancer.</summary>
    public static TargetGroup Defaults(TargetGroup group) => group with
    {
        HealthCheckProtocol = group.Protocol,
        HealthCheckPort = TrafficPort,
        HealthCheckEnabled = true,
        HealthCheckPath = "/",
        HealthCheckIntervalSeconds = 30,
        HealthCheckTimeoutSeconds = 5,
        HealthyThresholdCount = 5,
        UnhealthyThresholdCount = 2,
        Matcher = new Matcher { HttpCode = "200" },
    };

    /// <summary>The group with this change applied, or a ValidationError.</summary>
    public TargetGroup ApplyTo(TargetGroup group)
    {
        var next = group with
        {
            HealthCheckProtocol = Protocol ?? group.HealthCheckProtocol,
            HealthCheckPort = Port ?? group.HealthCheckPort,
            HealthCheckPath = Path ?? group.HealthCheckPath,
            HealthCheckEnabled = Enabled ?? group.HealthCheckEnabled,
            HealthCheckIntervalSeconds = IntervalSeconds ?? group.HealthCheckIntervalSeconds,
            HealthCheckTimeoutSeconds = TimeoutSeconds ?? group.HealthCheckTimeoutSeconds,
            HealthyThresholdCount = HealthyThreshold ?? group.HealthyThresholdCount,
            UnhealthyThresholdCount = UnhealthyThreshold ?? group.UnhealthyThresholdCount,
            Matcher = Matcher is null ? group.Matcher : new Matcher { HttpCode = Matcher.HttpCode ?? group.Matcher?.HttpCode },
        };
        Check(next);
        return next;
    }

    private static void Check(TargetGroup group)
    {
        if (group.HealthCheckProtocol is not ("HTTP" or "HTTPS"))
        {
            throw ElbErrors.Validation($"Health check protocol '{group.HealthCheckProtocol}' is not supported for target groups with the protocol '{group.Protocol}'");
        }

        if (group.HealthCheckPort != TrafficPort && AttributeSet.Int(group.HealthCheckPort!) is not (>= 1 and <= 65535))
        {
            throw ElbErrors.Validation($"Health check port '{group.HealthCheckPort}' must be '{TrafficPort}' or an integer from 1 to 65535");
        }

        if (!group.HealthCheckPath!.StartsWith('/'))
        {
            throw ElbErrors.Validation($"Health check path '{group.HealthCheckPath}' must begin with a '/' character");
        }

        if (group.HealthCheckTimeoutSeconds >= group.HealthCheckIntervalSeconds)
        {
            throw ElbErrors.Validation(
                $"Health check timeout '{group.HealthCheckTimeoutSeconds}' must be smaller than the interval '{group.HealthCheckIntervalSeconds}'");
        }

        if (!ValidMatcher(group.Matcher?.HttpCode))
        {
            throw ElbErrors.Validation($"Health check matcher HTTP code '{group.Matcher?.HttpCode}' must be within '200-499' code range");
        }
    }

    /// <summary>"200", "200,202" or "200-299", every code from 200 to 499.</summary>
    public static bool ValidMatcher(string? httpCode) =>
        !string.IsNullOrEmpty(httpCode) && httpCode.Split(',').All(part => part.Split('-') switch
        {
            [var one] => Code(one) is not null,
            [var low, var high] => Code(low) is { } l && Code(high) is { } h && l <= h,
            _ => false,
        });

    private static int? Code(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 200 and <= 499 ? code : null;
}
