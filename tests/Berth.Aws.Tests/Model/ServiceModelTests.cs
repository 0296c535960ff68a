using System.Text;
using System.Text.Json;
using Berth.Aws.Model;

namespace Berth.Aws.Tests.Model;

public sealed class ServiceModelTests
{
    [Fact]
    public void LoadFile_EcsModel_ReadsMetadata()
    {
        var metadata = TestModels.Ecs.Metadata;

        Assert.Equal(
            new ServiceMetadata("ECS", "json", "2014-11-13", "ecs", "ecs", TestModels.EcsTargetPrefix, "1.1"),
            metadata);
    }

    [Fact]
    public void LoadFile_EcsModel_HasEveryOperationAndShapeOfTheFile()
    {
        using var raw = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "models", TestModels.EcsModelFile)));
        var operationNames = raw.RootElement.GetProperty("operations").EnumerateObject().Select(o => o.Name).Order(StringComparer.Ordinal);
        var shapeNames = raw.RootElement.GetProperty("shapes").EnumerateObject().Select(s => s.Name).Order(StringComparer.Ordinal);

        Assert.Equal(operationNames, TestModels.Ecs.Operations.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(shapeNames, TestModels.Ecs.Shapes.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("RunTask", TestModels.Ecs.Operations.Keys);
        Assert.True(TestModels.Ecs.Operations.Count > 70, $"only {TestModels.Ecs.Operations.Count} operations");
    }

    [Fact]
    public void LoadFile_EcsOperation_LinksInputOutputErrorsAndHttp()
    {
        var operation = TestModels.Ecs.Operations["RegisterTaskDefinition"];

        Assert.Equal("RegisterTaskDefinition", operation.Name);
        Assert.Same(TestModels.Ecs.Shapes["RegisterTaskDefinitionRequest"], operation.Input);
        Assert.Same(TestModels.Ecs.Shapes["RegisterTaskDefinitionResponse"], operation.Output);
        Assert.Equal(["AccessDeniedException", "LimitExceededException", "ServerException", "InvalidParameterException", "ClientException"], operation.Errors);
        Assert.Equal("POST", operation.HttpMethod);
        Assert.Equal("/", operation.RequestUri);
    }

    [Fact]
    public void LoadFile_EcsStructure_LinksMembersToTheSharedShapeInstances()
    {
        var shapes = TestModels.Ecs.Shapes;
        var request = shapes["RegisterTaskDefinitionRequest"];

        Assert.Equal(ShapeType.Structure, request.Type);
        Assert.Equal("family", request.Members[0].Name);
        Assert.Equal(["family", "containerDefinitions"], request.RequiredMembers.Select(m => m.Name));
        var containers = request.MembersByWireName["containerDefinitions"].Target;
        Assert.Same(shapes["ContainerDefinitions"], containers);
        Assert.Equal(ShapeType.List, containers.Type);
        Assert.Same(shapes["ContainerDefinition"], containers.ListMember);
        Assert.Same(shapes["HealthCheck"], containers.ListMember!.MembersByWireName["healthCheck"].Target);
    }

    [Fact]
    public void LoadFile_EveryMemberOfEveryShape_TargetsTheShapeOfThatName()
    {
        using var raw = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "models", TestModels.EcsModelFile)));
        var shapes = TestModels.Ecs.Shapes;
        foreach (var element in raw.RootElement.GetProperty("shapes").EnumerateObject())
        {
            var shape = shapes[element.Name];
            if (element.Value.TryGetProperty("members", out var members))
            {
                foreach (var member in members.EnumerateObject())
                {
                    Assert.Same(shapes[member.Value.GetProperty("shape").GetString()!], shape.MembersByWireName[member.Name].Target);
                }
            }

            if (element.Value.TryGetProperty("member", out var listMember))
            {
                Assert.Same(shapes[listMember.GetProperty("shape").GetString()!], shape.ListMember);
            }
        }
    }

    [Fact]
    public void LoadFile_EcsConstraints_AreRead()
    {
        var shapes = TestModels.Ecs.Shapes;

        Assert.Equal((0d, 50d), (shapes["Tags"].Min, shapes["Tags"].Max));
        Assert.Equal((1d, 128d), (shapes["TagKey"].Min, shapes["TagKey"].Max));
        Assert.Equal(@"([\p{L}\p{Z}\p{N}_.:/=+\-@]*)", shapes["TagKey"].PatternText);
        Assert.NotNull(shapes["TagKey"].Pattern);
        Assert.Equal(["bridge", "host", "awsvpc", "none"], shapes["NetworkMode"].EnumValues);
        Assert.Contains("awsvpc", (IReadOnlySet<string>)shapes["NetworkMode"].Enum!);
        Assert.Null(shapes["String"].Enum);
        Assert.True(shapes["ClientException"].IsException);
        Assert.False(shapes["Cluster"].IsException);
        Assert.True(shapes["HookDetails"].IsDocument);
    }

    [Fact]
    public void LoadFile_EcsMap_LinksKeyAndValue()
    {
        var labels = TestModels.Ecs.Shapes["DockerLabelsMap"];

        Assert.Equal(ShapeType.Map, labels.Type);
        Assert.Same(TestModels.Ecs.Shapes["String"], labels.MapKey);
        Assert.Same(TestModels.Ecs.Shapes["String"], labels.MapValue);
    }

    [Fact]
    public void Load_RecursiveShapes_LinkToThemselves()
    {
        var shapes = TestModels.Sample.Shapes;
        var node = shapes["Node"];

        Assert.Same(node, node.MembersByWireName["next"].Target);
        Assert.Same(node, node.MembersByWireName["children"].Target.ListMember);
    }

    [Fact]
    public void Load_MissingOptionalMetadata_DefaultsToEndpointPrefix()
    {
        Assert.Equal(new ServiceMetadata("sample", "json", "2020-01-01", "sample", "sample", TestModels.SampleTargetPrefix, "1.0"), TestModels.Sample.Metadata);
    }

    [Fact]
    public void Load_OperationWithoutInputOrHttp_DefaultsToPostSlash()
    {
        var ping = TestModels.Sample.Operations["Ping"];

        Assert.Null(ping.Input);
        Assert.Null(ping.Output);
        Assert.Empty(ping.Errors);
        Assert.Equal(("POST", "/"), (ping.HttpMethod, ping.RequestUri));
        Assert.Equal(("PUT", "/things"), (TestModels.Sample.Operations["PutThing"].HttpMethod, TestModels.Sample.Operations["PutThing"].RequestUri));
    }

    [Fact]
    public void Load_LocationName_IsTheWireName()
    {
        var input = TestModels.Sample.Shapes["PutThingInput"];
        var alias = input.Members.Single(m => m.Name == "alias");

        Assert.Equal("Alias", alias.WireName);
        Assert.Same(alias, input.MembersByWireName["Alias"]);
        Assert.False(input.MembersByWireName.ContainsKey("alias"));
    }

    [Theory]
    [InlineData("Name", ShapeType.String)]
    [InlineData("Count", ShapeType.Integer)]
    [InlineData("Size", ShapeType.Long)]
    [InlineData("Ratio", ShapeType.Double)]
    [InlineData("Weight", ShapeType.Float)]
    [InlineData("Flag", ShapeType.Boolean)]
    [InlineData("Data", ShapeType.Blob)]
    [InlineData("When", ShapeType.Timestamp)]
    [InlineData("Labels", ShapeType.Map)]
    [InlineData("ItemList", ShapeType.List)]
    [InlineData("Item", ShapeType.Structure)]
    public void Load_ShapeTypes_AreParsed(string shape, ShapeType expected) =>
        Assert.Equal(expected, TestModels.Sample.Shapes[shape].Type);

    [Fact]
    public void Load_PatternDotNetCannotParse_IsKeptAsTextButNotCompiled()
    {
        var odd = TestModels.Sample.Shapes["OddPattern"];

        Assert.Equal("a++", odd.PatternText);
        Assert.Null(odd.Pattern);
    }

    [Fact]
    public void Load_Pattern_IsAnchoredAroundTheWholeAlternation()
    {
        var answer = TestModels.Sample.Shapes["Answer"].Pattern!;

        Assert.Matches(answer, "yes");
        Assert.Matches(answer, "no");
        Assert.DoesNotMatch(answer, "yesno");
        Assert.DoesNotMatch(answer, "yes!");
        Assert.DoesNotMatch(answer, "!no");
    }

    [Fact]
    public void Load_UnknownShapeType_Throws()
    {
        var json = """{"metadata": {"endpointPrefix": "x"}, "operations": {}, "shapes": {"Odd": {"type": "union"}}}""";

        var error = Assert.Throws<InvalidDataException>(() => ServiceModel.Load(Encoding.UTF8.GetBytes(json)));
        Assert.Equal("Unknown shape type 'union'.", error.Message);
    }
}
