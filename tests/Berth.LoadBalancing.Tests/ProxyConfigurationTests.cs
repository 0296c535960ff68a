namespace Berth.LoadBalancing.Tests;

public sealed class ProxyConfigurationTests
{
    [Fact]
    public void Empty_configuration_has_nothing_to_serve()
    {
        Assert.Empty(ProxyConfiguration.Empty.Listeners);
        Assert.Empty(ProxyConfiguration.Empty.TargetGroups);
    }
}
