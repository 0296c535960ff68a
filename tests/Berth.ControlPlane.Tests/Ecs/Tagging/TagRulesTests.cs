using Berth.Aws.Generated.Ecs;
using Berth.Aws.Protocol;
using Berth.ControlPlane.Ecs.Tagging;

namespace Berth.ControlPlane.Tests.Ecs.Tagging;

public sealed class TagRulesTests
{
    [Fact]
    public void Validate_NoTags_IsEmpty() => Assert.Empty(TagRules.Validate(null));

    [Fact]
    public void Validate_TagWithoutValue_GetsEmptyValue()
    {
        var tags = TagRules.Validate([new Tag { Key = "team" }, new Tag { Key = "env", Value = "prod" }]);

        Assert.Equal([new Tag { Key = "team", Value = "" }, new Tag { Key = "env", Value = "prod" }], tags);
    }

    [Fact]
    public void Validate_FiftyTags_Passes() => Assert.Equal(50, TagRules.Validate(Tags(50)).Count);

    [Theory]
    [InlineData("aws:createdBy", "Tag key 'aws:createdBy' uses the reserved prefix 'aws:'.")]
    [InlineData("AWS:x", "Tag key 'AWS:x' uses the reserved prefix 'aws:'.")]
    [InlineData("Aws:", "Tag key 'Aws:' uses the reserved prefix 'aws:'.")]
    public void Validate_ReservedPrefix_InvalidParameterException(string key, string message) =>
        AssertInvalid(() => TagRules.Validate([new Tag { Key = key, Value = "v" }]), message);

    [Fact]
    public void Validate_AwsWithoutColon_IsAnOrdinaryKey() => Assert.Single(TagRules.Validate([new Tag { Key = "awsome", Value = "v" }]));

    [Fact]
    public void Validate_DuplicateKey_InvalidParameterException() =>
        AssertInvalid(() => TagRules.Validate([new Tag { Key = "a", Value = "1" }, new Tag { Key = "a", Value = "2" }]), "Duplicate tag key 'a'.");

    [Fact]
    public void Validate_KeysDifferingInCase_AreDistinct() =>
        Assert.Equal(2, TagRules.Validate([new Tag { Key = "a", Value = "1" }, new Tag { Key = "A", Value = "2" }]).Count);

    [Fact]
    public void Validate_TagWithoutKey_InvalidParameterException() =>
        AssertInvalid(() => TagRules.Validate([new Tag { Value = "orphan" }]), "Tag keys must not be null.");

    [Fact]
    public void Validate_FiftyOneTags_InvalidParameterException() =>
        AssertInvalid(() => TagRules.Validate(Tags(51)), "A resource can have at most 50 tags.");

    [Fact]
    public void Merge_SameKey_OverwritesAndKeepsTheRest()
    {
        var merged = TagRules.Merge(
            [new Tag { Key = "a", Value = "1" }, new Tag { Key = "b", Value = "2" }],
            [new Tag { Key = "b", Value = "20" }, new Tag { Key = "c", Value = "30" }]);

        Assert.Equal([new Tag { Key = "a", Value = "1" }, new Tag { Key = "b", Value = "20" }, new Tag { Key = "c", Value = "30" }], merged);
    }

    [Fact]
    public void Merge_NoCurrentTags_IsTheChanges() =>
        Assert.Equal([new Tag { Key = "a", Value = "1" }], TagRules.Merge(null, [new Tag { Key = "a", Value = "1" }]));

    [Fact]
    public void Merge_OverwritingAtTheLimit_Passes() =>
        Assert.Equal(50, TagRules.Merge(Tags(50), [new Tag { Key = "k0", Value = "new" }]).Count);

    [Fact]
    public void Merge_BeyondFifty_InvalidParameterException() =>
        AssertInvalid(() => TagRules.Merge(Tags(50), [new Tag { Key = "one-more", Value = "v" }]), "A resource can have at most 50 tags.");

    [Fact]
    public void Remove_Keys_RemovesOnlyThoseAndIgnoresUnknown()
    {
        var left = TagRules.Remove([new Tag { Key = "a", Value = "1" }, new Tag { Key = "b", Value = "2" }], ["b", "zzz"]);

        Assert.Equal([new Tag { Key = "a", Value = "1" }], left);
    }

    [Fact]
    public void Remove_NoCurrentTags_IsEmpty() => Assert.Empty(TagRules.Remove(null, ["a"]));

    private static List<Tag> Tags(int count) => [.. Enumerable.Range(0, count).Select(i => new Tag { Key = $"k{i}", Value = "v" })];

    private static void AssertInvalid(Func<object> act, string message)
    {
        var error = Assert.Throws<AwsException>(act);
        Assert.Equal(("InvalidParameterException", message), (error.Code, error.Message));
    }
}
