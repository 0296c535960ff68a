using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Services;
using Berth.ControlPlane.Ecs.Services.Scheduling;
using Berth.ControlPlane.Ecs.TaskDefinitions;
using Berth.ControlPlane.Placement.Engine;

namespace Berth.ControlPlane.Tests.Ecs.Services;

/// <summary>What a launch asks the placer for: rules (the default zone spread, none for a DAEMON's named instance), tags, and
/// the instance an unable-to-place event names.</summary>
public sealed class ServiceTaskPlacementsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly Deployment Deployment = new() { Id = "ecs-svc/1", TaskDefinition = "arn:aws:ecs:us-east-1:1:task-definition/web:1" };
    private static readonly StoredTaskDefinition Definition = new(
        new TaskDefinition { TaskDefinitionArn = Deployment.TaskDefinition, Family = "web", ContainerDefinitions = [] },
        [new Tag { Key = "team", Value = "web" }]);

    private static readonly Service Web = new() { ServiceName = "web", Tags = [new Tag { Key = "tier", Value = "front" }] };

    [Fact]
    public void For_AServiceWithoutStrategy_SpreadsOverZones_InTheServicesGroup_StartedByTheDeployment()
    {
        var placement = ServiceTaskPlacements.For("prod", Web, Deployment, Definition, new TaskLaunch("ecs-svc/1", 3, null), Now);

        Assert.Equal(["spread(attribute:ecs.availability-zone)"], placement.Rules.Strategies.Select(s => s.ToString()));
        Assert.Equal(("prod", null, 3), (placement.Cluster, placement.Named, placement.Count));
        Assert.Equal(("service:web", "ecs-svc/1", LaunchType.Ec2, Now), (placement.Launch.Group, placement.Launch.StartedBy, placement.Launch.LaunchType, placement.Launch.CreatedAt));
    }

    [Fact]
    public void For_AServicesOwnStrategy_Wins()
    {
        var binpack = Web with { PlacementStrategy = [new PlacementStrategy { Type = "binpack", Field = "memory" }] };

        var placement = ServiceTaskPlacements.For("prod", binpack, Deployment, Definition, new TaskLaunch("ecs-svc/1", 1, null), Now);

        Assert.Equal(["binpack(memory)"], placement.Rules.Strategies.Select(s => s.ToString()));
    }

    [Fact]
    public void For_ADaemonLaunch_GoesToItsInstance_WithTheConstraintsButNoStrategy()
    {
        var daemon = Web with { PlacementConstraints = [new PlacementConstraint { Type = "distinctInstance" }] };

        var placement = ServiceTaskPlacements.For("prod", daemon, Deployment, Definition, new TaskLaunch("ecs-svc/1", 1, "arn:i/1"), Now);

        Assert.Equal("arn:i/1", placement.Named);
        Assert.Empty(placement.Rules.Strategies);
        Assert.True(placement.Rules.DistinctInstance);
    }

    [Theory]
    [InlineData(null, false, "")]
    [InlineData(PropagateTags.Service, false, "tier=front")]
    [InlineData(PropagateTags.TaskDefinition, false, "team=web")]
    [InlineData(PropagateTags.None, true, "aws:ecs:serviceName=web aws:ecs:clusterName=prod")]
    [InlineData(PropagateTags.Service, true, "tier=front aws:ecs:serviceName=web aws:ecs:clusterName=prod")]
    public void Tags_FollowPropagateTags_AndTheManagedTagsSetting(string? propagate, bool managed, string expected)
    {
        var tags = ServiceTaskPlacements.Tags("prod", Web with { PropagateTags = propagate, EnableECSManagedTags = managed }, Definition);

        Assert.Equal(expected, string.Join(' ', tags.Select(t => $"{t.Key}={t.Value}")));
    }

    [Fact]
    public void Closest_IsTheRefusalThatPassedMostChecks_ByInstanceId()
    {
        Failure[] refusals =
        [
            new() { Arn = "arn:aws:ecs:us-east-1:1:container-instance/prod/draining", Reason = "DRAINING" },
            new() { Arn = "arn:aws:ecs:us-east-1:1:container-instance/prod/ports", Reason = PlacementReasons.Ports },
            new() { Arn = "arn:aws:ecs:us-east-1:1:container-instance/prod/cpu", Reason = PlacementReasons.Cpu },
            new() { Arn = "arn:aws:ecs:us-east-1:1:container-instance/prod/offline", Reason = PlacementReasons.Agent },
        ];

        Assert.Equal(("ports", PlacementReasons.Ports), ServiceTaskPlacements.Closest(refusals));
        Assert.Null(ServiceTaskPlacements.Closest([]));
    }
}
