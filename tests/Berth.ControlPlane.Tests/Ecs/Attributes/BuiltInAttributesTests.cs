using Berth.ControlPlane.Ecs.Attributes;
using Attribute = Berth.Aws.Generated.Ecs.Attribute;

namespace Berth.ControlPlane.Tests.Ecs.Attributes;

public sealed class BuiltInAttributesTests
{
    [Fact]
    public void WithDefaults_NothingSent_AvailabilityZoneInstanceTypeAndOsTypeAdded() =>
        Assert.Equal(
            [
                new Attribute { Name = "ecs.availability-zone", Value = "eu-west-3a" },
                new Attribute { Name = "ecs.instance-type", Value = "berth.host" },
                new Attribute { Name = "ecs.os-type", Value = "linux" },
            ],
            BuiltInAttributes.WithDefaults([], "eu-west-3"));

    [Fact]
    public void WithDefaults_AgentSentSome_ItsValuesWinTheRestAdded()
    {
        var attributes = BuiltInAttributes.WithDefaults(
            [new Attribute { Name = "ecs.os-type", Value = "windows" }, new Attribute { Name = "ecs.availability-zone", Value = "us-east-1c" }],
            "us-east-1");

        Assert.Equal(
            ["ecs.os-type=windows", "ecs.availability-zone=us-east-1c", "ecs.instance-type=berth.host"],
            attributes.Select(a => $"{a.Name}={a.Value}"));
    }
}
