using Berth.Aws.Generated.Ecs;
using Berth.Aws.Protocol;
using Berth.ControlPlane.Ecs.ContainerInstances;
using Berth.Domain;
using Attribute = Berth.Aws.Generated.Ecs.Attribute;

namespace Berth.ControlPlane.Tests.Ecs.ContainerInstances;

public sealed class ContainerInstanceFactoryTests
{
    private const string Id = "0123456789abcdef0123456789abcdef";
    private static readonly ResourceScope Scope = new("123456789012", "us-east-1");
    private static readonly DateTimeOffset Registered = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Registered.AddHours(5);

    [Fact]
    public void Create_Registration_ActiveVersionOneWithRemainingEqualToRegistered()
    {
        var instance = ContainerInstanceFactory.Create(Scope, "prod", Id, Registration(cpu: 2048), Registered);

        Assert.Equal("arn:aws:ecs:us-east-1:123456789012:container-instance/prod/" + Id, instance.ContainerInstanceArn);
        Assert.Equal((InstanceStatus.Active, 1L, false, 0, 0), (instance.Status, instance.Version, instance.AgentConnected, instance.RunningTasksCount, instance.PendingTasksCount));
        Assert.Equal(Registered, instance.RegisteredAt);
        Assert.Equal(instance.RegisteredResources!.Select(Show), instance.RemainingResources!.Select(Show));
        Assert.Equal(2048, instance.RegisteredResources![0].IntegerValue);
        Assert.Empty(instance.Attachments!);
    }

    [Fact]
    public void Ec2InstanceIdOf_Id_IPrefixAndFirst17HexDigits() => Assert.Equal("i-0123456789abcdef0", ContainerInstanceFactory.Ec2InstanceIdOf(Id));

    [Fact]
    public void Create_AttributesOfTheAgent_KeptWithEcsAppliedOnesAdded()
    {
        var instance = ContainerInstanceFactory.Create(Scope, "prod", Id, Registration(attributes: [new Attribute { Name = "ecs.capability.task-eni" }]), Registered);

        Assert.Equal(
            ["ecs.capability.task-eni=", "ecs.availability-zone=us-east-1a", "ecs.instance-type=berth.host", "ecs.os-type=linux"],
            instance.Attributes!.Select(a => $"{a.Name}={a.Value}"));
    }

    [Fact]
    public void Create_NoVersionInfo_EmptyVersionInfo() =>
        Assert.Equal(new VersionInfo(), ContainerInstanceFactory.Create(Scope, "prod", Id, Registration(), Registered).VersionInfo);

    [Fact]
    public void Reregister_ActiveInstance_SameIdentityNewResourcesVersionBumpedRegisteredAtKept()
    {
        var first = ContainerInstanceFactory.Create(Scope, "prod", Id, Registration(cpu: 1024), Registered);

        var again = ContainerInstanceFactory.Reregister(first, Registration(cpu: 4096, agentVersion: "1.90.0"), "us-east-1", Later);

        Assert.Equal((first.ContainerInstanceArn, first.Ec2InstanceId), (again.ContainerInstanceArn, again.Ec2InstanceId));
        Assert.Equal((4096, 4096), (again.RegisteredResources![0].IntegerValue, again.RemainingResources![0].IntegerValue));
        Assert.Equal((InstanceStatus.Active, 2L, Registered), (again.Status, again.Version, again.RegisteredAt));
        Assert.Equal("1.90.0", again.VersionInfo!.AgentVersion);
    }

    [Fact]
    public void Reregister_WhileTasksHoldResources_TheirReservationsStayTaken()
    {
        var first = ContainerInstanceFactory.Create(Scope, "prod", Id, Registration(cpu: 1024), Registered);
        var busy = first with
        {
            RemainingResources = RemainingResources.Of(
                first.RegisteredResources!,
                [[new Resource { Name = "CPU", Type = "INTEGER", IntegerValue = 256 }, new Resource { Name = "PORTS", Type = "STRINGSET", StringSetValue = ["8080"] }]]),
        };

        var again = ContainerInstanceFactory.Reregister(busy, Registration(cpu: 1024), "us-east-1", Later);

        Assert.Equal(busy.RemainingResources!.Select(Show), again.RemainingResources!.Select(Show));
        Assert.Equal(768, again.RemainingResources![0].IntegerValue);
    }

    [Fact]
    public void Reregister_DrainingInstance_StaysDraining()
    {
        var draining = ContainerInstanceFactory.Create(Scope, "prod", Id, Registration(), Registered) with { Status = InstanceStatus.Draining };

        Assert.Equal(InstanceStatus.Draining, ContainerInstanceFactory.Reregister(draining, Registration(), "us-east-1", Later).Status);
    }

    [Fact]
    public void Reregister_InactiveInstance_ActiveAgainWithNewRegisteredAt()
    {
        var inactive = ContainerInstanceFactory.Create(Scope, "prod", Id, Registration(), Registered) with { Status = InstanceStatus.Inactive };

        var again = ContainerInstanceFactory.Reregister(inactive, Registration(), "us-east-1", Later);

        Assert.Equal((InstanceStatus.Active, Later), (again.Status, again.RegisteredAt));
    }

    [Fact]
    public void Reregister_CustomAttributesPutSince_KeptAndBuiltInsReplacedByTheAgents()
    {
        var first = ContainerInstanceFactory.Create(Scope, "prod", Id, Registration(attributes: [new Attribute { Name = "ecs.capability.old" }]), Registered);
        var withCustom = first with { Attributes = [.. first.Attributes!, new Attribute { Name = "stack", Value = "blue" }] };

        var again = ContainerInstanceFactory.Reregister(
            withCustom, Registration(attributes: [new Attribute { Name = "ecs.capability.new" }, new Attribute { Name = "rack", Value = "r1" }]), "us-east-1", Later);

        Assert.Equal(
            ["stack", "ecs.capability.new", "rack", "ecs.availability-zone", "ecs.instance-type", "ecs.os-type"],
            again.Attributes!.Select(a => a.Name!));
    }

    [Fact]
    public void Reregister_CustomAttributesPastTheLimitOnceMerged_AttributeLimitExceededException()
    {
        var first = ContainerInstanceFactory.Create(Scope, "prod", Id, Registration(attributes: Custom("put", 6)), Registered);

        var error = Assert.Throws<AwsException>(() => ContainerInstanceFactory.Reregister(first, Registration(attributes: Custom("agent", 5)), "us-east-1", Later));

        Assert.Equal("AttributeLimitExceededException", error.Code);
    }

    [Fact]
    public void Reregister_Tags_MergedByKey()
    {
        var first = ContainerInstanceFactory.Create(Scope, "prod", Id, Registration(tags: [new Tag { Key = "a", Value = "1" }, new Tag { Key = "b", Value = "2" }]), Registered);

        var again = ContainerInstanceFactory.Reregister(first, Registration(tags: [new Tag { Key = "b", Value = "20" }]), "us-east-1", Later);

        Assert.Equal([new Tag { Key = "a", Value = "1" }, new Tag { Key = "b", Value = "20" }], again.Tags!);
    }

    private static InstanceRegistration Registration(int cpu = 1024, string? agentVersion = null, List<Attribute>? attributes = null, List<Tag>? tags = null) =>
        InstanceRegistration.Check(new RegisterContainerInstanceRequest
        {
            TotalResources =
            [
                new Resource { Name = "CPU", Type = "INTEGER", IntegerValue = cpu },
                new Resource { Name = "MEMORY", Type = "INTEGER", IntegerValue = 2048 },
            ],
            VersionInfo = agentVersion is null ? null : new VersionInfo { AgentVersion = agentVersion },
            Attributes = attributes,
            Tags = tags,
        });

    private static string Show(Resource r) => $"{r.Name} {r.Type} {r.IntegerValue} [{string.Join(',', r.StringSetValue ?? [])}]";

    private static List<Attribute> Custom(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => new Attribute { Name = $"{prefix}-{i}", Value = "v" }).ToList();
}
