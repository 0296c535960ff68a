using System.Net;
using Berth.Aws.Generated.Elbv2;
using Berth.Aws.Protocol;

namespace Berth.ControlPlane.Elb.Rules;

/// <summary>Checks a rule's conditions against ELBv2's rules and answers them as ELBv2 echoes them (path-pattern and
/// host-header with both the legacy Values and their *Config). Limits: at least one condition, <see cref="MaxValues"/>
/// values in all, one condition of each field but http-header and query-string, values of at most 128 characters.</summary>
public static class ConditionReader
{
    public const int MaxValues = 5;
    public const int MaxValueLength = 128;

    private static readonly string[] Fields = ["http-header", "http-request-method", "host-header", "path-pattern", "query-string", "source-ip"];
    private static readonly string[] Repeatable = ["http-header", "query-string"];

    public static List<RuleCondition> Read(List<RuleCondition>? conditions)
    {
        if (conditions is not { Count: > 0 })
        {
            throw ElbErrors.Validation("A rule must have at least one condition");
        }

        var read = conditions.Select(ReadOne).ToList();
        foreach (var field in read.GroupBy(c => c.Field!).Where(g => g.Count() > 1 && !Repeatable.Contains(g.Key)))
        {
            throw ElbErrors.Validation($"A rule can only have one '{field.Key}' condition");
        }

        if (read.Sum(CountValues) > MaxValues)
        {
            throw ElbErrors.Validation($"A rule can only have '{MaxValues}' condition values");
        }

        return read;
    }

    private static RuleCondition ReadOne(RuleCondition condition)
    {
        var field = condition.Field ?? throw ElbErrors.Validation("A condition field must be specified");
        if (condition.RegexValues is not null || condition.PathPatternConfig?.RegexValues is not null
            || condition.HostHeaderConfig?.RegexValues is not null || condition.HttpHeaderConfig?.RegexValues is not null)
        {
            throw ElbErrors.Validation("Regular expression conditions are not supported by Berth");
        }

        if (condition.Values is not null && field is not ("path-pattern" or "host-header"))
        {
            throw ElbErrors.Validation($"The 'Values' field is not supported for '{field}' conditions; use the field's configuration");
        }

        switch (field)
        {
            case "path-pattern":
                var paths = Legacy(field, condition.Values, condition.PathPatternConfig?.Values, PathCharacter);
                return new RuleCondition { Field = field, Values = paths, PathPatternConfig = new PathPatternConditionConfig { Values = paths } };
            case "host-header":
                var hosts = Legacy(field, condition.Values, condition.HostHeaderConfig?.Values, HostCharacter);
                return new RuleCondition { Field = field, Values = hosts, HostHeaderConfig = new HostHeaderConditionConfig { Values = hosts } };
            case "http-header":
                var header = condition.HttpHeaderConfig ?? throw Missing(field, "HttpHeaderConfig");
                var name = header.HttpHeaderName is { Length: > 0 and <= 40 } n && n.All(HeaderNameCharacter)
                    ? n
                    : throw ElbErrors.Validation($"HTTP header name '{header.HttpHeaderName}' is not valid");
                return new RuleCondition
                {
                    Field = field,
                    HttpHeaderConfig = new HttpHeaderConditionConfig { HttpHeaderName = name, Values = Checked(field, header.Values, _ => true) },
                };
            case "query-string":
                var pairs = condition.QueryStringConfig?.Values is { Count: > 0 } given ? given : throw Missing(field, "QueryStringConfig");
                foreach (var pair in pairs)
                {
                    if (pair.Value is not { Length: > 0 and <= MaxValueLength } || pair.Key is { Length: > MaxValueLength })
                    {
                        throw ElbErrors.Validation("A query-string condition's values must each have a value of 1 to 128 characters");
                    }
                }

                return new RuleCondition { Field = field, QueryStringConfig = new QueryStringConditionConfig { Values = pairs } };
            case "http-request-method":
                var methods = Checked(field, condition.HttpRequestMethodConfig?.Values, c => char.IsAsciiLetterUpper(c) || c is '_' or '-');
                return new RuleCondition { Field = field, HttpRequestMethodConfig = new HttpRequestMethodConditionConfig { Values = methods } };
            case "source-ip":
                var cidrs = Checked(field, condition.SourceIpConfig?.Values, _ => true);
                foreach (var cidr in cidrs.Where(c => !IPNetwork.TryParse(c, out _)))
                {
                    throw ElbErrors.Validation($"Source IP '{cidr}' is not a valid CIDR block");
                }

                return new RuleCondition { Field = field, SourceIpConfig = new SourceIpConditionConfig { Values = cidrs } };
            default:
                throw ElbErrors.Validation($"Condition field '{field}' must be one of [{string.Join(", ", Fields)}]");
        }
    }

    /// <summary>Values or the *Config's values; both may be given only when they agree.</summary>
    private static List<string> Legacy(string field, List<string>? values, List<string>? configured, Func<char, bool> valid)
    {
        if (values is not null && configured is not null && !values.SequenceEqual(configured))
        {
            throw ElbErrors.Validation($"You cannot specify both 'Values' and a configuration with other values for '{field}' conditions");
        }

        return Checked(field, configured ?? values, valid);
    }

    private static List<string> Checked(string field, List<string>? values, Func<char, bool> valid)
    {
        if (values is not { Count: > 0 })
        {
            throw ElbErrors.Validation($"A '{field}' condition must have at least one value");
        }

        foreach (var value in values)
        {
            if (value.Length is 0 or > MaxValueLength)
            {
                throw ElbErrors.Validation($"Condition value '{value}' must be between 1 and {MaxValueLength} characters long");
            }

            if (!value.All(valid))
            {
                throw ElbErrors.Validation($"Condition value '{value}' contains characters that are not allowed in a '{field}' condition");
            }
        }

        return values;
    }

    private static int CountValues(RuleCondition condition) =>
        condition.Values?.Count ?? condition.HttpHeaderConfig?.Values?.Count ?? condition.QueryStringConfig?.Values?.Count
        ?? condition.HttpRequestMethodConfig?.Values?.Count ?? condition.SourceIpConfig?.Values?.Count ?? 0;

    private static AwsException Missing(string field, string config) => ElbErrors.Validation($"A '{field}' condition must have a {config}");

    private static bool PathCharacter(char c) => char.IsAsciiLetterOrDigit(c) || "_-.$/~\"'@:+&*?".Contains(c);

    private static bool HostCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '*' or '?';

    private static bool HeaderNameCharacter(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c);
}
