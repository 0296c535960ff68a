using Berth.ControlPlane.Logs.Filtering;

namespace Berth.ControlPlane.Tests.Logs.Filtering;

public sealed class SpaceDelimitedPatternTests
{
    /// <summary>AWS's space-delimited example: an Apache access log line of seven fields.</summary>
    private const string AccessLog = "127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] \"GET /apache_pb.gif HTTP/1.0\" 200 1534";

    [Theory]
    [InlineData("[ip, user, username, timestamp, request, status_code, bytes]", true)]
    [InlineData("[ip,user,username,timestamp,request,status_code,bytes]", true)]
    [InlineData("[ip, user, username, timestamp, request, status_code]", false)]
    [InlineData("[ip, user, username, timestamp, request, status_code, bytes, extra]", false)]
    [InlineData("[ip, user, username, timestamp, request, status_code = 200, bytes]", true)]
    [InlineData("[ip, user, username, timestamp, request, status_code = 404, bytes]", false)]
    [InlineData("[ip, user, username, timestamp, request, status_code = 2*, bytes]", true)]
    [InlineData("[ip, user, username, timestamp, request, status_code = 4*, bytes]", false)]
    [InlineData("[ip, user, username, timestamp, request, status_code != 404, bytes > 1000]", true)]
    [InlineData("[ip, user, username, timestamp, request, status_code, bytes > 2000]", false)]
    [InlineData("[ip, user, username = frank, timestamp, request, status_code, bytes]", true)]
    [InlineData("[ip, user, username = \"frank\", timestamp, request, status_code, bytes]", true)]
    [InlineData("[ip = 127.0.0.*, ...]", true)]
    [InlineData("[ip = 10.*, ...]", false)]
    // Quoted and bracketed parts of the message are one field each, without their delimiters.
    [InlineData("[ip, user, username, timestamp = 10/Oct*, request = \"GET *\", ...]", true)]
    [InlineData("[ip, user, username, timestamp, request = *gif*, ...]", true)]
    [InlineData("[ip, user, username, timestamp, request = %HTTP/1\\.0$%, ...]", true)]
    // The ellipsis stands for any number of fields, none included.
    [InlineData("[..., status_code = 200, bytes]", true)]
    [InlineData("[..., status_code = 404, bytes]", false)]
    [InlineData("[ip, ..., bytes = 1534]", true)]
    [InlineData("[ip, user, username, timestamp, request, status_code, bytes, ...]", true)]
    [InlineData("[..., username = frank, ..., bytes]", true)]
    [InlineData("[..., username = bob, ...]", false)]
    [InlineData("[...]", true)]
    // && and || within a column, with parentheses.
    [InlineData("[..., status_code >= 200 && status_code < 300, bytes]", true)]
    [InlineData("[..., status_code = 4* || status_code = 5*, bytes]", false)]
    [InlineData("[..., status_code = 404 || status_code = 200, bytes]", true)]
    [InlineData("[..., (status_code = 404 || status_code = 200) && status_code != 200, bytes]", false)]
    // A numeric condition never matches a field that is not a number.
    [InlineData("[ip, user > 0, ...]", false)]
    public void Matches_AgainstAwsAccessLogExample(string pattern, bool expected) =>
        Assert.Equal(expected, FilterPattern.Parse(pattern).Matches(AccessLog));

    [Theory]
    [InlineData("[level = ERROR, ...]", "ERROR  disk   full", true)]
    [InlineData("[level, a, b]", "  INFO  disk   full  ", true)]
    [InlineData("[level, message]", "INFO \"unterminated quote here", true)]
    [InlineData("[level, ...]", "", false)]
    [InlineData("[...]", "", true)]
    public void Matches_FieldSplitting(string pattern, string message, bool expected) =>
        Assert.Equal(expected, FilterPattern.Parse(pattern).Matches(message));

    [Theory]
    [InlineData("[ip, user", "Invalid character(s) in term 'user'")]
    [InlineData("[ip, user] extra", "Invalid character(s) in term 'extra'")]
    [InlineData("[]", "Invalid character(s) in term ']'")]
    [InlineData("[ip,]", "Invalid character(s) in term ']'")]
    [InlineData("[ip,, user]", "Invalid character(s) in term ','")]
    [InlineData("[ip-address, user]", "Invalid character(s) in term 'ip-address'")]
    [InlineData("[ip, status = 4* || code = 5*]", "Invalid character(s) in term 'code'")]
    [InlineData("[ip, status > abc]", "Invalid character(s) in term 'abc'")]
    [InlineData("[ip, status =]", "Invalid character(s) in term ']'")]
    [InlineData("[ip, status 200]", "Invalid character(s) in term '200'")]
    [InlineData("[..., = 200]", "Invalid character(s) in term '='")]
    [InlineData("[... = 200]", "Invalid character(s) in term '...'")]
    public void Parse_Malformed_ThrowsWithAwsMessage(string pattern, string message) =>
        Assert.Equal(message, Assert.Throws<FilterPatternException>(() => FilterPattern.Parse(pattern)).Message);
}
