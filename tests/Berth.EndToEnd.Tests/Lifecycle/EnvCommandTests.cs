using System.Text.RegularExpressions;
using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Lifecycle;

/// <summary><c>berth env</c> and the credentials file it shares with <c>berth up</c>.</summary>
public sealed class EnvCommandTests(BerthServerFixture fixture) : IClassFixture<BerthServerFixture>
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task Env_FreshDataDir_PrintsExactlyFourExportLinesAndNothingElse()
    {
        using var root = new TempDirectory("env");
        var dataDir = root.Combine("data");

        var first = await BerthExecutable.EnvAsync(9876, dataDir);
        var second = await BerthExecutable.EnvAsync(9876, dataDir);

        first.AssertSuccess();
        var lines = first.Stdout.Split('\n');
        Assert.True(lines.Length == 5 && lines[4].Length == 0, $"Expected four lines, each ending in a newline.\n\n{first.Describe()}");
        Assert.All(lines.Take(4).Zip(BerthCredentials.VariableNames), pair =>
            Assert.Matches(new Regex($"^export {pair.Second}=\\S+$"), pair.First));
        var credentials = BerthCredentials.Parse(first);
        Assert.Equal("us-east-1", credentials.Region);
        Assert.Equal("http://127.0.0.1:9876", credentials.EndpointUrl);
        Assert.Equal(first.Stdout, second.AssertSuccess().Stdout);
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(Path.Combine(dataDir, "credentials.json")));
    }

    [Fact]
    public void CredentialsFile_CreatedByUp_ReadableAndWritableByOwnerOnly()
    {
        var path = Path.Combine(fixture.Server.Options.DataDir, "credentials.json");

        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(path));
        var stored = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path));
        Assert.Equal(fixture.Server.Credentials.AccessKeyId, stored.Str("accessKeyId"));
        Assert.Equal(fixture.Server.Credentials.SecretAccessKey, stored.Str("secretAccessKey"));
    }

    [Fact]
    public async Task Env_RunningServer_SameCredentialsItAccepts()
    {
        var env = await BerthExecutable.EnvAsync(fixture.Server.Port, fixture.Server.Options.DataDir);
        var credentials = BerthCredentials.Parse(env.AssertSuccess());
        Assert.Equal(fixture.Server.Credentials, credentials);
        Assert.Equal(fixture.Server.Endpoint, credentials.EndpointUrl);

        var listed = await fixture.AwsAsync("ecs", "list-clusters");
        listed.Verify(j => Assert.NotNull(j["clusterArns"]));
    }
}
