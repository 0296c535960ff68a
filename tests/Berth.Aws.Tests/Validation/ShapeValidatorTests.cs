using System.Text.Json;
using Berth.Aws.Model;
using Berth.Aws.Protocol;
using Berth.Aws.Validation;

namespace Berth.Aws.Tests.Validation;

/// <summary>Validation of the Sample model's PutThingInput (see <see cref="TestModels.SampleJson"/>) and of real ECS requests.</summary>
public sealed class ShapeValidatorTests
{
    private static Shape PutThing => TestModels.Sample.Shapes["PutThingInput"];

    /// <summary>Members that pass, each added to a body that carries the two required members.</summary>
    public static TheoryData<string> Valid => new()
    {
        """ "count": 1 """,
        """ "count": 100 """,
        """ "count": null """,
        """ "size": 0 """,
        """ "size": 5000000000 """,
        """ "ratio": 0.5 """,
        """ "ratio": 1.5 """,
        """ "weight": -3.25 """,
        """ "enabled": false """,
        """ "color": "green" """,
        """ "answer": "no" """,
        """ "items": [{"id": "a"}] """,
        """ "items": [{"id": "a"}, {"id": "b", "notes": []}, {"id": "c", "notes": ["Any text", ""]}] """,
        """ "labels": {} """,
        """ "labels": {"ab": "x", "abcd": "y"} """,
        """ "data": "aGVsbG8=" """,
        """ "data": "" """,
        """ "when": 1700000000.5 """,
        """ "when": 1700000000 """,
        """ "when": "2024-01-02T03:04:05Z" """,
        """ "node": {"value": 5, "next": {"next": {"value": 1}}, "children": [{"value": 2}]} """,
        """ "details": {"anything": [1, "two", {"three": null}]} """,
        """ "details": 42 """,
        """ "odd": "a pattern .NET cannot compile is not enforced" """,
        """ "notInTheModel": {"deep": [1, "x"]} """,
        """ "alias": "not the wire name, so unknown and ignored" """,
    };

    /// <summary>A member that breaks one constraint, and the violation AWS words for it.</summary>
    public static TheoryData<string, string> Invalid => new()
    {
        { """ "count": 0 """, "Value '0' at 'count' failed to satisfy constraint: Member must have value greater than or equal to 1" },
        { """ "count": 101 """, "Value '101' at 'count' failed to satisfy constraint: Member must have value less than or equal to 100" },
        { """ "size": -1 """, "Value '-1' at 'size' failed to satisfy constraint: Member must have value greater than or equal to 0" },
        { """ "size": 5000000001 """, "Value '5000000001' at 'size' failed to satisfy constraint: Member must have value less than or equal to 5000000000" },
        { """ "ratio": 0.25 """, "Value '0.25' at 'ratio' failed to satisfy constraint: Member must have value greater than or equal to 0.5" },
        { """ "ratio": 2 """, "Value '2' at 'ratio' failed to satisfy constraint: Member must have value less than or equal to 1.5" },
        { """ "color": "blue" """, "Value 'blue' at 'color' failed to satisfy constraint: Member must satisfy enum value set: [red, green]" },
        { """ "color": "Red" """, "Value 'Red' at 'color' failed to satisfy constraint: Member must satisfy enum value set: [red, green]" },
        { """ "answer": "yesno" """, "Value 'yesno' at 'answer' failed to satisfy constraint: Member must satisfy regular expression pattern: yes|no" },
        { """ "answer": "no!" """, "Value 'no!' at 'answer' failed to satisfy constraint: Member must satisfy regular expression pattern: yes|no" },
        { """ "items": [] """, "Value '[]' at 'items' failed to satisfy constraint: Member must have length greater than or equal to 1" },
        {
            """ "items": [{"id":"a"},{"id":"b"},{"id":"c"},{"id":"d"}] """,
            """Value '[{"id":"a"},{"id":"b"},{"id":"c"},{"id":"d"}]' at 'items' failed to satisfy constraint: Member must have length less than or equal to 3"""
        },
        { """ "items": [{"id": "a"}, {}] """, "Value null at 'items.2.member.id' failed to satisfy constraint: Member must not be null" },
        { """ "items": [{"id": "a"}, {"id": null}] """, "Value null at 'items.2.member.id' failed to satisfy constraint: Member must not be null" },
        { """ "items": [{"id": "a"}, null] """, "Value null at 'items.2.member' failed to satisfy constraint: Member must not be null" },
        { """ "items": [{"id": "a", "notes": ["x", null]}] """, "Value null at 'items.1.member.notes.2.member' failed to satisfy constraint: Member must not be null" },
        { """ "items": [{"id": "ABC"}] """, "Value 'ABC' at 'items.1.member.id' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z]+" },
        { """ "labels": {"a": "x"} """, "Value 'a' at 'labels' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length greater than or equal to 2]" },
        { """ "labels": {"abcde": "x"} """, "Value 'abcde' at 'labels' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 4]" },
        { """ "labels": {"AB": "x"} """, "Value 'AB' at 'labels' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-z]+]" },
        { """ "labels": {"ab": "X"} """, "Value 'X' at 'labels.ab' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z]+" },
        {
            """ "labels": {"ab":"x","cd":"y","ef":"z"} """,
            """Value '{"ab":"x","cd":"y","ef":"z"}' at 'labels' failed to satisfy constraint: Member must have length less than or equal to 2"""
        },
        { """ "node": {"next": {"next": {"value": 0}}} """, "Value '0' at 'node.next.next.value' failed to satisfy constraint: Member must have value greater than or equal to 1" },
        { """ "node": {"children": [{"value": 1}, {"value": 500}]} """, "Value '500' at 'node.children.2.member.value' failed to satisfy constraint: Member must have value less than or equal to 100" },
    };

    /// <summary>A member whose JSON type cannot be bound to its shape at all, and the SerializationException message.</summary>
    public static TheoryData<string, string> Unbindable => new()
    {
        { """ "count": "5" """, "STRING_VALUE can not be converted to an Integer at 'count'." },
        { """ "count": 1.5 """, "NUMBER_VALUE can not be converted to an Integer at 'count'." },
        { """ "count": 3000000000 """, "NUMBER_VALUE can not be converted to an Integer at 'count'." },
        { """ "count": true """, "BOOLEAN_VALUE can not be converted to an Integer at 'count'." },
        { """ "count": {} """, "START_OBJECT can not be converted to an Integer at 'count'." },
        { """ "size": [1] """, "START_ARRAY can not be converted to a Long at 'size'." },
        { """ "size": 1e30 """, "NUMBER_VALUE can not be converted to a Long at 'size'." },
        { """ "ratio": "0.7" """, "Unexpected value at 'ratio': expected a number." },
        { """ "weight": false """, "Unexpected value at 'weight': expected a number." },
        { """ "enabled": "true" """, "Unexpected value at 'enabled': expected a boolean." },
        { """ "enabled": 1 """, "Unexpected value at 'enabled': expected a boolean." },
        { """ "color": 5 """, "Unexpected value at 'color': expected a string." },
        { """ "items": {} """, "Unexpected value at 'items': expected a list." },
        { """ "items": ["a"] """, "Unexpected value at 'items.1.member': expected a structure." },
        { """ "items": [{"id": "a", "notes": [1]}] """, "Unexpected value at 'items.1.member.notes.1.member': expected a string." },
        { """ "labels": [] """, "Unexpected value at 'labels': expected a map." },
        { """ "labels": {"ab": 1} """, "Unexpected value at 'labels.ab': expected a string." },
        { """ "data": "not base64!" """, "Unexpected value at 'data': expected a base64 string." },
        { """ "data": 12 """, "Unexpected value at 'data': expected a base64 string." },
        { """ "when": "yesterday" """, "Unexpected value at 'when': expected a timestamp." },
        { """ "when": true """, "Unexpected value at 'when': expected a timestamp." },
        { """ "node": {"next": 1} """, "Unexpected value at 'node.next': expected a structure." },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Validate_ValueWithinConstraints_HasNoViolations(string member) =>
        Assert.Empty(Validate(PutThing, WithRequired(member)));

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Validate_ValueBreakingOneConstraint_ReportsItWithPath(string member, string expected)
    {
        var violations = Validate(PutThing, WithRequired(member));

        Assert.Equal(expected, Assert.Single(violations).ToString());
        Assert.Equal("1 validation error detected: " + expected, ShapeValidator.Describe(violations));
    }

    [Theory]
    [MemberData(nameof(Unbindable))]
    public void Validate_ValueOfWrongJsonType_ThrowsSerializationException(string member, string expected)
    {
        var error = Assert.Throws<AwsException>(() => Validate(PutThing, WithRequired(member)));

        Assert.Equal(("SerializationException", 400), (error.Code, error.StatusCode));
        Assert.Equal(expected, error.Message);
    }

    [Theory]
    [InlineData("""{}""", "2 validation errors detected: Value null at 'name' failed to satisfy constraint: Member must not be null; Value null at 'Alias' failed to satisfy constraint: Member must not be null")]
    [InlineData("""{"name": null, "Alias": "ok"}""", "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null")]
    [InlineData("""{"name": "ok", "alias": "ok"}""", "1 validation error detected: Value null at 'Alias' failed to satisfy constraint: Member must not be null")]
    [InlineData("""{"name": "abcdefghi", "Alias": "ok"}""", "1 validation error detected: Value 'abcdefghi' at 'name' failed to satisfy constraint: Member must have length less than or equal to 8")]
    [InlineData("""{"name": "", "Alias": "ok"}""", "2 validation errors detected: Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1; Value '' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z]+")]
    [InlineData("""{"name": "ok", "Alias": "ok", "count": 0, "color": "blue"}""", "2 validation errors detected: Value '0' at 'count' failed to satisfy constraint: Member must have value greater than or equal to 1; Value 'blue' at 'color' failed to satisfy constraint: Member must satisfy enum value set: [red, green]")]
    public void Validate_WholeRequest_CountsEveryViolation(string body, string expected) =>
        Assert.Equal(expected, ShapeValidator.Describe(Validate(PutThing, body)));

    [Theory]
    [InlineData("""{"name": "abcdefgh", "Alias": "a"}""")]
    [InlineData("""{"name": "ok", "Alias": "ok", "extra": null}""")]
    public void Validate_RequiredMembersPresent_HasNoViolations(string body) =>
        Assert.Empty(Validate(PutThing, body));

    [Fact]
    public void Validate_RootOfWrongType_ThrowsSerializationException()
    {
        var error = Assert.Throws<AwsException>(() => Validate(PutThing, "[]"));

        Assert.Equal("Unexpected value at '': expected a structure.", error.Message);
    }

    [Fact]
    public void Describe_MoreThanTenViolations_ListsTenAndCountsAll()
    {
        var violations = Enumerable.Range(1, 12).Select(i => new Violation($"m{i}", "null", "Member must not be null")).ToList();

        var message = ShapeValidator.Describe(violations);

        Assert.StartsWith("12 validation errors detected: Value null at 'm1' failed", message, StringComparison.Ordinal);
        Assert.Equal(10, message.Split("; ").Length);
        Assert.EndsWith("Value null at 'm10' failed to satisfy constraint: Member must not be null", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EcsRegisterTaskDefinitionWithoutContainers_NamesTheMissingMember()
    {
        var violations = Validate(TestModels.Ecs.Operations["RegisterTaskDefinition"].Input!, """{"family": "web"}""");

        Assert.Equal(
            "1 validation error detected: Value null at 'containerDefinitions' failed to satisfy constraint: Member must not be null",
            ShapeValidator.Describe(violations));
    }

    [Fact]
    public void Validate_EcsNestedContainerMembers_UseOneBasedMemberPaths()
    {
        const string body = """
            {
              "family": "web",
              "containerDefinitions": [
                {"name": "app", "image": "nginx", "healthCheck": {"interval": 5}},
                {"name": "sidecar", "image": "busybox", "dependsOn": [{"containerName": "app", "condition": "READY"}]}
              ]
            }
            """;

        var violations = Validate(TestModels.Ecs.Operations["RegisterTaskDefinition"].Input!, body);

        Assert.Equal(
            "2 validation errors detected: " +
            "Value null at 'containerDefinitions.1.member.healthCheck.command' failed to satisfy constraint: Member must not be null; " +
            "Value 'READY' at 'containerDefinitions.2.member.dependsOn.1.member.condition' failed to satisfy constraint: " +
            "Member must satisfy enum value set: [START, COMPLETE, SUCCESS, HEALTHY]",
            ShapeValidator.Describe(violations));
    }

    [Fact]
    public void Validate_EcsTagKeyTooLongAndValueOutsidePattern_ReportsBoth()
    {
        var key = new string('k', 129);
        var body = $$"""{"resourceArn": "arn:aws:ecs:us-east-1:123456789012:cluster/a", "tags": [{"key": "{{key}}", "value": "tab\there"}]}""";

        var violations = Validate(TestModels.Ecs.Operations["TagResource"].Input!, body);

        Assert.Equal(
            [
                $"Value '{key}' at 'tags.1.member.key' failed to satisfy constraint: Member must have length less than or equal to 128",
                "Value 'tab\there' at 'tags.1.member.value' failed to satisfy constraint: Member must satisfy regular expression pattern: ([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)",
            ],
            violations.Select(v => v.ToString()));
    }

    [Fact]
    public void Validate_EcsMoreThanFiftyTags_PrintsTheListCutAtHundredCharacters()
    {
        var tags = string.Join(",", Enumerable.Range(0, 51).Select(i => $$"""{"key":"k{{i}}","value":"v"}"""));
        var body = $$"""{"resourceArn": "arn:aws:ecs:us-east-1:123456789012:cluster/a", "tags": [{{tags}}]}""";

        var violation = Assert.Single(Validate(TestModels.Ecs.Operations["TagResource"].Input!, body));

        Assert.Equal("tags", violation.Path);
        Assert.Equal($"'[{tags}"[..101] + "...'", violation.Value);
        Assert.Equal("Member must have length less than or equal to 50", violation.Constraint);
    }

    private static IReadOnlyList<Violation> Validate(Shape shape, string json)
    {
        using var document = JsonDocument.Parse(json);
        return ShapeValidator.Validate(shape, document.RootElement);
    }

    private static string WithRequired(string member) => $$"""{"name": "ok", "Alias": "ok", {{member}}}""";
}
