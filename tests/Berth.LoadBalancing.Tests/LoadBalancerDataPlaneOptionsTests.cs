namespace Berth.LoadBalancing.Tests;

public sealed class LoadBalancerDataPlaneOptionsTests
{
    [Fact]
    public void Validate_AcceptsTheDefaults() =>
        new LoadBalancerDataPlaneOptions { StateDirectory = "/var/lib/berth/haproxy" }.Validate();

    [Theory]
    [InlineData("")]
    [InlineData("/tmp/a-directory-name-so-long-that-the-master-socket-path-would-not-fit-in-sockaddr-un-which-holds-108")]
    public void Validate_RefusesAStateDirectoryHaproxysSocketsCannotLiveIn(string directory) =>
        Assert.Throws<ArgumentException>(() => new LoadBalancerDataPlaneOptions { StateDirectory = directory }.Validate());

    [Fact]
    public void Validate_RefusesANonPositiveInterval() =>
        Assert.Throws<ArgumentException>(() => new LoadBalancerDataPlaneOptions { StateDirectory = "/x", HealthPollInterval = TimeSpan.Zero }.Validate());
}
