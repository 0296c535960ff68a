using Berth.Aws.Protocol;
using Berth.ControlPlane.Ecr.Policies;

namespace Berth.ControlPlane.Tests.Ecr;

/// <summary>Repository policy documents: which ECR refuses, and what one says of a principal calling an action.</summary>
public sealed class RepositoryPolicyTests
{
    private const string Root = "arn:aws:iam::123456789012:root";
    private const string Instance = "arn:aws:sts::123456789012:assumed-role/berth-container-instance/i-0abc";
    private const string Other = "arn:aws:iam::210987654321:user/bob";

    public static TheoryData<string, string, string, PolicyDecision> Decisions => new()
    {
        { """{"Effect":"Deny","Principal":"*","Action":"ecr:*"}""", Root, "ecr:BatchGetImage", PolicyDecision.Deny },
        { """{"Effect":"Deny","Principal":"*","Action":"ecr:Put*"}""", Root, "ecr:BatchGetImage", PolicyDecision.NoOpinion },
        { """{"Effect":"Deny","Principal":"*","Action":"ecr:put*"}""", Root, "ecr:PutImage", PolicyDecision.Deny },
        { """{"Effect":"Deny","Principal":"*","Action":"ecr:BatchGet?mage"}""", Root, "ecr:BatchGetImage", PolicyDecision.Deny },
        { """{"Effect":"Deny","Principal":{"AWS":"123456789012"},"Action":"*"}""", Instance, "ecr:BatchGetImage", PolicyDecision.Deny },
        { """{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"*"}""", Instance, "ecr:PutImage", PolicyDecision.Deny },
        { """{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::123456789012:role/berth-container-instance"},"Action":"ecr:*"}""", Instance, "ecr:PutImage", PolicyDecision.Deny },
        { """{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::123456789012:role/berth-container-instance"},"Action":"ecr:*"}""", Root, "ecr:PutImage", PolicyDecision.NoOpinion },
        { """{"Effect":"Deny","Principal":{"AWS":["210987654321"]},"Action":"ecr:*"}""", Root, "ecr:PutImage", PolicyDecision.NoOpinion },
        { """{"Effect":"Allow","Principal":{"AWS":["210987654321"]},"Action":["ecr:BatchGetImage","ecr:GetDownloadUrlForLayer"]}""", Other, "ecr:BatchGetImage", PolicyDecision.Allow },
        { """{"Effect":"Allow","Principal":{"AWS":["210987654321"]},"Action":["ecr:BatchGetImage"]}""", Other, "ecr:PutImage", PolicyDecision.NoOpinion },
        { """[{"Effect":"Allow","Principal":"*","Action":"ecr:*"},{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::210987654321:user/bob"},"Action":"ecr:PutImage"}]""", Other, "ecr:PutImage", PolicyDecision.Deny },
    };

    [Theory]
    [MemberData(nameof(Decisions))]
    public void Evaluate_DenyWinsThenAllowElseNoOpinion(string statements, string principal, string action, PolicyDecision expected)
    {
        var policy = RepositoryPolicyParser.Parse($$"""{"Version":"2012-10-17","Statement":{{statements}}}""");

        Assert.Equal(expected, RepositoryPolicyEvaluator.Evaluate(policy, principal, action));
    }

    [Theory]
    [InlineData("{", "not a JSON object")]
    [InlineData("[]", "not a JSON object")]
    [InlineData("""{"Version":"2012-10-17"}""", "no Statement")]
    [InlineData("""{"Version":"2020-01-01","Statement":[]}""", "Version must be")]
    [InlineData("""{"Statement":[]}""", "Statement must not be empty")]
    [InlineData("""{"Statement":[{"Principal":"*","Action":"ecr:*"}]}""", "Statement[0] has no Effect")]
    [InlineData("""{"Statement":[{"Effect":"Maybe","Principal":"*","Action":"ecr:*"}]}""", "Effect must be Allow or Deny")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Action":"ecr:*"}]}""", "has no Principal")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{"AWS":"bob"},"Action":"ecr:*"}]}""", "Invalid principal 'bob'")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":{"Service":"ecs.amazonaws.com"},"Action":"ecr:*"}]}""", "AWS principals only")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*"}]}""", "has no Action")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}]}""", "'s3:GetObject' is not an ecr action")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":[]}]}""", "must be a non-empty string")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Principal":"*","Action":"ecr:*","Condition":{}}]}""", "Statement[0].Condition is not supported")]
    [InlineData("""{"Statement":[{"Sid":"a b","Effect":"Allow","Principal":"*","Action":"ecr:*"}]}""", "Sid must be letters and digits")]
    [InlineData("""{"Statement":[{"Sid":"A","Effect":"Allow","Principal":"*","Action":"ecr:*"},{"Sid":"A","Effect":"Deny","Principal":"*","Action":"ecr:*"}]}""", "Sid 'A' is used by more than one")]
    public void Parse_Invalid_IsInvalidParameter(string text, string detail)
    {
        var error = Assert.Throws<AwsException>(() => RepositoryPolicyParser.Parse(text));

        Assert.Equal("InvalidParameterException", error.Code);
        Assert.StartsWith("Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy provided", error.Message);
        Assert.Contains(detail, error.Message);
    }
}
