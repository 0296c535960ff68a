using System.Text.Json;
using System.Text.RegularExpressions;
using Berth.Domain;

namespace Berth.ControlPlane.Ecr.Policies;

/// <summary>Validates a repository policy document as ECR accepts one and reads it into a <see cref="RepositoryPolicy"/>; every
/// refusal is InvalidParameterException "Invalid repository policy provided". Condition, NotPrincipal and NotAction are refused:
/// Berth could not honour them, and a policy silently honoured in part is worse than one refused.</summary>
public static partial class RepositoryPolicyParser
{
    private static readonly string[] Versions = ["2012-10-17", "2008-10-17"];
    private static readonly string[] StatementMembers = ["Sid", "Effect", "Principal", "Action", "Resource"];

    public static RepositoryPolicy Parse(string text)
    {
        var root = PolicyJson.ParseObject(text, () => EcrErrors.InvalidRepositoryPolicy("the policy is not a JSON object"));
        foreach (var member in root.EnumerateObject().Where(m => m.Name is not ("Version" or "Statement" or "Id")))
        {
            throw EcrErrors.InvalidRepositoryPolicy($"unknown element '{member.Name}'");
        }

        if (root.TryGetProperty("Version", out var version) && (version.ValueKind != JsonValueKind.String || !Versions.Contains(version.GetString())))
        {
            throw EcrErrors.InvalidRepositoryPolicy("Version must be 2012-10-17 or 2008-10-17");
        }

        if (!root.TryGetProperty("Statement", out var statement))
        {
            throw EcrErrors.InvalidRepositoryPolicy("the policy has no Statement");
        }

        var statements = statement.ValueKind == JsonValueKind.Array ? statement.EnumerateArray().ToList() : [statement];
        if (statements.Count == 0)
        {
            throw EcrErrors.InvalidRepositoryPolicy("Statement must not be empty");
        }

        var parsed = statements.Select((s, i) => ParseStatement(s, $"Statement[{i}]")).ToList();
        if (parsed.Where(s => s.Sid is not null).GroupBy(s => s.Sid).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw EcrErrors.InvalidRepositoryPolicy($"Sid '{duplicate.Key}' is used by more than one statement");
        }

        return new RepositoryPolicy(parsed);
    }

    private static PolicyStatement ParseStatement(JsonElement statement, string at)
    {
        if (statement.ValueKind != JsonValueKind.Object)
        {
            throw EcrErrors.InvalidRepositoryPolicy($"{at} must be an object");
        }

        foreach (var member in statement.EnumerateObject().Where(m => !StatementMembers.Contains(m.Name, StringComparer.Ordinal)))
        {
            throw EcrErrors.InvalidRepositoryPolicy($"{at}.{member.Name} is not supported");
        }

        string? sid = null;
        if (statement.TryGetProperty("Sid", out var sidElement))
        {
            sid = sidElement.ValueKind == JsonValueKind.String && SidPattern().IsMatch(sidElement.GetString()!)
                ? sidElement.GetString()
                : throw EcrErrors.InvalidRepositoryPolicy($"{at}.Sid must be letters and digits only");
        }

        var effect = statement.TryGetProperty("Effect", out var e) && e.ValueKind == JsonValueKind.String
            ? e.GetString() switch
            {
                "Allow" => PolicyEffect.Allow,
                "Deny" => PolicyEffect.Deny,
                _ => throw EcrErrors.InvalidRepositoryPolicy($"{at}.Effect must be Allow or Deny"),
            }
            : throw EcrErrors.InvalidRepositoryPolicy($"{at} has no Effect");
        var principals = statement.TryGetProperty("Principal", out var p)
            ? Principals(p, $"{at}.Principal")
            : throw EcrErrors.InvalidRepositoryPolicy($"{at} has no Principal");
        var actions = statement.TryGetProperty("Action", out var a)
            ? StringOrList(a, $"{at}.Action")
            : throw EcrErrors.InvalidRepositoryPolicy($"{at} has no Action");
        if (actions.FirstOrDefault(action => action != "*" && !ActionPattern().IsMatch(action)) is { } bad)
        {
            throw EcrErrors.InvalidRepositoryPolicy($"{at}.Action '{bad}' is not an ecr action");
        }

        return new PolicyStatement(sid, effect, principals, actions);
    }

    /// <summary>"*", or {"AWS": "*" | account id | IAM/STS ARN | a list of them}.</summary>
    private static List<string> Principals(JsonElement principal, string at)
    {
        if (principal.ValueKind == JsonValueKind.String)
        {
            return principal.GetString() == "*" ? ["*"] : throw EcrErrors.InvalidRepositoryPolicy($"{at} must be \"*\" or an object with AWS");
        }

        if (principal.ValueKind != JsonValueKind.Object || principal.EnumerateObject().Any(m => m.Name != "AWS") || !principal.TryGetProperty("AWS", out var aws))
        {
            throw EcrErrors.InvalidRepositoryPolicy($"{at} must be \"*\" or an object with AWS principals only");
        }

        var principals = StringOrList(aws, at + ".AWS");
        if (principals.FirstOrDefault(p => p != "*" && !AccountPattern().IsMatch(p) && !IsPrincipalArn(p)) is { } bad)
        {
            throw EcrErrors.InvalidRepositoryPolicy($"Invalid principal '{bad}' in {at}.AWS");
        }

        return principals;
    }

    private static bool IsPrincipalArn(string text) => Arn.TryParse(text, out var arn) && arn.Service is "iam" or "sts" && AccountPattern().IsMatch(arn.Account);

    private static List<string> StringOrList(JsonElement value, string at)
    {
        var items = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];
        return items.Count > 0 && items.All(i => i.ValueKind == JsonValueKind.String && i.GetString()!.Length > 0)
            ? items.Select(i => i.GetString()!).ToList()
            : throw EcrErrors.InvalidRepositoryPolicy($"{at} must be a non-empty string or a list of them");
    }

    [GeneratedRegex("^[0-9]{12}$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountPattern();

    [GeneratedRegex("^ecr:[A-Za-z*?]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ActionPattern();

    [GeneratedRegex("^[A-Za-z0-9]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SidPattern();
}
