using System.Net;
using Berth.Agent.Docker;
using Berth.Agent.Tests.Docker.Fakes;

namespace Berth.Agent.Tests.Docker;

public sealed class ApiVersionNegotiationTests
{
    [Fact]
    public async Task FirstCall_AsksVersionOnce_ThenPrefixesEveryCallWithV141()
    {
        var handler = new RecordedDockerHandler()
            .On(HttpMethod.Get, "/v1.41/containers/abc/json", Recordings.Text("container-inspect-running-healthy.json"))
            .On(HttpMethod.Post, "/v1.41/containers/abc/start", HttpStatusCode.NoContent);
        using var client = FakeEngine.Client(handler);

        await client.InspectContainerAsync("abc", CancellationToken.None);
        await client.StartContainerAsync("abc", CancellationToken.None);
        await client.InspectContainerAsync("abc", CancellationToken.None);

        Assert.Equal(
            ["GET /version", "GET /v1.41/containers/abc/json", "POST /v1.41/containers/abc/start", "GET /v1.41/containers/abc/json"],
            handler.Requests.Select(r => r.Method + " " + r.Path));
        Assert.All(handler.Requests, r => Assert.Equal(HttpVersion.Version11, r.HttpVersion));
    }

    [Theory]
    [InlineData("1.41", "1.41")]
    [InlineData("1.43", "1.41")]
    [InlineData("1.50", "1.41")]
    public async Task NewerEngine_IsSpokenToInTheNewestVersionTheClientKnows(string server, string expected)
    {
        var handler = new RecordedDockerHandler()
            .On(HttpMethod.Get, "/version", $$"""{"Version":"28.2.0","ApiVersion":"{{server}}","MinAPIVersion":"1.24","Os":"linux"}""")
            .On(HttpMethod.Get, $"/v{expected}/info", Recordings.Text("info.json"));
        using var client = FakeEngine.Client(handler);

        var info = await client.GetEngineInfoAsync(CancellationToken.None);

        Assert.Equal(Version.Parse(server), info.ServerApiVersion);
        Assert.Equal(Version.Parse(expected), info.ApiVersion);
    }

    [Fact]
    public async Task OlderEngine_IsRefusedWithAMessageNamingBothVersions()
    {
        var handler = new RecordedDockerHandler().On(HttpMethod.Get, "/version", """{"Version":"19.03.15","ApiVersion":"1.40"}""");
        using var client = FakeEngine.Client(handler);

        var error = await Assert.ThrowsAsync<DockerException>(() => client.InspectContainerAsync("abc", CancellationToken.None));

        Assert.Contains("speaks API 1.40", error.Message, StringComparison.Ordinal);
        Assert.Contains("1.41 or newer", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(handler.Requests, r => r.Path.StartsWith("/v1.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FailedNegotiation_IsAskedAgainOnTheNextCall()
    {
        var attempts = 0;
        var handler = new RecordedDockerHandler()
            .On(HttpMethod.Get, "/version", _ => Task.FromResult(++attempts == 1
                ? RecordedDockerHandler.Respond(HttpStatusCode.InternalServerError, new StringContent("""{"message":"starting"}"""), "application/json")
                : RecordedDockerHandler.Respond(HttpStatusCode.OK, new StringContent(Recordings.Text("version.json")), "application/json")))
            .On(HttpMethod.Get, "/v1.41/info", Recordings.Text("info.json"));
        using var client = FakeEngine.Client(handler);

        var first = await Assert.ThrowsAsync<DockerException>(() => client.GetEngineInfoAsync(CancellationToken.None));
        var info = await client.GetEngineInfoAsync(CancellationToken.None);

        Assert.Equal(DockerOperations.Version, first.Operation);
        Assert.Equal(2, attempts);
        Assert.Equal(new Version(1, 41), info.ApiVersion);
    }

    [Fact]
    public async Task EngineInfo_CarriesWhatTheAgentRegistersAsAttributes()
    {
        var handler = new RecordedDockerHandler().On(HttpMethod.Get, "/v1.41/info", Recordings.Text("info.json"));
        using var client = FakeEngine.Client(handler);

        var info = await client.GetEngineInfoAsync(CancellationToken.None);

        Assert.Equal("20.10.24+dfsg1", info.ServerVersion);
        Assert.Equal("linux", info.OsType);
        Assert.Equal("Debian GNU/Linux 12 (bookworm)", info.OperatingSystem);
        Assert.Equal("x86_64", info.Architecture);
        Assert.Equal(2, info.Cpus);
        Assert.Equal(25274793984, info.MemoryBytes);
        Assert.Equal("json-file", info.DefaultLoggingDriver);
        Assert.Contains("awslogs", info.LoggingDrivers);
        Assert.Contains("json-file", info.LoggingDrivers);
        Assert.Equal("1", info.CgroupVersion);
    }
}
