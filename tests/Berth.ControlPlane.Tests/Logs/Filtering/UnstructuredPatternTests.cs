using Berth.ControlPlane.Logs.Filtering;

namespace Berth.ControlPlane.Tests.Logs.Filtering;

public sealed class UnstructuredPatternTests
{
    [Theory]
    [InlineData(null, "anything")]
    [InlineData("", "anything")]
    [InlineData("   ", "")]
    public void Parse_BlankPattern_MatchesEverything(string? pattern, string message) =>
        Assert.True(FilterPattern.Parse(pattern).Matches(message));

    [Theory]
    // A term matches anywhere in the message, case-sensitively.
    [InlineData("ERROR", "[ERROR] Caught IllegalArgumentException", true)]
    [InlineData("ERROR", "[error] Caught IllegalArgumentException", false)]
    [InlineData("ERROR", "ERRORS everywhere", true)]
    [InlineData("404", "GET /index.html 404 1534", true)]
    [InlineData("user_id", "user_id=7", true)]
    // Several terms: all must appear, in any order.
    [InlineData("ERROR Exception", "[ERROR] Caught IllegalArgumentException", true)]
    [InlineData("Exception ERROR", "[ERROR] Caught IllegalArgumentException", true)]
    [InlineData("ERROR Exception", "[ERROR] Unexpected value", false)]
    [InlineData("  ERROR   Exception  ", "ERROR Exception", true)]
    // Quoted phrases: any characters, matched as one substring.
    [InlineData("\"Failed to process\"", "Failed to process the request", true)]
    [InlineData("\"Failed to process\"", "Failed: to process", false)]
    [InlineData("\"user:admin\" ERROR", "ERROR login user:admin", true)]
    [InlineData("\"[ERROR]\"", "[ERROR] x", true)]
    [InlineData("\"say \\\"hi\\\"\"", "they say \"hi\"", true)]
    [InlineData("\"back\\\\slash\"", "a back\\slash here", true)]
    // ?term ?term: any of them.
    [InlineData("?ERROR ?WARN", "[WARN] disk almost full", true)]
    [InlineData("?ERROR ?WARN", "[ERROR] disk full", true)]
    [InlineData("?ERROR ?WARN", "[INFO] disk fine", false)]
    [InlineData("?\"Failure\" ?\"denied\" ?\"DENIED\"", "access denied for bob", true)]
    // Each ? opens an alternative; the terms after it join that alternative.
    [InlineData("?ERROR MainThread ?WARN Deadlock", "ERROR in MainThread", true)]
    [InlineData("?ERROR MainThread ?WARN Deadlock", "WARN Deadlock detected", true)]
    [InlineData("?ERROR MainThread ?WARN Deadlock", "ERROR Deadlock", false)]
    [InlineData("ERROR ?WARN", "WARN only", true)]
    // -term excludes.
    [InlineData("-ERROR", "[INFO] fine", true)]
    [InlineData("-ERROR", "[ERROR] bad", false)]
    [InlineData("ERROR -Exiting", "[ERROR] Caught IllegalArgumentException", true)]
    [InlineData("ERROR -Exiting", "[ERROR] Exiting with code 1", false)]
    [InlineData("\"fsxadmin:fsxadmin\" -\"Pending\"", "fsxadmin:fsxadmin volume create Success", true)]
    [InlineData("\"fsxadmin:fsxadmin\" -\"Pending\"", "fsxadmin:fsxadmin volume create Pending", false)]
    [InlineData("?ERROR -retry ?FATAL", "ERROR will retry", false)]
    [InlineData("?ERROR -retry ?FATAL", "FATAL will retry", true)]
    public void Matches_TermsPhrasesAlternativesExclusions(string pattern, string message, bool expected) =>
        Assert.Equal(expected, FilterPattern.Parse(pattern).Matches(message));

    [Theory]
    // AWS's regex examples: the expression may occur anywhere; ^ and $ anchor it.
    [InlineData("%AUTHORIZED%", "[ERROR 401] UNAUTHORIZED REQUEST", true)]
    [InlineData("%AUTHORIZED%", "[SUCCESS 200] AUTHORIZED REQUEST", true)]
    [InlineData("%AUTHORIZED%", "[SUCCESS 200] authorized", false)]
    [InlineData("%^[hc]at%", "hat trick", true)]
    [InlineData("%^[hc]at%", "that", false)]
    [InlineData("%[hc]at$%", "a cat", true)]
    [InlineData("%colou?r%", "color", true)]
    [InlineData("%colou?r%", "colour", true)]
    [InlineData("%a{3,5}%", "baaab", true)]
    [InlineData("%a{3,5}%", "baab", false)]
    [InlineData("%[Ee]rror|[Ff]ail%", "the job failed", true)]
    [InlineData("%[Ee]rror|[Ff]ail%", "all good", false)]
    [InlineData("%\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}%", "from 10.0.12.255 port 22", true)]
    [InlineData("%\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}%", "from host-a port 22", false)]
    [InlineData("%\\x28retry\\x29%", "failed (retry) later", true)]
    [InlineData("%user=[a-z]+;id=\\d+%", "user=bob;id=12", true)]
    public void Matches_Regex(string pattern, string message, bool expected) =>
        Assert.Equal(expected, FilterPattern.Parse(pattern).Matches(message));

    [Theory]
    [InlineData("user:admin", "Invalid character(s) in term ':'")]
    [InlineData("ERROR,WARN", "Invalid character(s) in term ','")]
    [InlineData("ERROR[1]", "Invalid character(s) in term '['")]
    [InlineData("Caught (retry)", "Invalid character(s) in term '('")]
    [InlineData("level\\\"error", "Invalid character(s) in term '\\'")]
    [InlineData("`ERROR", "Invalid character(s) in term '`'")]
    [InlineData("\"unterminated phrase", "Invalid character(s) in term '\"unterminated phrase'")]
    [InlineData("ERROR \"\"", "Invalid character(s) in term '\"\"'")]
    [InlineData("ERROR ?", "Invalid character(s) in term '?'")]
    [InlineData("ERROR - WARN", "Invalid character(s) in term '-'")]
    [InlineData("%something!%", "Invalid character(s) in term '!'")]
    [InlineData("%(a|b)%", "Invalid character(s) in term '('")]
    [InlineData("%two words%", "Invalid character(s) in term ' '")]
    [InlineData("%caf\u00e9%", "Invalid character(s) in term '\u00e9'")]
    [InlineData("%abc", "Invalid character(s) in term '%abc'")]
    [InlineData("%%", "Invalid character(s) in term '%%'")]
    [InlineData("%abc% ERROR", "Invalid character(s) in term 'ERROR'")]
    [InlineData("%[abc%", "Invalid character(s) in term '%[abc%'")]
    public void Parse_Malformed_ThrowsWithAwsMessage(string pattern, string message) =>
        Assert.Equal(message, Assert.Throws<FilterPatternException>(() => FilterPattern.Parse(pattern)).Message);
}
