using System.Text.RegularExpressions;

namespace Berth.ControlPlane.Placement.Query;

/// <summary>A parsed cluster query expression; immutable, so one parse serves every instance it is evaluated against.
/// <see cref="object.ToString"/> renders it fully parenthesized in canonical spellings, which shows precedence.</summary>
public abstract record QueryExpression
{
    /// <summary>Whether any condition is about task:group, the one subject that needs the cluster's tasks read.</summary>
    public abstract bool UsesTaskGroups { get; }

    public abstract bool Matches(InstanceFacts facts);
}

public sealed record AndExpression(QueryExpression Left, QueryExpression Right) : QueryExpression
{
    public override bool UsesTaskGroups => Left.UsesTaskGroups || Right.UsesTaskGroups;

    public override bool Matches(InstanceFacts facts) => Left.Matches(facts) && Right.Matches(facts);

    public override string ToString() => $"({Left} && {Right})";
}

public sealed record OrExpression(QueryExpression Left, QueryExpression Right) : QueryExpression
{
    public override bool UsesTaskGroups => Left.UsesTaskGroups || Right.UsesTaskGroups;

    public override bool Matches(InstanceFacts facts) => Left.Matches(facts) || Right.Matches(facts);

    public override string ToString() => $"({Left} || {Right})";
}

public sealed record NotExpression(QueryExpression Operand) : QueryExpression
{
    public override bool UsesTaskGroups => Operand.UsesTaskGroups;

    public override bool Matches(InstanceFacts facts) => !Operand.Matches(facts);

    public override string ToString() => $"!{Operand}";
}

/// <summary><c>subject operator [argument]</c>. Arguments are kept as written and as the subject compares them (keys
/// checked at parse time); <c>matches</c> patterns are compiled once, anchored to the whole value like Java's
/// <c>String.matches</c>.</summary>
public sealed record Condition(QuerySubject Subject, QueryOperator Operator, IReadOnlyList<string> Arguments, Regex? Pattern)
    : QueryExpression
{
    private readonly IComparable[] keys = Pattern is null ? Arguments.Select(a => Subject.Key(a)!).ToArray() : [];

    public override bool UsesTaskGroups => Subject.Kind == QuerySubjectKind.TaskGroup;

    /// <summary>Without a value (a missing attribute, an instance with no tasks) every operator but !exists is false,
    /// negated ones included: ECS answers <c>attribute:retiring != true</c> only with instances that have the attribute.
    /// With values, a positive operator holds when any value satisfies it and a negated one when none does.</summary>
    public override bool Matches(InstanceFacts facts)
    {
        var (present, values) = facts.Values(Subject);
        return Operator switch
        {
            QueryOperator.Exists => present,
            QueryOperator.NotExists => !present,
            QueryOperator.NotEquals or QueryOperator.NotIn or QueryOperator.NotMatches => values.Count > 0 && !AnyHolds(values),
            _ => AnyHolds(values),
        };
    }

    /// <summary>A loop rather than LINQ: placement evaluates conditions for every instance of every snapshot.</summary>
    private bool AnyHolds(IReadOnlyList<string> values)
    {
        for (var v = 0; v < values.Count; v++)
        {
            if (Holds(values[v]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The positive form of the operator on one value.</summary>
    private bool Holds(string value)
    {
        if (Pattern is not null)
        {
            return QueryPatterns.IsMatch(Pattern, value);
        }

        var actual = Subject.Key(value);
        return Operator switch
        {
            QueryOperator.GreaterThan => Compare(value, actual, 0) > 0,
            QueryOperator.GreaterThanEqual => Compare(value, actual, 0) >= 0,
            QueryOperator.LessThan => Compare(value, actual, 0) < 0,
            QueryOperator.LessThanEqual => Compare(value, actual, 0) <= 0,
            _ => EqualsAny(value, actual),
        };
    }

    private bool EqualsAny(string value, IComparable? actual)
    {
        for (var argument = 0; argument < keys.Length; argument++)
        {
            if (Compare(value, actual, argument) == 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Null (no order, so false for every comparison) when the instance's value (<paramref name="actual"/> as the
    /// subject reads it) is not of the subject's type; a number and a text (attributes) compare as text.</summary>
    private int? Compare(string value, IComparable? actual, int argument) => actual switch
    {
        null => null,
        _ when actual.GetType() == keys[argument].GetType() => actual.CompareTo(keys[argument]),
        _ => string.CompareOrdinal(value, Arguments[argument]),
    };

    public override string ToString() => Operator switch
    {
        _ when Operator.TakesNothing() => $"{Subject} {Operator.Spell()}",
        _ when Operator.TakesList() => $"{Subject} {Operator.Spell()} [{string.Join(", ", Arguments.Select(Quote))}]",
        _ => $"{Subject} {Operator.Spell()} {Quote(Arguments[0])}",
    };

    private static string Quote(string value) => $"'{value}'";
}
