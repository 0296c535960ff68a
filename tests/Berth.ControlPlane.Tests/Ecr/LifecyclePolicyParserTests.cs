using Berth.Aws.Protocol;
using Berth.ControlPlane.Ecr.Lifecycle;

namespace Berth.ControlPlane.Tests.Ecr;

/// <summary>Lifecycle policy validation: what ECR refuses, with its wording, and what a valid policy reads as.</summary>
public sealed class LifecyclePolicyParserTests
{
    public static TheoryData<string, string> Invalid => new()
    {
        { "not json", "Could not map policyString into LifecyclePolicy." },
        { "[]", "Could not map policyString into LifecyclePolicy." },
        { """{"rules":[]}""", "array is too short" },
        { """{"rules":[{"rulePriority":1}]}""", "object has missing required properties ([\"action\",\"selection\"])" },
        { """{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"},"extra":1}]}""", "not allowed by the schema: ([\"extra\"])" },
        { """{"rules":[{"rulePriority":0,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}""", "lower than the required minimum (minimum: 1, found: 0)" },
        { """{"rules":[{"rulePriority":1,"selection":{"tagStatus":"old","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}""", "instance value (\"old\") not found in enum" },
        { """{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":0},"action":{"type":"expire"}}]}""", "found: 0" },
        { """{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"sinceImagePushed","countNumber":3},"action":{"type":"expire"}}]}""", "missing required properties ([\"countUnit\"])" },
        { """{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"sinceImagePushed","countUnit":"hours","countNumber":3},"action":{"type":"expire"}}]}""", "instance value (\"hours\")" },
        { """{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countUnit":"days","countNumber":3},"action":{"type":"expire"}}]}""", "CountUnit must not be specified" },
        { """{"rules":[{"rulePriority":1,"selection":{"tagStatus":"tagged","countType":"imageCountMoreThan","countNumber":3},"action":{"type":"expire"}}]}""", "Must specify tagPrefixList or tagPatternList when tagStatus=TAGGED." },
        { """{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","tagPrefixList":["v"],"countType":"imageCountMoreThan","countNumber":3},"action":{"type":"expire"}}]}""", "only be specified when tagStatus=TAGGED" },
        { """{"rules":[{"rulePriority":1,"selection":{"tagStatus":"tagged","tagPatternList":["a*b*c*d*e*f"],"countType":"imageCountMoreThan","countNumber":3},"action":{"type":"expire"}}]}""", "Wildcard count exceeds limit of 4" },
        { """{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"transition"}}]}""", "instance value (\"transition\")" },
        { """{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}},{"rulePriority":1,"selection":{"tagStatus":"tagged","tagPrefixList":["v"],"countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}}]}""", "Rule priorities must be unique" },
        { """{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}},{"rulePriority":2,"selection":{"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":5},"action":{"type":"expire"}}]}""", "Only one rule can select Untagged images." },
        { """{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":1},"action":{"type":"expire"}},{"rulePriority":2,"selection":{"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":5},"action":{"type":"expire"}}]}""", "Rule for tagStatus=ANY must have the lowest priority" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Parse_Invalid_IsInvalidParameterInEcrsWords(string text, string detail)
    {
        var error = Assert.Throws<AwsException>(() => LifecyclePolicyParser.Parse(text));

        Assert.Equal("InvalidParameterException", error.Code);
        Assert.StartsWith("Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: ", error.Message);
        Assert.Contains(detail, error.Message);
    }

    [Fact]
    public void Parse_Valid_ReadsRulesInPriorityOrder()
    {
        var policy = LifecyclePolicyParser.Parse("""
            {"rules":[
              {"rulePriority":5,"description":"old","selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":10},"action":{"type":"expire"}},
              {"rulePriority":2,"selection":{"tagStatus":"tagged","tagPatternList":["v*"],"countType":"sinceImagePushed","countUnit":"days","countNumber":30},"action":{"type":"expire"}}]}
            """);

        Assert.Equal([2, 5], policy.Rules.Select(r => r.Priority));
        Assert.Equal((LifecycleTagStatus.Tagged, LifecycleCountType.SinceImagePushed, 30, "v*"),
            (policy.Rules[0].TagStatus, policy.Rules[0].CountType, policy.Rules[0].CountNumber, policy.Rules[0].TagPatterns.Single()));
        Assert.Equal((LifecycleTagStatus.Any, "old"), (policy.Rules[1].TagStatus, policy.Rules[1].Description));
    }

    [Theory]
    [InlineData("v*", "v1", true)]
    [InlineData("v*", "x1", false)]
    [InlineData("*-rc", "1.2-rc", true)]
    [InlineData("prod*rc", "prod-rc", true)]
    [InlineData("prod*rc", "prod-r", false)]
    [InlineData("a*b*a", "aba", true)]
    [InlineData("a*a", "a", false)]
    [InlineData("latest", "latest", true)]
    [InlineData("latest", "latest2", false)]
    [InlineData("*", "", true)]
    public void TagPattern_Matches(string pattern, string tag, bool expected) => Assert.Equal(expected, TagPattern.Matches(pattern, tag));
}
