namespace Berth.ControlPlane.Placement.Query;

/// <summary>Recursive descent over the tokens: <c>or := and (("||"|or) and)*</c>, <c>and := unary (("&amp;&amp;"|and)
/// unary)*</c>, <c>unary := ("!"|not) unary | "(" or ")" | condition</c>; so not binds tighter than and, and than or.
/// Arguments are checked against their subject here, so evaluation never meets a malformed one.</summary>
public sealed class QueryParser
{
    /// <summary>ECS's limit for memberOf expressions and ListContainerInstances filters.</summary>
    public const int MaxLength = 2000;

    private readonly IReadOnlyList<QueryToken> tokens;
    private int next;

    private QueryParser(IReadOnlyList<QueryToken> tokens) => this.tokens = tokens;

    /// <exception cref="QuerySyntaxException">The expression is too long or malformed.</exception>
    public static QueryExpression Parse(string expression)
    {
        if (expression.Length > MaxLength)
        {
            throw new QuerySyntaxException(MaxLength, $"expressions are limited to {MaxLength} characters");
        }

        var parser = new QueryParser(QueryTokenizer.Tokenize(expression));
        var parsed = parser.Or();
        var end = parser.Peek;
        if (end.Kind != QueryTokenKind.End)
        {
            throw new QuerySyntaxException(end.Position, $"expected 'and', 'or' or the end of the expression but found {end.Describe()}");
        }

        return parsed;
    }

    private QueryToken Peek => tokens[next];

    private QueryToken Take() => tokens[next++];

    private QueryExpression Or()
    {
        var left = And();
        while (Peek.Is("||") || Peek.Is("or"))
        {
            Take();
            left = new OrExpression(left, And());
        }

        return left;
    }

    private QueryExpression And()
    {
        var left = Unary();
        while (Peek.Is("&&") || Peek.Is("and"))
        {
            Take();
            left = new AndExpression(left, Unary());
        }

        return left;
    }

    private QueryExpression Unary()
    {
        if (Peek.Is("!") || Peek.Is("not"))
        {
            Take();
            return new NotExpression(Unary());
        }

        if (Peek.Kind == QueryTokenKind.OpenParen)
        {
            Take();
            var inner = Or();
            Expect(QueryTokenKind.CloseParen, "')'");
            return inner;
        }

        return Condition();
    }

    private Condition Condition()
    {
        var subjectToken = Take();
        var subject = QuerySubject.Parse(subjectToken);
        var operatorPosition = Peek.Position;
        var op = Operator(subjectToken);
        if (!subject.Allows(op))
        {
            throw new QuerySyntaxException(operatorPosition, $"{subject} takes {string.Join(", ", subject.Operators!.Select(o => o.Spell()))}, not {op.Spell()}");
        }

        if (op.TakesNothing())
        {
            return new Condition(subject, op, [], null);
        }

        if (op.TakesPattern())
        {
            var value = Value(op);
            var pattern = QueryPatterns.TryCreate(value.Text)
                ?? throw new QuerySyntaxException(value.Position, $"'{value.Text}' is not a valid regular expression");
            return new Condition(subject, op, [value.Text], pattern);
        }

        return new Condition(subject, op, op.TakesList() ? List(subject) : [Argument(subject, op)], null);
    }

    /// <summary>A symbol, a keyword, or "!" directly followed by exists or in.</summary>
    private QueryOperator Operator(QueryToken subject)
    {
        var token = Take();
        var spelling = token.Kind is QueryTokenKind.Word or QueryTokenKind.Symbol ? token.Text : null;
        if (token.Is("!") && Peek.Kind == QueryTokenKind.Word && Peek.Position == token.Position + 1)
        {
            spelling = "!" + Take().Text;
        }

        return (spelling is null ? null : QueryOperators.Parse(spelling))
            ?? throw new QuerySyntaxException(token.Position, $"expected an operator after '{subject.Text}' but found {token.Describe()}");
    }

    private List<string> List(QuerySubject subject)
    {
        Expect(QueryTokenKind.OpenBracket, "'[' to start the list of values");
        var values = new List<string> { Argument(subject, QueryOperator.In) };
        while (Peek.Kind == QueryTokenKind.Comma)
        {
            Take();
            values.Add(Argument(subject, QueryOperator.In));
        }

        Expect(QueryTokenKind.CloseBracket, "',' or ']' to end the list of values");
        return values;
    }

    /// <summary>A value the subject can compare with.</summary>
    private string Argument(QuerySubject subject, QueryOperator op)
    {
        var token = Value(op);
        return subject.Key(token.Text) is null
            ? throw new QuerySyntaxException(token.Position, $"{subject} compares with {subject.Expected}, not '{token.Text}'")
            : token.Text;
    }

    private QueryToken Value(QueryOperator op)
    {
        var token = Take();
        return token.Kind is QueryTokenKind.Word or QueryTokenKind.Quoted
            ? token
            : throw new QuerySyntaxException(token.Position, $"expected a value after '{op.Spell()}' but found {token.Describe()}");
    }

    private void Expect(QueryTokenKind kind, string what)
    {
        var token = Take();
        if (token.Kind != kind)
        {
            throw new QuerySyntaxException(token.Position, $"expected {what} but found {token.Describe()}");
        }
    }
}
