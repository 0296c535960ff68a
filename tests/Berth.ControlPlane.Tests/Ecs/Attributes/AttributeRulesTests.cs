using Berth.Aws.Protocol;
using Berth.ControlPlane.Ecs.Attributes;
using Attribute = Berth.Aws.Generated.Ecs.Attribute;

namespace Berth.ControlPlane.Tests.Ecs.Attributes;

public sealed class AttributeRulesTests
{
    [Theory]
    [InlineData("stack")]
    [InlineData("team/owner")]
    [InlineData(@"windows\path")]
    [InlineData("com.example.tier-2_b")]
    [InlineData("ecs.capability.docker-remote-api.1.44")]
    public void Validate_NameInAlphabet_Accepted(string name) => Assert.Equal(name, AttributeRules.Validate(new Attribute { Name = name }).Name);

    [Fact]
    public void Validate_NameOf128_Accepted() => AttributeRules.Validate(new Attribute { Name = new string('n', 128) });

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("colon:name")]
    [InlineData("at@name")]
    [InlineData("ünïcode")]
    public void Validate_NameOutsideAlphabet_InvalidParameterException(string name) =>
        AssertInvalid(() => AttributeRules.Validate(new Attribute { Name = name }), $"Invalid attribute name '{name}'");

    [Fact]
    public void Validate_NameOf129_InvalidParameterException() =>
        AssertInvalid(() => AttributeRules.Validate(new Attribute { Name = new string('n', 129) }), "Invalid attribute name");

    [Theory]
    [InlineData("prod")]
    [InlineData("user@example.com")]
    [InlineData("arn:aws:iam::123456789012:role/x")]
    [InlineData(@"C:\data")]
    [InlineData("two words")]
    public void Validate_ValueInAlphabet_Accepted(string value) =>
        Assert.Equal(new Attribute { Name = "n", Value = value }, AttributeRules.Validate(new Attribute { Name = "n", Value = value }));

    [Theory]
    [InlineData("")]
    [InlineData(" leading")]
    [InlineData("trailing ")]
    [InlineData("semi;colon")]
    [InlineData("tab\there")]
    public void Validate_ValueOutsideAlphabet_InvalidParameterException(string value) =>
        AssertInvalid(() => AttributeRules.Validate(new Attribute { Name = "stack", Value = value }), "Invalid value for attribute 'stack'");

    [Fact]
    public void Validate_ValueOf129_InvalidParameterException() =>
        AssertInvalid(() => AttributeRules.Validate(new Attribute { Name = "stack", Value = new string('v', 129) }), "Invalid value for attribute 'stack'");

    [Fact]
    public void Validate_WithTarget_StoredWithoutIt() =>
        Assert.Equal(
            new Attribute { Name = "stack", Value = "prod" },
            AttributeRules.Validate(new Attribute { Name = "stack", Value = "prod", TargetType = "container-instance", TargetId = "abc" }));

    [Fact]
    public void ValidateAll_SameNameTwice_InvalidParameterException() =>
        AssertInvalid(
            () => AttributeRules.ValidateAll([new Attribute { Name = "stack", Value = "a" }, new Attribute { Name = "stack", Value = "b" }]),
            "Attribute 'stack' is given more than once for the same target.");

    [Theory]
    [InlineData("ecs.os-type", true)]
    [InlineData("com.amazonaws.ecs.capability.privileged-container", true)]
    [InlineData("ecsy", false)]
    [InlineData("ECS.os-type", false)]
    [InlineData("stack", false)]
    public void IsBuiltIn_Name_ReservedPrefixesOnly(string name, bool expected) => Assert.Equal(expected, AttributeRules.IsBuiltIn(name));

    [Fact]
    public void EnsureCustom_BuiltInName_InvalidParameterException() =>
        AssertInvalid(() => AttributeRules.EnsureCustom("ecs.instance-type"), "Attribute 'ecs.instance-type' uses a prefix reserved");

    [Fact]
    public void EnsureWithinLimit_TenCustomAndAnyBuiltIns_Accepted() =>
        Assert.Equal(13, AttributeRules.EnsureWithinLimit([.. Custom(10), .. BuiltIns(3)]).Count);

    [Fact]
    public void EnsureWithinLimit_ElevenCustom_AttributeLimitExceededException()
    {
        var error = Assert.Throws<AwsException>(() => AttributeRules.EnsureWithinLimit(Custom(11)));

        Assert.Equal(("AttributeLimitExceededException", "A resource can have at most 10 custom attributes."), (error.Code, error.Message));
    }

    [Fact]
    public void Merge_SameName_ReplacesValueKeepsTheRest() =>
        Assert.Equal(
            [new Attribute { Name = "b", Value = "2" }, new Attribute { Name = "a", Value = "10" }, new Attribute { Name = "c" }],
            AttributeRules.Merge(
                [new Attribute { Name = "a", Value = "1" }, new Attribute { Name = "b", Value = "2" }],
                [new Attribute { Name = "a", Value = "10" }, new Attribute { Name = "c" }]));

    [Fact]
    public void Merge_PastTheLimit_AttributeLimitExceededException() =>
        Assert.Equal("AttributeLimitExceededException", Assert.Throws<AwsException>(() => AttributeRules.Merge(Custom(10), [new Attribute { Name = "one-more" }])).Code);

    [Fact]
    public void Merge_OverwriteAtTheLimit_Accepted() =>
        Assert.Equal(10, AttributeRules.Merge(Custom(10), [new Attribute { Name = "custom-0", Value = "new" }]).Count);

    [Fact]
    public void Remove_NamesPresentAndAbsent_RemovesThePresentOnes() =>
        Assert.Equal(
            [new Attribute { Name = "b" }],
            AttributeRules.Remove([new Attribute { Name = "a" }, new Attribute { Name = "b" }], new HashSet<string> { "a", "ghost" }));

    private static List<Attribute> Custom(int count) => Enumerable.Range(0, count).Select(i => new Attribute { Name = $"custom-{i}", Value = "v" }).ToList();

    private static List<Attribute> BuiltIns(int count) => Enumerable.Range(0, count).Select(i => new Attribute { Name = $"ecs.capability.c{i}" }).ToList();

    private static void AssertInvalid(Action action, string messageStart)
    {
        var error = Assert.Throws<AwsException>(action);
        Assert.Equal("InvalidParameterException", error.Code);
        Assert.StartsWith(messageStart, error.Message, StringComparison.Ordinal);
    }
}
