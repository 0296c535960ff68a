using Berth.Aws.Generated.Elbv2;
using Berth.Aws.Protocol;
using Berth.ControlPlane.Elb.Rules;

namespace Berth.ControlPlane.Tests.Elb;

public sealed class ConditionReaderTests
{
    public static TheoryData<RuleCondition[]> Invalid => new()
    {
        Array.Empty<RuleCondition>(),
        new[] { new RuleCondition { Field = "cookie", Values = ["a"] } },
        new[] { new RuleCondition { Field = "path-pattern" } },
        new[] { new RuleCondition { Field = "path-pattern", Values = ["/a b"] } },
        new[] { new RuleCondition { Field = "path-pattern", Values = [new string('a', 129)] } },
        new[] { new RuleCondition { Field = "path-pattern", Values = ["/a"], PathPatternConfig = new PathPatternConditionConfig { Values = ["/b"] } } },
        new[] { new RuleCondition { Field = "path-pattern", Values = ["/a"] }, new RuleCondition { Field = "path-pattern", Values = ["/b"] } },
        new[] { new RuleCondition { Field = "path-pattern", Values = ["/1", "/2", "/3"] }, new RuleCondition { Field = "host-header", Values = ["a", "b", "c"] } },
        new[] { new RuleCondition { Field = "host-header", Values = ["exa mple.com"] } },
        new[] { new RuleCondition { Field = "http-header", Values = ["x"] } },
        new[] { new RuleCondition { Field = "http-header", HttpHeaderConfig = new HttpHeaderConditionConfig { HttpHeaderName = "X Bad", Values = ["v"] } } },
        new[] { new RuleCondition { Field = "query-string", QueryStringConfig = new QueryStringConditionConfig { Values = [new QueryStringKeyValuePair { Key = "k" }] } } },
        new[] { new RuleCondition { Field = "http-request-method", HttpRequestMethodConfig = new HttpRequestMethodConditionConfig { Values = ["get"] } } },
        new[] { new RuleCondition { Field = "source-ip", SourceIpConfig = new SourceIpConditionConfig { Values = ["10.0.0.0/33"] } } },
        new[] { new RuleCondition { Field = "path-pattern", PathPatternConfig = new PathPatternConditionConfig { RegexValues = ["^/a$"] } } },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Read_AgainstElbV2Rules_ValidationError(RuleCondition[] conditions)
    {
        var e = Assert.Throws<AwsException>(() => ConditionReader.Read([.. conditions]));

        Assert.Equal("ValidationError", e.Code);
    }

    [Fact]
    public void Read_EveryFieldWithinLimits_Accepted()
    {
        var read = ConditionReader.Read([
            new RuleCondition { Field = "host-header", HostHeaderConfig = new HostHeaderConditionConfig { Values = ["*.example.com"] } },
            new RuleCondition { Field = "http-header", HttpHeaderConfig = new HttpHeaderConditionConfig { HttpHeaderName = "X-Env", Values = ["blue"] } },
            new RuleCondition { Field = "query-string", QueryStringConfig = new QueryStringConditionConfig { Values = [new QueryStringKeyValuePair { Value = "v" }] } },
            new RuleCondition { Field = "http-request-method", HttpRequestMethodConfig = new HttpRequestMethodConditionConfig { Values = ["GET"] } },
            new RuleCondition { Field = "source-ip", SourceIpConfig = new SourceIpConditionConfig { Values = ["10.0.0.0/8"] } },
        ]);

        Assert.Equal(["*.example.com"], read[0].Values!);
        Assert.Equal(5, read.Count);
    }

    [Fact]
    public void Read_TwoHttpHeaderConditions_Allowed()
    {
        var read = ConditionReader.Read([
            new RuleCondition { Field = "http-header", HttpHeaderConfig = new HttpHeaderConditionConfig { HttpHeaderName = "A", Values = ["1"] } },
            new RuleCondition { Field = "http-header", HttpHeaderConfig = new HttpHeaderConditionConfig { HttpHeaderName = "B", Values = ["2"] } },
        ]);

        Assert.Equal(2, read.Count);
    }
}
