using System.Text.RegularExpressions;
using Berth.Agent.Logs;

namespace Berth.Agent.Tests.Logs;

public sealed class StrftimeRegexTests
{
    [Theory]
    [InlineData("%Y", "^[0-9]{4}")]
    [InlineData("%y", "^[0-9]{2}")]
    [InlineData("%m", "^(?:0[1-9]|1[0-2])")]
    [InlineData("%d", "^(?:0[1-9]|[12][0-9]|3[01])")]
    [InlineData("%H", "^(?:[01][0-9]|2[0-3])")]
    [InlineData("%M", "^[0-5][0-9]")]
    [InlineData("%S", "^[0-5][0-9]")]
    [InlineData("%b", "^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")]
    [InlineData("%a", "^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)")]
    [InlineData("%p", "^[AP]M")]
    [InlineData("%Z", "^[A-Z]{1,4}T")]
    [InlineData("%z", "^[+-][0-9]{4}")]
    [InlineData("%f", "^[0-9]{1,9}")]
    [InlineData("%j", "^(?:00[1-9]|0[1-9][0-9]|[12][0-9][0-9]|3[0-5][0-9]|36[0-6])")]
    [InlineData("%U", "^(?:[0-4][0-9]|5[0-3])")]
    [InlineData("%w", "^[0-6]")]
    [InlineData("%%", "^%")]
    [InlineData("[%H.%M]", @"^\[(?:[01][0-9]|2[0-3])\.[0-5][0-9]]")]
    [InlineData("%Q", "^%Q")]
    public void Convert_TurnsEachDirectiveIntoItsPattern(string format, string expected)
    {
        Assert.Equal(expected, StrftimeRegex.Convert(format));
    }

    [Theory]
    [InlineData("%Y-%m-%d %H:%M:%S", "2026-11-22 01:07:14 started", true)]
    [InlineData("%Y-%m-%d %H:%M:%S", "  at Berth.Main()", false)]
    [InlineData("%Y-%m-%d %H:%M:%S", "2026-13-22 01:07:14 month 13", false)]
    [InlineData("%Y-%m-%dT%H:%M:%S.%f%z", "2026-11-22T01:07:14.123456+0100 x", true)]
    [InlineData("%b %d, %Y %I:%M:%S %p", "Nov 22, 2026 01:07:14 AM", true)]
    [InlineData("%a %b %d %H:%M:%S %Z %Y", "Sun Nov 22 01:07:14 CET 2026", true)]
    [InlineData("[%Y]", "x[2026]", false)]
    public void Convert_MatchesTheFirstLineOfAnEventOnly(string format, string line, bool starts)
    {
        Assert.Equal(starts, Regex.IsMatch(line, StrftimeRegex.Convert(format)));
    }
}
