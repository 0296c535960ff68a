using System.Globalization;

namespace Berth.ControlPlane.Placement.Query;

/// <summary>What a condition is about; <see cref="QuerySubjectKind.Attribute"/> carries the attribute's name.</summary>
public sealed record QuerySubject(QuerySubjectKind Kind, string? AttributeName = null)
{
    private static readonly Dictionary<string, QuerySubjectKind> Fixed = new(StringComparer.Ordinal)
    {
        ["agentConnected"] = QuerySubjectKind.AgentConnected,
        ["agentVersion"] = QuerySubjectKind.AgentVersion,
        ["ec2InstanceId"] = QuerySubjectKind.Ec2InstanceId,
        ["registeredAt"] = QuerySubjectKind.RegisteredAt,
        ["runningTasksCount"] = QuerySubjectKind.RunningTasksCount,
        ["task:group"] = QuerySubjectKind.TaskGroup,
    };

    private static readonly string[] DateFormats = ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd"];

    private const string AttributePrefix = "attribute:";

    /// <summary>The subject a word names, or why it names none.</summary>
    public static QuerySubject Parse(QueryToken token)
    {
        if (token.Kind == QueryTokenKind.Word && Fixed.TryGetValue(token.Text, out var kind))
        {
            return new QuerySubject(kind);
        }

        if (token.Kind == QueryTokenKind.Word && token.Text.StartsWith(AttributePrefix, StringComparison.Ordinal)
            && token.Text.Length > AttributePrefix.Length)
        {
            return new QuerySubject(QuerySubjectKind.Attribute, token.Text[AttributePrefix.Length..]);
        }

        var hint = token.Is("ec2InstanceType") ? " (the instance type is attribute:ecs.instance-type)" : "";
        throw new QuerySyntaxException(token.Position, $"expected a subject (agentConnected, agentVersion, attribute:<name>, "
            + $"ec2InstanceId, registeredAt, runningTasksCount or task:group) but found {token.Describe()}{hint}");
    }

    private static readonly QueryOperator[] Textual =
        [QueryOperator.Equals, QueryOperator.NotEquals, QueryOperator.In, QueryOperator.NotIn, QueryOperator.Matches, QueryOperator.NotMatches];

    private static readonly QueryOperator[] Ordered =
        [QueryOperator.Equals, QueryOperator.NotEquals, QueryOperator.GreaterThan, QueryOperator.GreaterThanEqual, QueryOperator.LessThan, QueryOperator.LessThanEqual];

    /// <summary>The operators ECS documents for the subject (cluster-query-language.md); attributes and task groups take
    /// every operator.</summary>
    public IReadOnlyList<QueryOperator>? Operators => Kind switch
    {
        QuerySubjectKind.AgentConnected or QuerySubjectKind.Ec2InstanceId => Textual,
        QuerySubjectKind.AgentVersion or QuerySubjectKind.RegisteredAt or QuerySubjectKind.RunningTasksCount => Ordered,
        _ => null,
    };

    public bool Allows(QueryOperator op) => Operators?.Contains(op) ?? true;

    /// <summary>The value as this subject compares it, or null when it is not one (e.g. "yesterday" for registeredAt);
    /// attributes and instance ids compare as numbers when both sides are numbers, else as text.</summary>
    public IComparable? Key(string value) => Kind switch
    {
        QuerySubjectKind.AgentConnected => bool.TryParse(value, out var flag) ? flag : null,
        QuerySubjectKind.AgentVersion => DottedVersion.TryParse(value),
        QuerySubjectKind.RegisteredAt => DateTimeOffset.TryParseExact(
            value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null,
        QuerySubjectKind.RunningTasksCount => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : null,
        QuerySubjectKind.TaskGroup => value,
        _ => decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : value,
    };

    /// <summary>How an argument of this subject must be written, for the error when it isn't.</summary>
    public string Expected => Kind switch
    {
        QuerySubjectKind.AgentConnected => "true or false",
        QuerySubjectKind.AgentVersion => "a dotted version such as 1.14.5",
        QuerySubjectKind.RegisteredAt => "a date such as 2018-06-18, 2018-06-18T22:28:28, 2018-06-18T22:28:28Z or 2018-06-18T22:28:28+00:00",
        QuerySubjectKind.RunningTasksCount => "a whole number",
        _ => "a value",
    };

    public override string ToString() => Kind switch
    {
        QuerySubjectKind.Attribute => AttributePrefix + AttributeName,
        QuerySubjectKind.TaskGroup => "task:group",
        _ => Fixed.First(f => f.Value == Kind).Key,
    };
}

/// <summary>The subjects of the cluster query language.</summary>
public enum QuerySubjectKind
{
    AgentConnected,
    AgentVersion,
    Attribute,
    Ec2InstanceId,
    RegisteredAt,
    RunningTasksCount,
    TaskGroup,
}
