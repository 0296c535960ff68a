using Berth.Aws.Generated.Ecs;
using Berth.Aws.Protocol;
using Berth.ControlPlane.Ecs.Services;

namespace Berth.ControlPlane.Tests.Ecs.Services;

/// <summary>The pure rules of CreateService and UpdateService.</summary>
public sealed class ServiceRulesTests
{
    [Theory]
    [InlineData("web")]
    [InlineData("Web_API-2")]
    public void Name_LettersDigitsHyphensUnderscores_Accepted(string name) => Assert.Equal(name, ServiceRules.Name(name));

    [Theory]
    [InlineData("")]
    [InlineData("web/api")]
    [InlineData("web api")]
    public void Name_Other_Refused(string name)
    {
        var error = Assert.Throws<AwsException>(() => ServiceRules.Name(name));

        Assert.Equal(("InvalidParameterException", true), (error.Code, error.Message.StartsWith("Invalid service name.", StringComparison.Ordinal)));
    }

    [Fact]
    public void Name_TooLong_Refused() => Assert.Throws<AwsException>(() => ServiceRules.Name(new string('a', 256)));

    [Theory]
    [InlineData(null, "EC2")]
    [InlineData("EC2", "EC2")]
    [InlineData("EXTERNAL", "EXTERNAL")]
    public void LaunchType_Ec2ByDefault(string? given, string expected) => Assert.Equal(expected, ServiceRules.LaunchType(given));

    [Fact]
    public void LaunchType_Fargate_RefusedAsNotYetSupported()
    {
        var fargate = Assert.Throws<AwsException>(() => ServiceRules.LaunchType("FARGATE"));

        Assert.Equal(("InvalidParameterException", "launchType FARGATE is not supported yet by Berth; use EC2 or EXTERNAL."), (fargate.Code, fargate.Message));
    }

    [Fact]
    public void RefuseUnsupported_NamesEveryGivenParameter()
    {
        ServiceRules.RefuseUnsupported(null, null, null, null, null, [], null);

        var error = Assert.Throws<AwsException>(() => ServiceRules.RefuseUnsupported(
            [new CapacityProviderStrategyItem { CapacityProvider = "FARGATE" }], null, null, "1.4.0", null, null, null));

        Assert.Equal("capacityProviderStrategy, platformVersion is not supported yet by Berth.", error.Message);
    }

    [Theory]
    [InlineData("REPLICA", 3, 3)]
    [InlineData("REPLICA", 0, 0)]
    [InlineData("DAEMON", null, 0)]
    public void DesiredCount_Valid(string strategy, int? given, int expected) => Assert.Equal(expected, ServiceRules.DesiredCount(strategy, given));

    [Theory]
    [InlineData("REPLICA", null, "desiredCount is required for a service with the REPLICA scheduling strategy.")]
    [InlineData("REPLICA", -1, "desiredCount must be 0 or greater.")]
    [InlineData("DAEMON", 2, "desiredCount cannot be set for a service with the DAEMON scheduling strategy: it runs one task per container instance.")]
    public void DesiredCount_Invalid_Refused(string strategy, int? given, string message) =>
        Assert.Equal(message, Assert.Throws<AwsException>(() => ServiceRules.DesiredCount(strategy, given)).Message);

    [Fact]
    public void UpdatedDesiredCount_NoneGiven_KeepsCurrent() => Assert.Equal(4, ServiceRules.UpdatedDesiredCount("REPLICA", null, 4));

    [Theory]
    [InlineData("REPLICA", 100, 200)]
    [InlineData("DAEMON", 0, 100)]
    public void Deployment_Defaults_PerStrategy(string strategy, int minimum, int maximum)
    {
        var configuration = ServiceRules.Deployment(strategy, null, null);

        Assert.Equal((minimum, maximum), (configuration.MinimumHealthyPercent, configuration.MaximumPercent));
    }

    [Fact]
    public void Deployment_GivenFieldsOverCurrent_AlarmsAndBreakerKept()
    {
        var current = ServiceRules.Deployment("REPLICA", new DeploymentConfiguration { MinimumHealthyPercent = 50 }, null);
        var alarms = new DeploymentAlarms { AlarmNames = ["cpu"], Enable = true, Rollback = false };

        var merged = ServiceRules.Deployment("REPLICA", new DeploymentConfiguration
        {
            MaximumPercent = 150,
            Alarms = alarms,
            DeploymentCircuitBreaker = new DeploymentCircuitBreaker { Enable = true, Rollback = true },
        }, current);

        Assert.Equal((50, 150), (merged.MinimumHealthyPercent, merged.MaximumPercent));
        Assert.Same(alarms, merged.Alarms);
        Assert.Equal((true, true), (merged.DeploymentCircuitBreaker!.Enable, merged.DeploymentCircuitBreaker.Rollback));
    }

    [Theory]
    [InlineData("REPLICA", -1, null, "minimumHealthyPercent must be between 0 and 100.")]
    [InlineData("REPLICA", 101, null, "minimumHealthyPercent must be between 0 and 100.")]
    [InlineData("REPLICA", null, 99, "maximumPercent must be between 100 and 2000.")]
    [InlineData("REPLICA", null, 2001, "maximumPercent must be between 100 and 2000.")]
    [InlineData("DAEMON", null, 200, "maximumPercent must be 100 for a service with the DAEMON scheduling strategy.")]
    public void Deployment_OutOfBounds_Refused(string strategy, int? minimum, int? maximum, string message)
    {
        var given = new DeploymentConfiguration { MinimumHealthyPercent = minimum, MaximumPercent = maximum };

        Assert.Equal(message, Assert.Throws<AwsException>(() => ServiceRules.Deployment(strategy, given, null)).Message);
    }

    [Fact]
    public void Deployment_HalfCircuitBreakerOrOtherStrategy_Refused()
    {
        var breaker = Assert.Throws<AwsException>(() => ServiceRules.Deployment(
            "REPLICA", new DeploymentConfiguration { DeploymentCircuitBreaker = new DeploymentCircuitBreaker { Enable = true } }, null));
        var blueGreen = Assert.Throws<AwsException>(() => ServiceRules.Deployment("REPLICA", new DeploymentConfiguration { Strategy = "BLUE_GREEN" }, null));

        Assert.Equal("deploymentCircuitBreaker requires both enable and rollback.", breaker.Message);
        Assert.Equal("deploymentConfiguration strategy BLUE_GREEN is not supported yet by Berth; only ROLLING is.", blueGreen.Message);
    }

    [Fact]
    public void Controller_EcsByDefault_OthersRefused()
    {
        Assert.Equal("ECS", ServiceRules.Controller(null).Type);

        var error = Assert.Throws<AwsException>(() => ServiceRules.Controller(new DeploymentController { Type = "CODE_DEPLOY" }));

        Assert.Equal(("InvalidParameterException", "deploymentController type CODE_DEPLOY is not supported yet by Berth; only ECS is."), (error.Code, error.Message));
    }

    [Fact]
    public void Placement_DaemonWithStrategy_Refused_BadConstraintRefusedAsRunTaskDoes()
    {
        var spread = new PlacementStrategy { Type = "spread", Field = "instanceId" };
        ServiceRules.Placement("REPLICA", null, null, [spread]);

        var daemon = Assert.Throws<AwsException>(() => ServiceRules.Placement("DAEMON", null, null, [spread]));
        var memberOf = Assert.Throws<AwsException>(() => ServiceRules.Placement("REPLICA", null, [new PlacementConstraint { Type = "memberOf" }], null));

        Assert.Equal("Placement strategies are not supported with the DAEMON scheduling strategy.", daemon.Message);
        Assert.Equal("A memberOf placement constraint requires an expression.", memberOf.Message);
    }

    [Fact]
    public void Placement_DefinitionConstraintsCountTowardsTheLimit()
    {
        var ten = Enumerable.Range(0, 10).Select(_ => new TaskDefinitionPlacementConstraint { Type = "memberOf", Expression = "attribute:a exists" }).ToList();
        ServiceRules.Placement("REPLICA", ten, null, null);

        var error = Assert.Throws<AwsException>(() => ServiceRules.Placement("REPLICA", ten, [new PlacementConstraint { Type = "distinctInstance" }], null));

        Assert.StartsWith("Too many placement constraints: 11.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(0, 0)]
    [InlineData(30, 30)]
    public void GracePeriod_KeptAsGiven(int? given, int? expected) => Assert.Equal(expected, ServiceRules.GracePeriod(given));

    [Fact]
    public void GracePeriod_Negative_Refused() =>
        Assert.Equal("healthCheckGracePeriodSeconds must be 0 or greater.", Assert.Throws<AwsException>(() => ServiceRules.GracePeriod(-1)).Message);
}
