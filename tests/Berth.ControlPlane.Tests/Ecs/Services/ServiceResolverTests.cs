using Berth.ControlPlane.Ecs.Services;
using Berth.Domain;

namespace Berth.ControlPlane.Tests.Ecs.Services;

/// <summary>What a service identifier names within a cluster.</summary>
public sealed class ServiceResolverTests
{
    private static readonly ResourceScope Scope = new(EcsHarness.Account, EcsHarness.Region);

    [Theory]
    [InlineData("web", "web")]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:service/prod/web", "web")]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:service/web", "web")]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:service/other/web", null)]
    [InlineData("arn:aws:ecs:eu-west-1:123456789012:service/prod/web", null)]
    [InlineData("arn:aws:ecs:us-east-1:210987654321:service/prod/web", null)]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:task/prod/web", null)]
    [InlineData("", null)]
    public void NameOf_NameOrArnOfTheCluster(string identifier, string? expected) => Assert.Equal(expected, ServiceResolver.NameOf(Scope, "prod", identifier));

    [Theory]
    [InlineData("web", "arn:aws:ecs:us-east-1:123456789012:service/prod/web")]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:service/other/web", "arn:aws:ecs:us-east-1:123456789012:service/other/web")]
    public void ArnOf_NamesGetTheLongArn_ArnsStayAsGiven(string identifier, string expected) =>
        Assert.Equal(expected, ServiceResolver.ArnOf(Scope, "prod", identifier));
}
