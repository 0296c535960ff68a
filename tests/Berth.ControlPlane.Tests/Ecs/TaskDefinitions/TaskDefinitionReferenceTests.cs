using Berth.ControlPlane.Ecs.TaskDefinitions;
using Berth.Domain;

namespace Berth.ControlPlane.Tests.Ecs.TaskDefinitions;

public sealed class TaskDefinitionReferenceTests
{
    private static readonly ResourceScope Scope = new("123456789012", "us-east-1");

    [Theory]
    [InlineData("web", "web", null)]
    [InlineData("web-api_2", "web-api_2", null)]
    [InlineData("web:3", "web", 3)]
    [InlineData("web:03", "web", 3)]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:task-definition/web:3", "web", 3)]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:task-definition/web:12345", "web", 12345)]
    public void Parse_EachForm_IsFamilyAndRevision(string text, string family, int? revision) =>
        Assert.Equal(new TaskDefinitionReference(family, revision), TaskDefinitionReference.Parse(Scope, text));

    [Theory]
    [InlineData("")]
    [InlineData(":3")]
    [InlineData("web:")]
    [InlineData("web:0")]
    [InlineData("web:-1")]
    [InlineData("web:+1")]
    [InlineData("web: 1")]
    [InlineData("web:x")]
    [InlineData("web:99999999999")]
    [InlineData("arn:aws:ecs:us-east-1:210987654321:task-definition/web:3")]
    [InlineData("arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3")]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:task-definition/web")]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:cluster/web:3")]
    [InlineData("arn:aws:iam::123456789012:task-definition/web:3")]
    [InlineData("arn:aws:ecs:us-east-1:123456789012:task-definition/:3")]
    public void Parse_BadOrForeignForm_IsNull(string text) =>
        Assert.Null(TaskDefinitionReference.Parse(Scope, text));
}
