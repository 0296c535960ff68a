using Berth.ControlPlane.Placement.Query;

namespace Berth.ControlPlane.Tests.Placement.Query;

/// <summary>The tokenizer and parser: both spellings of every operator, precedence, quoting, lists, and malformed input
/// reported at its exact position. Parsed trees are compared through their canonical rendering.</summary>
public sealed class QueryParserTests
{
    [Theory]
    [InlineData("attribute:a == x", "attribute:a == 'x'")]
    [InlineData("attribute:a equals x", "attribute:a == 'x'")]
    [InlineData("attribute:a != x", "attribute:a != 'x'")]
    [InlineData("attribute:a not_equals x", "attribute:a != 'x'")]
    [InlineData("runningTasksCount > 1", "runningTasksCount > '1'")]
    [InlineData("runningTasksCount greater_than 1", "runningTasksCount > '1'")]
    [InlineData("runningTasksCount >= 1", "runningTasksCount >= '1'")]
    [InlineData("runningTasksCount greater_than_equal 1", "runningTasksCount >= '1'")]
    [InlineData("runningTasksCount < 1", "runningTasksCount < '1'")]
    [InlineData("runningTasksCount less_than 1", "runningTasksCount < '1'")]
    [InlineData("runningTasksCount <= 1", "runningTasksCount <= '1'")]
    [InlineData("runningTasksCount less_than_equal 1", "runningTasksCount <= '1'")]
    [InlineData("attribute:a exists", "attribute:a exists")]
    [InlineData("attribute:a !exists", "attribute:a !exists")]
    [InlineData("attribute:a not_exists", "attribute:a !exists")]
    [InlineData("attribute:a in [x, y]", "attribute:a in ['x', 'y']")]
    [InlineData("attribute:a !in [x]", "attribute:a !in ['x']")]
    [InlineData("attribute:a not_in [x,y,z]", "attribute:a !in ['x', 'y', 'z']")]
    [InlineData("attribute:a =~ t2.*", "attribute:a =~ 't2.*'")]
    [InlineData("attribute:a matches t2.*", "attribute:a =~ 't2.*'")]
    [InlineData("attribute:a !~ t2.*", "attribute:a !~ 't2.*'")]
    [InlineData("attribute:a not_matches t2.*", "attribute:a !~ 't2.*'")]
    [InlineData("attribute:a MATCHES t2.*", "attribute:a =~ 't2.*'")]
    public void Parse_EveryOperatorSpelling_CanonicalOperator(string expression, string rendered) =>
        Assert.Equal(rendered, QueryParser.Parse(expression).ToString());

    [Theory]
    [InlineData("agentConnected == true", "agentConnected == 'true'")]
    [InlineData("agentConnected in [true]", "agentConnected in ['true']")]
    [InlineData("task:group > a", "task:group > 'a'")]
    [InlineData("agentVersion < 1.14.5", "agentVersion < '1.14.5'")]
    [InlineData("ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']", "ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']")]
    [InlineData("registeredAt < 2018-02-13", "registeredAt < '2018-02-13'")]
    [InlineData("registeredAt >= 2018-06-18T22:28:28+00:00", "registeredAt >= '2018-06-18T22:28:28+00:00'")]
    [InlineData("registeredAt >= 2018-06-18T22:28:28Z", "registeredAt >= '2018-06-18T22:28:28Z'")]
    [InlineData("registeredAt >= 2018-06-18T22:28:28", "registeredAt >= '2018-06-18T22:28:28'")]
    [InlineData("task:group == service:production", "task:group == 'service:production'")]
    [InlineData("attribute:ecs.availability-zone in [us-east-1a, us-east-1b]", "attribute:ecs.availability-zone in ['us-east-1a', 'us-east-1b']")]
    [InlineData("attribute:note == \"two words\"", "attribute:note == 'two words'")]
    [InlineData("attribute:note == 'it \"is\" here'", "attribute:note == 'it \"is\" here'")]
    [InlineData("attribute:a =~ '^(t2|t3)\\..*$'", "attribute:a =~ '^(t2|t3)\\..*$'")]
    [InlineData("attribute:a == ''", "attribute:a == ''")]
    [InlineData("runningTasksCount==1", "runningTasksCount == '1'")]
    [InlineData("attribute:a!exists&&attribute:b!in[x,'y z']", "(attribute:a !exists && attribute:b !in ['x', 'y z'])")]
    [InlineData("  attribute:a   ==   x  ", "attribute:a == 'x'")]
    public void Parse_EverySubjectAndQuoting_AsWritten(string expression, string rendered) =>
        Assert.Equal(rendered, QueryParser.Parse(expression).ToString());

    [Theory]
    [InlineData("attribute:a exists || attribute:b exists && attribute:c exists", "(attribute:a exists || (attribute:b exists && attribute:c exists))")]
    [InlineData("attribute:a exists && attribute:b exists || attribute:c exists", "((attribute:a exists && attribute:b exists) || attribute:c exists)")]
    [InlineData("!attribute:a exists && attribute:b exists", "(!attribute:a exists && attribute:b exists)")]
    [InlineData("not attribute:a exists or attribute:b exists", "(!attribute:a exists || attribute:b exists)")]
    [InlineData("(attribute:a exists || attribute:b exists) && attribute:c exists", "((attribute:a exists || attribute:b exists) && attribute:c exists)")]
    [InlineData("not(task:group == database)", "!task:group == 'database'")]
    [InlineData("!(attribute:a exists and attribute:b exists)", "!(attribute:a exists && attribute:b exists)")]
    [InlineData("attribute:a exists AND attribute:b exists OR attribute:c exists", "((attribute:a exists && attribute:b exists) || attribute:c exists)")]
    [InlineData("attribute:a exists && attribute:b exists && attribute:c exists", "((attribute:a exists && attribute:b exists) && attribute:c exists)")]
    [InlineData("((attribute:a exists))", "attribute:a exists")]
    [InlineData("not not attribute:a exists", "!!attribute:a exists")]
    public void Parse_Precedence_NotThenAndThenOr(string expression, string rendered) =>
        Assert.Equal(rendered, QueryParser.Parse(expression).ToString());

    [Theory]
    [InlineData("", 0, "expected a subject")]
    [InlineData("   ", 3, "expected a subject")]
    [InlineData("attribute:ecs.instance-type", 27, "expected an operator after 'attribute:ecs.instance-type' but found the end of the expression")]
    [InlineData("attribute:ecs.instance-type t2.micro", 28, "expected an operator after 'attribute:ecs.instance-type' but found 't2.micro'")]
    [InlineData("attribute:a ==", 14, "expected a value after '==' but found the end of the expression")]
    [InlineData("attribute:a == )", 15, "expected a value after '==' but found ')'")]
    [InlineData("attribute:a in x", 15, "expected '[' to start the list of values but found 'x'")]
    [InlineData("attribute:a in [x y]", 18, "expected ',' or ']' to end the list of values but found 'y'")]
    [InlineData("attribute:a in [x,]", 18, "expected a value after 'in' but found ']'")]
    [InlineData("attribute:a == 'open", 15, "has no closing '")]
    [InlineData("(attribute:a exists", 19, "expected ')' but found the end of the expression")]
    [InlineData("attribute:a exists)", 18, "expected 'and', 'or' or the end of the expression but found ')'")]
    [InlineData("attribute:a exists attribute:b exists", 19, "expected 'and', 'or' or the end of the expression")]
    [InlineData("attribute:a exists &&", 21, "expected a subject")]
    [InlineData("attribute:a = x", 12, "unexpected character '='")]
    [InlineData("attribute:a exists & attribute:b exists", 19, "unexpected character '&'")]
    [InlineData("ec2InstanceType == t2.micro", 0, "found 'ec2InstanceType' (the instance type is attribute:ecs.instance-type)")]
    [InlineData("instanceId == x", 0, "expected a subject")]
    [InlineData("attribute: == x", 0, "expected a subject")]
    [InlineData("Agentconnected == true", 0, "expected a subject")]
    [InlineData("agentConnected == yes", 18, "agentConnected compares with true or false, not 'yes'")]
    [InlineData("agentConnected > true", 15, "agentConnected takes ==, !=, in, !in, =~, !~, not >")]
    [InlineData("agentConnected exists", 15, "agentConnected takes ==, !=, in, !in, =~, !~, not exists")]
    [InlineData("ec2InstanceId <= i-1", 14, "ec2InstanceId takes ==, !=, in, !in, =~, !~, not <=")]
    [InlineData("agentVersion =~ 1.*", 13, "agentVersion takes ==, !=, >, >=, <, <=, not =~")]
    [InlineData("registeredAt in [2018-02-13]", 13, "registeredAt takes ==, !=, >, >=, <, <=, not in")]
    [InlineData("runningTasksCount !exists", 18, "runningTasksCount takes ==, !=, >, >=, <, <=, not !exists")]
    [InlineData("agentVersion < 1.x", 15, "agentVersion compares with a dotted version")]
    [InlineData("registeredAt < yesterday", 15, "registeredAt compares with a date")]
    [InlineData("registeredAt != 13/02/2018", 16, "not '13/02/2018'")]
    [InlineData("runningTasksCount == -1", 21, "runningTasksCount compares with a whole number")]
    [InlineData("attribute:a =~ '(t2'", 15, "'(t2' is not a valid regular expression")]
    [InlineData("attribute:a ! exists", 12, "expected an operator after 'attribute:a' but found '!'")]
    public void Parse_Malformed_PositionAndExpectation(string expression, int position, string problem)
    {
        var error = Assert.Throws<QuerySyntaxException>(() => QueryParser.Parse(expression));

        Assert.Equal(position, error.Position);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingOperator_MessageReadsAsTheCallerWordsIt() =>
        Assert.Equal(
            "Invalid filter expression at position 28: expected an operator after 'attribute:ecs.instance-type' but found 't2.micro'",
            Assert.Throws<QuerySyntaxException>(() => QueryParser.Parse("attribute:ecs.instance-type t2.micro")).Describe("filter expression"));

    [Fact]
    public void Parse_2000Characters_AcceptedAndOneMore_Refused()
    {
        var padded = "attribute:a == " + new string('x', QueryParser.MaxLength - 15);

        Assert.Equal(QueryParser.MaxLength, padded.Length);
        Assert.IsType<Condition>(QueryParser.Parse(padded));
        var error = Assert.Throws<QuerySyntaxException>(() => QueryParser.Parse(padded + "x"));
        Assert.Equal((2000, "expressions are limited to 2000 characters"), (error.Position, error.Problem));
    }

    [Theory]
    [InlineData("task:group == a", true)]
    [InlineData("attribute:a exists || not (task:group in [a, b])", true)]
    [InlineData("attribute:a exists && runningTasksCount > 0", false)]
    public void UsesTaskGroups_OnlyWhenAConditionIsAboutTaskGroup(string expression, bool uses) =>
        Assert.Equal(uses, QueryParser.Parse(expression).UsesTaskGroups);
}
