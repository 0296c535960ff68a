using Berth.Domain;

namespace Berth.ControlPlane.Logs;

/// <summary>Log group and stream ARNs; DescribeLogGroups' <c>arn</c> ends in <c>:*</c>, its <c>logGroupArn</c> does not.</summary>
public static class LogArns
{
    public static string Group(ResourceScope scope, string group) => Arn.For("logs", scope, $"log-group:{group}").ToString();

    public static string GroupWildcard(ResourceScope scope, string group) => Group(scope, group) + ":*";

    public static string Stream(ResourceScope scope, string group, string stream) => $"{Group(scope, group)}:log-stream:{stream}";

    /// <summary>The group a log-group ARN (with or without <c>:*</c>) of this scope names, or null.</summary>
    public static string? GroupName(ResourceScope scope, string arn)
    {
        var prefix = Group(scope, "");
        if (!arn.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var name = arn[prefix.Length..];
        name = name.EndsWith(":*", StringComparison.Ordinal) ? name[..^2] : name;
        return name.Length > 0 && !name.Contains(':', StringComparison.Ordinal) ? name : null;
    }
}
