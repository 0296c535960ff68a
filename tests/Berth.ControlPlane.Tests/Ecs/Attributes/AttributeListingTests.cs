using Berth.Aws.Generated.Ecs;
using Berth.ControlPlane.Ecs.Attributes;
using Attribute = Berth.Aws.Generated.Ecs.Attribute;

namespace Berth.ControlPlane.Tests.Ecs.Attributes;

public sealed class AttributeListingTests
{
    private static readonly (string Key, ContainerInstance Instance)[] Instances =
    [
        ("prod/a", Instance("arn:a", ("zone", "1a"), ("stack", "blue"), ("gpu", null))),
        ("prod/b", Instance("arn:b")),
        ("prod/c", Instance("arn:c", ("stack", "green"), ("zone", "1b"))),
    ];

    [Fact]
    public void Page_Everything_ByInstanceThenNameWithTargets()
    {
        var (page, next) = AttributeListing.Page(Instances, null, null, null, 100);

        Assert.Equal(["arn:a gpu=", "arn:a stack=blue", "arn:a zone=1a", "arn:c stack=green", "arn:c zone=1b"], page.Select(Show));
        Assert.All(page, a => Assert.Equal("container-instance", a.TargetType));
        Assert.Null(next);
    }

    [Fact]
    public void Page_ByName_OnlyThatName() =>
        Assert.Equal(["arn:a stack=blue", "arn:c stack=green"], AttributeListing.Page(Instances, "stack", null, null, 100).Page.Select(Show));

    [Fact]
    public void Page_ByNameAndValue_OnlyThoseWithTheValue() =>
        Assert.Equal(["arn:c zone=1b"], AttributeListing.Page(Instances, "zone", "1b", null, 100).Page.Select(Show));

    [Fact]
    public void Page_PagesOfTwo_WalkEveryAttributeOnce()
    {
        var walked = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var (page, next) = AttributeListing.Page(Instances, null, null, after, 2);
            Assert.InRange(page.Count, 1, 2);
            walked.AddRange(page.Select(Show));
            after = next;
            pages++;
        }
        while (after is not null);

        Assert.Equal(3, pages);
        Assert.Equal(AttributeListing.Page(Instances, null, null, null, 100).Page.Select(Show), walked);
    }

    [Fact]
    public void Page_ExactlyFull_NoNextPosition() => Assert.Null(AttributeListing.Page(Instances, "stack", null, null, 2).Next);

    [Fact]
    public void Page_AfterAnAttributeRemovedSince_ContinuesAfterItsPosition() =>
        Assert.Equal(
            ["arn:a stack=blue", "arn:a zone=1a", "arn:c stack=green", "arn:c zone=1b"],
            AttributeListing.Page(Instances, null, null, "prod/a|hostname", 100).Page.Select(Show));

    [Theory]
    [InlineData("prod/a|zone", true)]
    [InlineData("prod/a", false)]
    [InlineData("|zone", false)]
    [InlineData("prod/a|", false)]
    public void IsPosition_Text_OnlyKeyBarName(string text, bool expected) => Assert.Equal(expected, AttributeListing.IsPosition(text));

    private static string Show(Attribute a) => $"{a.TargetId} {a.Name}={a.Value}";

    private static ContainerInstance Instance(string arn, params (string Name, string? Value)[] attributes) => new()
    {
        ContainerInstanceArn = arn,
        Attributes = attributes.Select(a => new Attribute { Name = a.Name, Value = a.Value }).ToList(),
    };
}
