using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Placement.Query;
using Attribute = Berth.Aws.Generated.Ecs.Attribute;

namespace Berth.ControlPlane.Tests.Placement.Query;

/// <summary>Expressions evaluated against one instance: each subject, missing values, versions, dates and regexes.</summary>
public sealed class QueryEvaluationTests
{
    private static readonly InstanceFacts Instance = new(
        new ContainerInstance
        {
            Ec2InstanceId = "i-abcd1234",
            AgentConnected = true,
            VersionInfo = new VersionInfo { AgentVersion = "1.14.5" },
            RegisteredAt = new DateTimeOffset(2018, 6, 18, 22, 28, 28, TimeSpan.Zero),
            RunningTasksCount = 2,
            Attributes =
            [
                new Attribute { Name = "ecs.instance-type", Value = "t2.micro" },
                new Attribute { Name = "ecs.availability-zone", Value = "us-east-1a" },
                new Attribute { Name = "stack-size", Value = "10" },
                new Attribute { Name = "ecs.capability.task-eni" },
            ],
        },
        new HashSet<string> { "service:web", "database" });

    private static readonly InstanceFacts Bare = new(new ContainerInstance(), new HashSet<string>());

    [Theory]
    [InlineData("agentConnected == true", true)]
    [InlineData("agentConnected == FALSE", false)]
    [InlineData("agentConnected != false", true)]
    [InlineData("agentConnected =~ t.*", true)]
    [InlineData("ec2InstanceId !~ i-abcd.*", false)]
    [InlineData("agentVersion == 1.14.5", true)]
    [InlineData("agentVersion < 1.14.10", true)]
    [InlineData("agentVersion > 1.9", true)]
    [InlineData("agentVersion >= 1.14.5.0", true)]
    [InlineData("agentVersion < v1.14.5", false)]
    [InlineData("agentVersion <= 1.14", false)]
    [InlineData("ec2InstanceId == i-abcd1234", true)]
    [InlineData("ec2InstanceId in ['i-wxyx7890', 'i-abcd1234']", true)]
    [InlineData("ec2InstanceId !in ['i-wxyx7890']", true)]
    [InlineData("registeredAt > 2018-06-18", true)]
    [InlineData("registeredAt < 2018-06-19", true)]
    [InlineData("registeredAt == 2018-06-18T22:28:28Z", true)]
    [InlineData("registeredAt == 2018-06-19T00:28:28+02:00", true)]
    [InlineData("registeredAt >= 2018-06-18T22:28:29", false)]
    [InlineData("runningTasksCount == 2", true)]
    [InlineData("runningTasksCount > 10", false)]
    [InlineData("runningTasksCount <= 2", true)]
    [InlineData("task:group == database", true)]
    [InlineData("task:group in [service:web, service:api]", true)]
    [InlineData("task:group != database", false)]
    [InlineData("task:group != cache", true)]
    [InlineData("not(task:group == database)", false)]
    [InlineData("task:group =~ service:.*", true)]
    [InlineData("task:group exists", true)]
    public void Matches_EachSubject(string expression, bool expected) =>
        Assert.Equal(expected, QueryParser.Parse(expression).Matches(Instance));

    [Theory]
    [InlineData("attribute:ecs.instance-type == t2.micro", true)]
    [InlineData("attribute:ecs.instance-type == T2.MICRO", false)]
    [InlineData("attribute:ecs.instance-type =~ t2.*", true)]
    [InlineData("attribute:ecs.instance-type =~ t2", false)]
    [InlineData("attribute:ecs.instance-type =~ micro", false)]
    [InlineData("attribute:ecs.instance-type =~ '.*micro'", true)]
    [InlineData("attribute:ecs.instance-type !~ m5.*", true)]
    [InlineData("attribute:ecs.instance-type =~ '^(t2|t3)\\.micro$'", true)]
    [InlineData("attribute:ecs.availability-zone in [us-east-1a, us-east-1b]", true)]
    [InlineData("attribute:ecs.availability-zone not_in [us-east-1a]", false)]
    [InlineData("attribute:stack-size > 9", true)]
    [InlineData("attribute:stack-size == 10.0", true)]
    [InlineData("attribute:stack-size < abc", true)]
    [InlineData("attribute:ecs.instance-type > t1", true)]
    [InlineData("attribute:ecs.capability.task-eni exists", true)]
    [InlineData("attribute:ecs.capability.task-eni == ''", false)]
    [InlineData("attribute:ecs.capability.task-eni != x", false)]
    [InlineData("attribute:ecs.instance-type exists && (attribute:stack-size < 5 || task:group == database)", true)]
    public void Matches_Attributes(string expression, bool expected) =>
        Assert.Equal(expected, QueryParser.Parse(expression).Matches(Instance));

    /// <summary>ECS answers <c>attribute:retiring != true</c> only with instances that have the attribute
    /// (aws/containers-roadmap#486): without a value every operator but !exists is false; <c>not(...)</c> negates.</summary>
    [Theory]
    [InlineData("attribute:retiring == true", false)]
    [InlineData("attribute:retiring != true", false)]
    [InlineData("attribute:retiring in [true]", false)]
    [InlineData("attribute:retiring not_in [true]", false)]
    [InlineData("attribute:retiring =~ .*", false)]
    [InlineData("attribute:retiring !~ true", false)]
    [InlineData("attribute:retiring > 1", false)]
    [InlineData("attribute:retiring exists", false)]
    [InlineData("attribute:retiring !exists", true)]
    [InlineData("not(attribute:retiring == true)", true)]
    [InlineData("ec2InstanceId != i-abcd1234", false)]
    [InlineData("agentVersion < 99", false)]
    [InlineData("registeredAt < 2100-01-01", false)]
    [InlineData("task:group != database", false)]
    [InlineData("task:group !exists", true)]
    [InlineData("agentConnected == false", true)]
    [InlineData("runningTasksCount == 0", true)]
    public void Matches_MissingValues_FalseButForNotExists(string expression, bool expected) =>
        Assert.Equal(expected, QueryParser.Parse(expression).Matches(Bare));

    [Fact]
    public void Matches_UnparsableAgentVersion_NoComparisonHolds()
    {
        var odd = Bare with { Instance = new ContainerInstance { VersionInfo = new VersionInfo { AgentVersion = "dev-build" } } };

        Assert.False(QueryParser.Parse("agentVersion < 99").Matches(odd));
        Assert.False(QueryParser.Parse("agentVersion >= 0").Matches(odd));
        Assert.True(QueryParser.Parse("agentVersion != 1.0").Matches(odd));
    }

    [Fact]
    public void Matches_PathologicalPattern_NoMatchWithoutHanging()
    {
        var pathological = Bare with { Instance = new ContainerInstance { Attributes = [new Attribute { Name = "a", Value = new string('a', 40) + "!" }] } };

        Assert.False(QueryParser.Parse("attribute:a =~ '(a+)+b'").Matches(pathological));
    }
}
