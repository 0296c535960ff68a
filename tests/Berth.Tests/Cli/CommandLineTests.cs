using Berth.Cli;

namespace Berth.Tests.Cli;

/// <summary>The command line keeps every value of a repeated option (for <c>place --strategy</c>) and checks URLs in one place.</summary>
public sealed class CommandLineTests
{
    private static readonly HashSet<string> NoFlags = [];

    [Fact]
    public void RepeatedOption_KeepsEveryValueInOrder_ValueIsTheLast()
    {
        var line = CommandLine.Parse(["place", "--strategy", "spread:instanceId", "--strategy=binpack:memory", "--count", "2"], NoFlags);

        Assert.Equal(["spread:instanceId", "binpack:memory"], line.Values("strategy"));
        Assert.Equal("binpack:memory", line.Value("strategy"));
        Assert.Empty(line.Values("constraint"));
        Assert.Equal(2, line.Int("count", 1));
    }

    [Theory]
    [InlineData("http://127.0.0.1:9400", "http://127.0.0.1:9400/")]
    [InlineData("https://berth.example:443/", "https://berth.example/")]
    public void Url_AcceptsHttpAndHttps(string text, string expected) =>
        Assert.Equal(expected, CommandLine.Parse(["place", "--endpoint", text], NoFlags).Url("endpoint")!.ToString());

    [Theory]
    [InlineData("ftp://127.0.0.1:9")]
    [InlineData("127.0.0.1:9400")]
    public void Url_RefusesOtherSchemesAndRelativeText(string text)
    {
        var e = Assert.Throws<UsageException>(() => CommandLine.Parse(["place", "--endpoint", text], NoFlags).Url("endpoint"));

        Assert.Equal($"--endpoint must be an http(s) URL, not '{text}'", e.Message);
    }

    [Fact]
    public void Url_AbsentIsNull() => Assert.Null(CommandLine.Parse(["place"], NoFlags).Url("endpoint"));
}
