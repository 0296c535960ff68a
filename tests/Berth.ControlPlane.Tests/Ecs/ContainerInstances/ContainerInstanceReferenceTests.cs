using Berth.ControlPlane.Ecs.ContainerInstances;
using Berth.Domain;

namespace Berth.ControlPlane.Tests.Ecs.ContainerInstances;

public sealed class ContainerInstanceReferenceTests
{
    private const string Id = "0123456789abcdef0123456789abcdef";
    private static readonly ResourceScope Scope = new("123456789012", "us-east-1");

    [Theory]
    [InlineData(Id, null, Id)]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:container-instance/prod/" + Id, "prod", Id)]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:container-instance/" + Id, null, Id)]
    [InlineData("53ac7152-dcd1-4102-81f5-208962864132", null, "53ac7152-dcd1-4102-81f5-208962864132")]
    public void Parse_IdOrArn_ClusterAndId(string identifier, string? cluster, string id) =>
        Assert.Equal(new ContainerInstanceReference(cluster, id), ContainerInstanceReference.Parse(Scope, identifier));

    [Theory]
    [InlineData("")]
    [InlineData("prod/" + Id)]
    [InlineData("arn:aws:ecs:us-west-2:123456789012:container-instance/prod/" + Id)]
    [InlineData("arn:aws:ecs:us-east-1:210987654321:container-instance/prod/" + Id)]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:cluster/prod")]
    [InlineData("arn:aws:ec2:us-east-1:123456789012:container-instance/prod/" + Id)]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:container-instance/prod/")]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:container-instance//" + Id)]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:container-instance/a/b/" + Id)]
    public void Parse_NotAnInstanceOfThisScope_Null(string identifier) => Assert.Null(ContainerInstanceReference.Parse(Scope, identifier));

    [Theory]
    [InlineData(null, "prod", true)]
    [InlineData("prod", "prod", true)]
    [InlineData("prod", "staging", false)]
    public void IsIn_Cluster_OnlyItsOwnOrAny(string? cluster, string requested, bool expected) =>
        Assert.Equal(expected, new ContainerInstanceReference(cluster, Id).IsIn(requested));
}
