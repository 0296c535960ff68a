using Berth.ControlPlane.Logs.Filtering;

namespace Berth.ControlPlane.Tests.Logs.Filtering;

public sealed class JsonPatternTests
{
    /// <summary>The event AWS's JSON examples run against.</summary>
    private const string Event = """
        {
          "eventType": "UpdateTrail",
          "sourceIPAddress": "111.111.111.111",
          "arrayKey": ["value", "another value"],
          "objectList": [{"name": "a", "id": 1}, {"name": "b", "id": 2}],
          "SomeObject": null,
          "cluster-name": "prod",
          "ThisFlag": true,
          "OtherFlag": false,
          "bandwidth": 75,
          "latency": 1.5e2,
          "code": "404"
        }
        """;

    /// <summary>AWS's compound-expression example event.</summary>
    private const string Compound = """
        {"user": {"id": 1, "email": "John.Stiles@example.com"},
         "users": [{"id": 2, "email": "John.Doe@example.com"}, {"id": 3, "email": "Jane.Doe@example.com"}],
         "actions": ["GET", "PUT", "DELETE"],
         "coordinates": [[0, 1], [2, 3]]}
        """;

    [Theory]
    [InlineData("{ $.eventType = \"UpdateTrail\" }", true)]
    [InlineData("{$.eventType=\"UpdateTrail\"}", true)]
    [InlineData("{ $.eventType = UpdateTrail }", true)]
    [InlineData("{ $.eventType = \"updatetrail\" }", false)]
    [InlineData("{ $.eventType != \"UpdateTrail\" }", false)]
    [InlineData("{ $.eventType = \"Update*\" }", true)]
    [InlineData("{ $.eventType = \"*Trail\" }", true)]
    [InlineData("{ $.eventType = \"U*d*e*l\" }", true)]
    [InlineData("{ $.eventType = \"Delete*\" }", false)]
    [InlineData("{ $.sourceIPAddress != 123.123.* }", true)]
    [InlineData("{ $.sourceIPAddress = 111.111.* }", true)]
    [InlineData("{ $.arrayKey[0] = \"value\" }", true)]
    [InlineData("{ $.arrayKey[1] = \"value\" }", false)]
    [InlineData("{ $.arrayKey[5] = \"value\" }", false)]
    [InlineData("{ $.objectList[1].id = 2 }", true)]
    [InlineData("{ $.objectList[0].id = 2 }", false)]
    [InlineData("{ $.objectList[*].name = \"b\" }", true)]
    [InlineData("{ $.objectList[*].name = \"c\" }", false)]
    [InlineData("{ $.*.id = 1 }", false)]
    [InlineData("{ $.* = \"prod\" }", true)]
    [InlineData("{ $.cluster-name = \"prod\" }", true)]
    [InlineData("{ $.SomeObject IS NULL }", true)]
    [InlineData("{ $.eventType IS NULL }", false)]
    [InlineData("{ $.Missing IS NULL }", false)]
    [InlineData("{ $.SomeOtherObject NOT EXISTS }", true)]
    [InlineData("{ $.SomeObject NOT EXISTS }", false)]
    [InlineData("{ $.objectList[7] NOT EXISTS }", true)]
    [InlineData("{ $.ThisFlag IS TRUE }", true)]
    [InlineData("{ $.OtherFlag IS TRUE }", false)]
    [InlineData("{ $.OtherFlag IS FALSE }", true)]
    [InlineData("{ $.eventType IS FALSE }", false)]
    // Numbers compare numerically, whatever way the event writes them; a string that holds a number compares too.
    [InlineData("{ $.bandwidth > 75 }", false)]
    [InlineData("{ $.bandwidth >= 75 }", true)]
    [InlineData("{ $.bandwidth = 75.0 }", true)]
    [InlineData("{ $.bandwidth != 75 }", false)]
    [InlineData("{ $.bandwidth < 100 && $.bandwidth > 50 }", true)]
    [InlineData("{ $.latency <= 150 }", true)]
    [InlineData("{ $.latency < 150 }", false)]
    [InlineData("{ $.latency > -1 }", true)]
    [InlineData("{ $.code = 404 }", true)]
    [InlineData("{ $.code >= 400 }", true)]
    [InlineData("{ $.eventType > 5 }", false)]
    // A missing field or one of the wrong shape matches no comparison, not even !=.
    [InlineData("{ $.missing != \"x\" }", false)]
    [InlineData("{ $.objectList != \"x\" }", false)]
    [InlineData("{ $.SomeObject = \"null\" }", false)]
    [InlineData("{ $.ThisFlag = true }", true)]
    // Regular expressions on a field.
    [InlineData("{ $.eventType = %Trail$% }", true)]
    [InlineData("{ $.eventType = %^Trail% }", false)]
    [InlineData("{ $.eventType != %^Trail% }", true)]
    [InlineData("{ $.sourceIPAddress = %^\\d+\\.111% }", true)]
    // Boolean composition.
    [InlineData("{ $.eventType = \"UpdateTrail\" || $.bandwidth > 1000 }", true)]
    [InlineData("{ $.eventType = \"Other\" || $.bandwidth > 1000 }", false)]
    [InlineData("{ $.eventType = \"UpdateTrail\" && $.bandwidth > 1000 }", false)]
    [InlineData("{ ($.eventType = \"Other\" || $.ThisFlag IS TRUE) && $.bandwidth = 75 }", true)]
    [InlineData("{ $.eventType = \"Other\" || $.ThisFlag IS TRUE && $.bandwidth = 1 }", false)]
    [InlineData("{ (($.bandwidth = 75)) }", true)]
    public void Matches_AgainstAwsExampleEvent(string pattern, bool expected) =>
        Assert.Equal(expected, FilterPattern.Parse(pattern).Matches(Event));

    [Theory]
    [InlineData("{ ($.user.id = 1) && ($.users[0].email = \"John.Doe@example.com\") }", true)]
    [InlineData("{ ($.user.id = 2 && $.users[0].email = \"John.Doe@example.com\") || $.actions[2] = \"GET\" }", false)]
    [InlineData("{ $.user.email = \"John.Stiles@example.com\" || $.coordinates[0][1] = \"nonmatch\" && $.actions[2] = \"nomatch\" }", true)]
    [InlineData("{ ($.user.email = \"John.Stiles@example.com\" || $.coordinates[0][1] = \"nonmatch\") && $.actions[2] = \"nomatch\" }", false)]
    [InlineData("{ $.coordinates[1][0] = 2 }", true)]
    [InlineData("{ $.users[*].email = \"Jane*\" }", true)]
    [InlineData("{ $.user.id = 1 && $.actions[*] = \"DELETE\" }", true)]
    public void Matches_AgainstAwsCompoundExample(string pattern, bool expected) =>
        Assert.Equal(expected, FilterPattern.Parse(pattern).Matches(Compound));

    [Theory]
    [InlineData("[ERROR] eventType = UpdateTrail")]
    [InlineData("{ not json")]
    [InlineData("[{\"eventType\": \"UpdateTrail\"}]")]
    [InlineData("\"UpdateTrail\"")]
    [InlineData("")]
    public void Matches_NonJsonMessage_NeverMatches(string message)
    {
        Assert.False(FilterPattern.Parse("{ $.eventType = \"UpdateTrail\" }").Matches(message));
        Assert.False(FilterPattern.Parse("{ $.eventType NOT EXISTS }").Matches(message));
    }

    [Fact]
    public void Matches_LeadingWhitespaceBeforeJson_Matches() =>
        Assert.True(FilterPattern.Parse("{ $.level = \"error\" }").Matches("  {\"level\": \"error\"}"));

    [Theory]
    [InlineData("{ $.level = \"error\"", "Invalid character(s) in term 'error'")]
    [InlineData("{ $.level = \"error\" } extra", "Invalid character(s) in term 'extra'")]
    [InlineData("{ }", "Invalid character(s) in term '}'")]
    [InlineData("{ $. = 1 }", "Invalid character(s) in term '$.'")]
    [InlineData("{ $ = 1 }", "Invalid character(s) in term '$'")]
    [InlineData("{ level = 1 }", "Invalid character(s) in term 'level'")]
    [InlineData("{ $.\"detail-type\" = 1 }", "Invalid character(s) in term '$.'")]
    [InlineData("{ $.a[x] = 1 }", "Invalid character(s) in term '$.a[x]'")]
    [InlineData("{ $.a[0 = 1 }", "Invalid character(s) in term '$.a[0'")]
    [InlineData("{ $.level == 1 }", "Invalid character(s) in term '='")]
    [InlineData("{ $.level =< 1 }", "Invalid character(s) in term '<'")]
    [InlineData("{ $.level ! 1 }", "Invalid character(s) in term '!'")]
    [InlineData("{ $.level = 1 & $.b = 2 }", "Invalid character(s) in term '&'")]
    [InlineData("{ $.level = 1 | $.b = 2 }", "Invalid character(s) in term '|'")]
    [InlineData("{ $.level = 1 && }", "Invalid character(s) in term '}'")]
    [InlineData("{ $.level > \"error\" }", "Invalid character(s) in term 'error'")]
    [InlineData("{ $.level < abc }", "Invalid character(s) in term 'abc'")]
    [InlineData("{ $.level >= %err% }", "Invalid character(s) in term 'err'")]
    [InlineData("{ $.level IS MISSING }", "Invalid character(s) in term 'IS MISSING'")]
    [InlineData("{ $.level is null }", "Invalid character(s) in term 'is null'")]
    [InlineData("{ $.level IS }", "Invalid character(s) in term '}'")]
    [InlineData("{ ($.level = 1 }", "Invalid character(s) in term '}'")]
    [InlineData("{ $.level = 1) }", "Invalid character(s) in term ')'")]
    [InlineData("{ $.level = %a(b% }", "Invalid character(s) in term '('")]
    [InlineData("{ $.level = \"unterminated }", "Invalid character(s) in term '\"unterminated }'")]
    public void Parse_Malformed_ThrowsWithAwsMessage(string pattern, string message) =>
        Assert.Equal(message, Assert.Throws<FilterPatternException>(() => FilterPattern.Parse(pattern)).Message);
}
