using System.Text.Json;
using Berth.Aws.Protocol;

namespace Berth.ControlPlane.Ecr.Lifecycle;

/// <summary>Validates lifecycle policy text as ECR does (its schema, then the rules across rules) and reads it into a
/// <see cref="LifecyclePolicy"/>. Every refusal is InvalidParameterException "Lifecycle policy validation failure: …".</summary>
public static class LifecyclePolicyParser
{
    private static readonly string[] RuleMembers = ["rulePriority", "description", "selection", "action"];
    private static readonly string[] SelectionMembers = ["tagStatus", "tagPrefixList", "tagPatternList", "countType", "countUnit", "countNumber"];
    private static readonly string[] TagStatuses = ["tagged", "untagged", "any"];
    private static readonly string[] CountTypes = ["imageCountMoreThan", "sinceImagePushed"];

    public static LifecyclePolicy Parse(string text)
    {
        var root = PolicyJson.ParseObject(text, () => Invalid("Could not map policyString into LifecyclePolicy."));
        CheckMembers(root, ["rules"], ["rules"]);
        var rulesElement = root.GetProperty("rules");
        if (rulesElement.ValueKind != JsonValueKind.Array)
        {
            throw Invalid("Could not map policyString into LifecyclePolicy.");
        }

        if (rulesElement.GetArrayLength() == 0)
        {
            throw Invalid("array is too short: must have at least 1 elements but instance has 0 elements");
        }

        var rules = rulesElement.EnumerateArray().Select(ParseRule).OrderBy(r => r.Priority).ToList();
        CheckAcrossRules(rules);
        return new LifecyclePolicy(rules);
    }

    public static AwsException Invalid(string detail) => EcrErrors.InvalidParameter(
        $"Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: {detail}'");

    private static LifecycleRule ParseRule(JsonElement rule)
    {
        if (rule.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("Could not map policyString into LifecyclePolicy.");
        }

        CheckMembers(rule, RuleMembers, ["action", "rulePriority", "selection"]);
        var priority = PositiveInt(rule.GetProperty("rulePriority"), "rulePriority");
        var description = rule.TryGetProperty("description", out var d) ? String(d, "description") : null;
        var action = rule.GetProperty("action");
        if (action.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("Could not map policyString into LifecyclePolicy.");
        }

        CheckMembers(action, ["type"], ["type"]);
        OneOf(String(action.GetProperty("type"), "type"), ["expire"]);

        var selection = rule.GetProperty("selection");
        if (selection.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("Could not map policyString into LifecyclePolicy.");
        }

        CheckMembers(selection, SelectionMembers, ["countNumber", "countType", "tagStatus"]);
        var tagStatus = (LifecycleTagStatus)OneOf(String(selection.GetProperty("tagStatus"), "tagStatus"), TagStatuses);
        var countType = (LifecycleCountType)OneOf(String(selection.GetProperty("countType"), "countType"), CountTypes);
        var countNumber = PositiveInt(selection.GetProperty("countNumber"), "countNumber");
        var hasUnit = selection.TryGetProperty("countUnit", out var unit);
        if (countType == LifecycleCountType.SinceImagePushed)
        {
            if (!hasUnit)
            {
                throw Invalid("object has missing required properties ([\"countUnit\"])");
            }

            OneOf(String(unit, "countUnit"), ["days"]);
        }
        else if (hasUnit)
        {
            throw Invalid("CountUnit must not be specified when countType is imageCountMoreThan");
        }

        var prefixes = selection.TryGetProperty("tagPrefixList", out var p) ? Strings(p, "tagPrefixList") : null;
        var patterns = selection.TryGetProperty("tagPatternList", out var t) ? Strings(t, "tagPatternList") : null;
        CheckTagFilters(tagStatus, prefixes, patterns);
        return new LifecycleRule
        {
            Priority = priority,
            Description = description,
            TagStatus = tagStatus,
            TagPrefixes = prefixes ?? [],
            TagPatterns = patterns ?? [],
            CountType = countType,
            CountNumber = countNumber,
        };
    }

    private static void CheckTagFilters(LifecycleTagStatus tagStatus, List<string>? prefixes, List<string>? patterns)
    {
        if (tagStatus != LifecycleTagStatus.Tagged)
        {
            if (prefixes is not null || patterns is not null)
            {
                throw Invalid("tagPrefixList and tagPatternList can only be specified when tagStatus=TAGGED.");
            }

            return;
        }

        if (prefixes is not null && patterns is not null)
        {
            throw Invalid("tagPrefixList and tagPatternList cannot both be specified in one rule.");
        }

        if (prefixes is not { Count: > 0 } && patterns is not { Count: > 0 })
        {
            throw Invalid("Must specify tagPrefixList or tagPatternList when tagStatus=TAGGED.");
        }

        if (patterns?.FirstOrDefault(pattern => pattern.Count(c => c == '*') > TagPattern.MaxWildcards) is { } tooWild)
        {
            throw Invalid($"Wildcard count exceeds limit of {TagPattern.MaxWildcards} in tagPattern '{tooWild}'.");
        }
    }

    /// <summary>The rules between rules: unique priorities, one rule for untagged images, tagStatus any last.</summary>
    private static void CheckAcrossRules(List<LifecycleRule> rules)
    {
        if (rules.GroupBy(r => r.Priority).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw Invalid($"Rule priorities must be unique; {duplicate.Key} is used by more than one rule.");
        }

        if (rules.Count(r => r.TagStatus == LifecycleTagStatus.Untagged) > 1)
        {
            throw Invalid("Only one rule can select Untagged images.");
        }

        var any = rules.Where(r => r.TagStatus == LifecycleTagStatus.Any).ToList();
        if (any.Count > 1 || any.Count == 1 && !ReferenceEquals(any[0], rules[^1]))
        {
            throw Invalid("Rule for tagStatus=ANY must have the lowest priority (the highest rulePriority) and be the only one.");
        }
    }

    private static void CheckMembers(JsonElement element, string[] allowed, string[] required)
    {
        var names = element.EnumerateObject().Select(m => m.Name).ToList();
        var unknown = names.Where(n => !allowed.Contains(n, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw Invalid($"object instance has properties which are not allowed by the schema: ({Quoted(unknown)})");
        }

        var missing = required.Where(r => !names.Contains(r, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            throw Invalid($"object has missing required properties ({Quoted(missing)})");
        }
    }

    private static int PositiveInt(JsonElement value, string name)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            throw Invalid($"instance type ({value.ValueKind.ToString().ToLowerInvariant()}) of '{name}' does not match any allowed primitive type (allowed: [\"integer\"])");
        }

        return number >= 1 ? number : throw Invalid($"numeric instance is lower than the required minimum (minimum: 1, found: {number})");
    }

    private static string String(JsonElement value, string name) => value.ValueKind == JsonValueKind.String
        ? value.GetString()!
        : throw Invalid($"instance type ({value.ValueKind.ToString().ToLowerInvariant()}) of '{name}' does not match any allowed primitive type (allowed: [\"string\"])");

    private static List<string> Strings(JsonElement value, string name)
    {
        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String || v.GetString()!.Length == 0))
        {
            throw Invalid($"'{name}' must be an array of non-empty strings");
        }

        return value.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    /// <summary>The index of <paramref name="value"/> in <paramref name="allowed"/> (the enum's order), or ECR's enum error.</summary>
    private static int OneOf(string value, string[] allowed)
    {
        var index = Array.IndexOf(allowed, value);
        return index >= 0 ? index : throw Invalid($"instance value (\"{value}\") not found in enum (possible values: {Quoted(allowed)})");
    }

    private static string Quoted(IEnumerable<string> names) => "[" + string.Join(',', names.Select(n => $"\"{n}\"")) + "]";
}
