using Berth.Aws.Generated.Ecs;
using Berth.Aws.Protocol;
using Berth.ControlPlane.Placement;
using Berth.ControlPlane.Placement.Engine;

namespace Berth.ControlPlane.Tests.Placement;

/// <summary>placementConstraints and placementStrategy as the API gives them: what is refused (with which exception and
/// message) and what the engine receives.</summary>
public sealed class PlacementRulesReaderTests
{
    private static readonly PlacementConstraint Distinct = new() { Type = "distinctInstance" };

    [Fact]
    public void Read_KeepsConstraintsAndStrategies_InOrder()
    {
        var rules = PlacementRulesReader.Read(
            [new TaskDefinitionPlacementConstraint { Type = "memberOf", Expression = "attribute:ecs.os-family == LINUX" }],
            [Distinct, MemberOf("task:group != family:db")],
            [Strategy("spread", "attribute:ecs.availability-zone"), Strategy("binpack", "memory"), Strategy("random"), Strategy("spread", "host")]);

        Assert.True(rules.DistinctInstance);
        Assert.Equal([false, true], rules.MemberOf.Select(m => m.UsesTaskGroups));
        Assert.Equal(
            ["spread(attribute:ecs.availability-zone)", "binpack(memory)", "random", "spread(instanceId)"],
            rules.Strategies.Select(s => s.ToString()));
    }

    [Fact]
    public void Read_Nothing_IsNoRules()
    {
        var rules = PlacementRulesReader.Read(null, null, null);

        Assert.Equal((false, 0, 0, false), (rules.DistinctInstance, rules.MemberOf.Length, rules.Strategies.Length, rules.CountsGroups));
    }

    [Theory]
    [InlineData("binpack", "cpu", "binpack(cpu)")]
    [InlineData("binpack", "CPU", "binpack(cpu)")]
    [InlineData("binpack", "Memory", "binpack(memory)")]
    [InlineData("spread", "host", "spread(instanceId)")]
    [InlineData("spread", "HOST", "spread(instanceId)")]
    [InlineData("spread", "instanceId", "spread(instanceId)")]
    [InlineData("spread", "instanceid", "spread(instanceId)")]
    [InlineData("spread", "attribute:ecs.instance-type", "spread(attribute:ecs.instance-type)")]
    [InlineData("random", null, "random")]
    public void Read_StrategyFields(string type, string? field, string expected) =>
        Assert.Equal(expected, PlacementRulesReader.Read(null, null, [Strategy(type, field)]).Strategies.Single().ToString());

    /// <summary>The plan reads the cluster's tasks only when the rules count them.</summary>
    [Theory]
    [InlineData(null, null, null, false)]
    [InlineData("distinctInstance", null, null, true)]
    [InlineData("task:group exists", null, null, true)]
    [InlineData("attribute:ecs.os-family == LINUX", "binpack", "cpu", false)]
    [InlineData(null, "spread", "instanceId", true)]
    [InlineData(null, "spread", "attribute:ecs.availability-zone", true)]
    [InlineData(null, "random", null, false)]
    public void CountsGroups_OnlyWhenTheRulesNeedTheClustersTasks(string? constraint, string? strategy, string? field, bool counts)
    {
        PlacementConstraint[] constraints = constraint switch
        {
            null => [],
            "distinctInstance" => [Distinct],
            _ => [MemberOf(constraint)],
        };

        var rules = PlacementRulesReader.Read(null, constraints, strategy is null ? null : [Strategy(strategy, field)]);

        Assert.Equal(counts, rules.CountsGroups);
    }

    [Fact]
    public void Read_TenConstraints_DefinitionsIncluded_AreAccepted_ElevenAreNot()
    {
        var fromDefinition = Enumerable.Range(0, 4)
            .Select(i => new TaskDefinitionPlacementConstraint { Type = "memberOf", Expression = $"attribute:a{i} exists" })
            .ToList();
        var fromRequest = Enumerable.Range(0, 7).Select(i => MemberOf($"attribute:b{i} exists")).ToList();

        Assert.Equal(10, PlacementRulesReader.Read(fromDefinition, fromRequest[..6], null).MemberOf.Length);
        AssertInvalid(
            () => PlacementRulesReader.Read(fromDefinition, fromRequest, null),
            "Too many placement constraints: 11. A task can have at most 10, its task definition's included.");
        AssertInvalid(
            () => PlacementRulesReader.Read(null, [.. fromRequest, .. fromRequest[..3], Distinct], null),
            "Too many placement constraints: 11. A task can have at most 10, its task definition's included.");
    }

    [Fact]
    public void Read_FiveStrategies_AreAccepted_SixAreNot()
    {
        var five = Enumerable.Repeat(Strategy("binpack", "cpu"), 5).ToList();

        Assert.Equal(5, PlacementRulesReader.Read(null, null, five).Strategies.Length);
        AssertInvalid(
            () => PlacementRulesReader.Read(null, null, [.. five, Strategy("random")]),
            "Too many placement strategies: 6. At most 5 can be chained.");
    }

    public static TheoryData<PlacementConstraint, string> BadConstraints => new()
    {
        { new PlacementConstraint { Type = "distinctInstance", Expression = "attribute:a exists" }, "A distinctInstance placement constraint cannot have an expression." },
        { new PlacementConstraint { Type = "memberOf" }, "A memberOf placement constraint requires an expression." },
        { new PlacementConstraint { Type = "memberOf", Expression = "" }, "A memberOf placement constraint requires an expression." },
        { new PlacementConstraint { Type = "memberOf", Expression = "   " }, "A memberOf placement constraint requires an expression." },
        {
            new PlacementConstraint { Type = "memberOf", Expression = "attribute:ecs.instance-type t2.micro" },
            "Invalid placement constraint expression at position 28: expected an operator after 'attribute:ecs.instance-type' but found 't2.micro'"
        },
        { new PlacementConstraint { Type = "sameInstance" }, "Unknown placement constraint type 'sameInstance'. Valid types are distinctInstance and memberOf." },
        { new PlacementConstraint { Type = "MemberOf", Expression = "attribute:a exists" }, "Unknown placement constraint type 'MemberOf'. Valid types are distinctInstance and memberOf." },
        { new PlacementConstraint(), "Unknown placement constraint type ''. Valid types are distinctInstance and memberOf." },
    };

    [Theory]
    [MemberData(nameof(BadConstraints))]
    public void Read_BadConstraint_InvalidParameter(PlacementConstraint constraint, string message) =>
        AssertInvalid(() => PlacementRulesReader.Read(null, [MemberOf("attribute:a exists"), constraint], null), message);

    [Theory]
    [InlineData("ecs.instance-type == t2.micro", 0)]
    [InlineData("attribute:a == b and", 20)]
    [InlineData("(attribute:a exists", 19)]
    [InlineData("attribute:a in [b, c", 20)]
    [InlineData("runningTasksCount == many", 21)]
    [InlineData("attribute:a =~ '('", 15)]
    public void Read_MalformedExpression_NamesThePosition(string expression, int position)
    {
        var error = Assert.Throws<AwsException>(() => PlacementRulesReader.Read(null, [MemberOf(expression)], null));

        Assert.Equal("InvalidParameterException", error.Code);
        Assert.StartsWith($"Invalid placement constraint expression at position {position}: ", error.Message);
    }

    [Fact]
    public void Read_TooLongExpression_IsRefused()
    {
        var error = Assert.Throws<AwsException>(() => PlacementRulesReader.Read(null, [MemberOf($"attribute:a == {new string('b', 2000)}")], null));

        Assert.Equal(("InvalidParameterException", 400), (error.Code, error.StatusCode));
        Assert.Contains("limited to 2000 characters", error.Message);
    }

    public static TheoryData<PlacementStrategy, string> BadStrategies => new()
    {
        { Strategy("binpack", "disk"), "Invalid field 'disk' for a binpack placement strategy. Valid fields are cpu and memory." },
        { Strategy("binpack", null), "Invalid field '' for a binpack placement strategy. Valid fields are cpu and memory." },
        { Strategy("binpack", "instanceId"), "Invalid field 'instanceId' for a binpack placement strategy. Valid fields are cpu and memory." },
        { Strategy("spread", null), "Invalid field '' for a spread placement strategy. Valid fields are instanceId, host and attribute:<name>." },
        { Strategy("spread", "cpu"), "Invalid field 'cpu' for a spread placement strategy. Valid fields are instanceId, host and attribute:<name>." },
        { Strategy("spread", "attribute:"), "Invalid field 'attribute:' for a spread placement strategy. Valid fields are instanceId, host and attribute:<name>." },
        { Strategy("spread", "ecs.availability-zone"), "Invalid field 'ecs.availability-zone' for a spread placement strategy. Valid fields are instanceId, host and attribute:<name>." },
        { Strategy("pack", "cpu"), "Unknown placement strategy type 'pack'. Valid types are random, spread and binpack." },
        { Strategy("Binpack", "cpu"), "Unknown placement strategy type 'Binpack'. Valid types are random, spread and binpack." },
    };

    [Theory]
    [MemberData(nameof(BadStrategies))]
    public void Read_BadStrategy_InvalidParameter(PlacementStrategy strategy, string message) =>
        AssertInvalid(() => PlacementRulesReader.Read(null, null, [Strategy("random"), strategy]), message);

    [Fact]
    public void CheckDefinitionConstraints_TakesMemberOfOnly_AndAtMostTen()
    {
        PlacementRulesReader.CheckDefinitionConstraints(null);
        PlacementRulesReader.CheckDefinitionConstraints(
            [.. Enumerable.Range(0, 10).Select(i => new TaskDefinitionPlacementConstraint { Type = "memberOf", Expression = $"attribute:a{i} exists" })]);

        var distinct = Assert.Throws<AwsException>(() =>
            PlacementRulesReader.CheckDefinitionConstraints([new TaskDefinitionPlacementConstraint { Type = "distinctInstance" }]));
        var eleven = Assert.Throws<AwsException>(() => PlacementRulesReader.CheckDefinitionConstraints(
            [.. Enumerable.Range(0, 11).Select(i => new TaskDefinitionPlacementConstraint { Type = "memberOf", Expression = $"attribute:a{i} exists" })]));
        var malformed = Assert.Throws<AwsException>(() =>
            PlacementRulesReader.CheckDefinitionConstraints([new TaskDefinitionPlacementConstraint { Type = "memberOf", Expression = "attribute:a ==" }]));

        Assert.Equal(
            ("ClientException", "constraint.type 'distinctInstance' is not supported. Task definitions take memberOf constraints only."),
            (distinct.Code, distinct.Message));
        Assert.Equal(("ClientException", "Too many placement constraints: 11. A task definition can have at most 10."), (eleven.Code, eleven.Message));
        Assert.StartsWith("Invalid placement constraint expression at position 14: ", malformed.Message);
    }

    private static PlacementConstraint MemberOf(string expression) => new() { Type = "memberOf", Expression = expression };

    private static PlacementStrategy Strategy(string type, string? field = null) => new() { Type = type, Field = field };

    private static void AssertInvalid(Func<object> read, string message)
    {
        var error = Assert.Throws<AwsException>(read);
        Assert.Equal(("InvalidParameterException", message, 400), (error.Code, error.Message, error.StatusCode));
    }
}
