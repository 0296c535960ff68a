using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Cli;

/// <summary><c>berth agent</c>'s option parsing, through the real executable (the CLI has no in-process test seam): a missing
/// or malformed option is a usage error (exit 2) that names what is missing, before anything connects.</summary>
public sealed class AgentUsageTests
{
    private static readonly Dictionary<string, string?> Keys = new()
    {
        ["AWS_ACCESS_KEY_ID"] = "AKIDTEST",
        ["AWS_SECRET_ACCESS_KEY"] = "secret",
    };

    [Theory]
    [InlineData("--endpoint http://127.0.0.1:9", "--cluster")]
    [InlineData("--cluster c1", "--endpoint")]
    [InlineData("--cluster c1 --endpoint ftp://127.0.0.1:9", "--endpoint must be an http(s) URL")]
    public async Task MissingOrMalformedOptionIsAUsageError(string arguments, string expected)
    {
        var (code, output) = await RunAsync(["agent", .. arguments.Split(' ')], Keys);

        Assert.Equal(2, code);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingKeysAreAUsageError()
    {
        var (code, output) = await RunAsync(
            ["agent", "--cluster", "c1", "--endpoint", "http://127.0.0.1:9"],
            new() { ["AWS_ACCESS_KEY_ID"] = string.Empty, ["AWS_SECRET_ACCESS_KEY"] = string.Empty });

        Assert.Equal(2, code);
        Assert.Contains("AWS_ACCESS_KEY_ID", output, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output)> RunAsync(string[] arguments, Dictionary<string, string?> environment)
    {
        await using var berth = new BerthProcess(arguments, environment);
        await berth.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (berth.ExitCode, berth.Output);
    }
}
