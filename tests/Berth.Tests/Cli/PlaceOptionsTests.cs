using Berth.Aws.Generated.Ecs;
using Berth.Cli;

namespace Berth.Tests.Cli;

/// <summary><c>berth place</c>'s options: defaults, TYPE[:FIELD] strategies and constraints in the API's shapes, and every
/// bad option (RunTask's own rule checks included) as a usage error before anything is called.</summary>
public sealed class PlaceOptionsTests
{
    private static readonly Dictionary<string, string> Keys = new()
    {
        ["AWS_ACCESS_KEY_ID"] = "AKIDTEST",
        ["AWS_SECRET_ACCESS_KEY"] = "secret",
    };

    [Fact]
    public void Defaults_ClusterDefault_OneTask_GroupFromTheFamily_NewSeed_LocalEndpoint()
    {
        var options = Parse("--task-definition web");

        Assert.Equal("default", options.Cluster);
        Assert.Equal("web", options.TaskDefinition);
        Assert.Equal(1, options.Count);
        Assert.Null(options.Group);
        Assert.Equal(4242, options.Seed);
        Assert.Equal(new Uri("http://127.0.0.1:9400"), options.Endpoint);
        Assert.Equal("us-east-1", options.Region);
        Assert.Equal("AKIDTEST", options.Key.Id);
        Assert.Empty(options.Constraints);
        Assert.Empty(options.Strategies);
    }

    [Fact]
    public void Environment_GivesEndpointAndRegion_OptionWins()
    {
        var environment = new Dictionary<string, string>(Keys) { ["AWS_ENDPOINT_URL"] = "http://10.0.0.5:9400", ["AWS_DEFAULT_REGION"] = "eu-west-1" };

        Assert.Equal(new Uri("http://10.0.0.5:9400"), Parse("--task-definition web", environment).Endpoint);
        Assert.Equal("eu-west-1", Parse("--task-definition web", environment).Region);
        Assert.Equal(new Uri("http://127.0.0.1:9500"), Parse("--task-definition web --endpoint http://127.0.0.1:9500", environment).Endpoint);
    }

    [Fact]
    public void StrategiesAndConstraints_SplitAtTheFirstColon_InCommandLineOrder()
    {
        var options = Parse(
            "--task-definition web:3 --cluster prod --count 4 --group service:api --seed 0",
            "--strategy", "spread:attribute:ecs.availability-zone", "--strategy", "binpack:memory", "--strategy", "random",
            "--constraint", "distinctInstance", "--constraint", "memberOf:attribute:ecs.instance-type =~ t2.* and attribute:stack == prod");

        Assert.Equal(("prod", "web:3", 4, "service:api", 0), (options.Cluster, options.TaskDefinition, options.Count, options.Group, options.Seed));
        Assert.Equal(
            [("spread", "attribute:ecs.availability-zone"), ("binpack", "memory"), ("random", null)],
            options.Strategies.Select(s => (s.Type!, s.Field)).ToArray());
        Assert.Equal(
            [("distinctInstance", null), ("memberOf", "attribute:ecs.instance-type =~ t2.* and attribute:stack == prod")],
            options.Constraints.Select(c => (c.Type!, c.Expression)).ToArray());
    }

    [Theory]
    [InlineData("--cluster c1", "place needs --task-definition")]
    [InlineData("--task-definition web --count 0", "--count needs a positive number")]
    [InlineData("--task-definition web --count 11", "--count must be at most 10")]
    [InlineData("--task-definition web --seed -3", "--seed needs a whole number")]
    [InlineData("--task-definition web --endpoint ftp://x", "--endpoint must be an http(s) URL")]
    [InlineData("--task-definition web --strategy sideways", "Unknown placement strategy type 'sideways'")]
    [InlineData("--task-definition web --strategy binpack:disk", "Invalid field 'disk' for a binpack placement strategy")]
    [InlineData("--task-definition web --strategy spread", "Invalid field '' for a spread placement strategy")]
    [InlineData("--task-definition web --constraint memberOf", "A memberOf placement constraint requires an expression")]
    [InlineData("--task-definition web --constraint distinctInstance:x", "A distinctInstance placement constraint cannot have an expression")]
    [InlineData("--task-definition web --constraint memberOf:attribute:x==", "Invalid placement constraint expression at position")]
    [InlineData("--task-definition web --colour blue", "unknown option --colour for 'place'")]
    public void BadOption_IsAUsageError(string arguments, string expected)
    {
        var e = Assert.Throws<UsageException>(() => Parse(arguments));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingKeys_AreAUsageErrorThatSaysHowToSetThem()
    {
        var e = Assert.Throws<UsageException>(() => Parse("--task-definition web", new Dictionary<string, string>()));

        Assert.Contains("AWS_ACCESS_KEY_ID", e.Message, StringComparison.Ordinal);
        Assert.Contains("berth env", e.Message, StringComparison.Ordinal);
    }

    private static PlaceOptions Parse(string arguments, params string[] more) => Parse(arguments, Keys, more);

    private static PlaceOptions Parse(string arguments, Dictionary<string, string> environment, params string[] more) =>
        PlaceOptions.Parse(
            CommandLine.Parse(["place", .. arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries), .. more], new HashSet<string>()),
            name => environment.GetValueOrDefault(name),
            () => 4242);
}
