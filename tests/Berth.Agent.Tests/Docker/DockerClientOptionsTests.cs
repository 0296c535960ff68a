using Berth.Agent.Docker;

namespace Berth.Agent.Tests.Docker;

public sealed class DockerClientOptionsTests
{
    [Theory]
    [InlineData(null, "/var/run/docker.sock")]
    [InlineData("", "/var/run/docker.sock")]
    [InlineData("unix:///var/run/docker.sock", "/var/run/docker.sock")]
    [InlineData("unix:///run/user/1000/docker.sock", "/run/user/1000/docker.sock")]
    public void FromDockerHost_UnixSocket_GivesItsPath(string? dockerHost, string expected)
    {
        Assert.Equal(expected, DockerClientOptions.FromDockerHost(dockerHost).SocketPath);
    }

    [Theory]
    [InlineData("tcp://127.0.0.1:2375")]
    [InlineData("ssh://host")]
    [InlineData("unix://")]
    [InlineData("/var/run/docker.sock")]
    public void FromDockerHost_OtherEndpoints_AreRefusedWithTheValueInTheMessage(string dockerHost)
    {
        var error = Assert.Throws<ArgumentException>(() => DockerClientOptions.FromDockerHost(dockerHost));

        Assert.Contains(dockerHost, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_FollowTheEcsAgent()
    {
        var options = new DockerClientOptions();

        Assert.Equal(TimeSpan.FromMinutes(4), options.CreateTimeout);
        Assert.Equal(TimeSpan.FromMinutes(3), options.StartTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), options.StopTimeoutMargin);
        Assert.Equal(TimeSpan.FromSeconds(30), options.InspectTimeout);
        Assert.Equal(TimeSpan.FromMinutes(1), options.PullInactivityTimeout);
        options.Validate();
    }

    [Fact]
    public void Validate_NamesTheBadOption()
    {
        var error = Assert.Throws<ArgumentException>(() => new DockerClientOptions { StartTimeout = TimeSpan.Zero }.Validate());

        Assert.Contains(nameof(DockerClientOptions.StartTimeout), error.Message, StringComparison.Ordinal);
    }
}
