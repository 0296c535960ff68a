using System.Globalization;
using Berth.EndToEnd.Tests.Infrastructure;

namespace Berth.EndToEnd.Tests.Elb;

/// <summary>The ELBv2 API through the real `aws elbv2` commands (the awsQuery protocol, XML answers).</summary>
public sealed class Elbv2ApiTests(BerthServerFixture fixture) : IClassFixture<BerthServerFixture>
{
    [Fact]
    public async Task AwsElbv2_LoadBalancerTargetGroupListenerRuleTargetsTags_ThenDeleted()
    {
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var lb = await fixture.AwsAsync("elbv2", "create-load-balancer", "--name", "e2e-web", "--subnets", "subnet-a", "subnet-b", "--tags", "Key=env,Value=e2e");
        string lbArn = string.Empty;
        lb.Verify(j =>
        {
            lbArn = j.Str("LoadBalancers.0.LoadBalancerArn")!;
            Assert.Matches("^arn:aws:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:loadbalancer/app/e2e-web/[0-9a-f]{16}$", lbArn);
            Assert.Matches(@"^e2e-web-\d{10}\.[a-z0-9-]+\.elb\.localhost$", j.Str("LoadBalancers.0.DNSName"));
            Assert.Equal("active", j.Str("LoadBalancers.0.State.Code"));
            Assert.Equal(2, j.Items("LoadBalancers.0.AvailabilityZones").Count);
        });

        var tg = await fixture.AwsAsync(
            "elbv2", "create-target-group", "--name", "e2e-blue", "--protocol", "HTTP", "--port", "8080", "--target-type", "ip",
            "--health-check-path", "/health", "--matcher", "HttpCode=200-299");
        string tgArn = string.Empty;
        tg.Verify(j =>
        {
            tgArn = j.Str("TargetGroups.0.TargetGroupArn")!;
            Assert.Equal(("/health", "200-299", 30), (j.Str("TargetGroups.0.HealthCheckPath"), j.Str("TargetGroups.0.Matcher.HttpCode"), j.Int("TargetGroups.0.HealthCheckIntervalSeconds")));
        });

        var listener = await fixture.AwsAsync(
            "elbv2", "create-listener", "--load-balancer-arn", lbArn, "--protocol", "HTTP", "--port", port,
            "--default-actions", $"Type=forward,TargetGroupArn={tgArn}");
        string listenerArn = string.Empty;
        listener.Verify(j =>
        {
            listenerArn = j.Str("Listeners.0.ListenerArn")!;
            Assert.Equal(tgArn, j.Str("Listeners.0.DefaultActions.0.ForwardConfig.TargetGroups.0.TargetGroupArn"));
        });

        var rule = await fixture.AwsAsync(
            "elbv2", "create-rule", "--listener-arn", listenerArn, "--priority", "10",
            "--conditions", """[{"Field":"path-pattern","PathPatternConfig":{"Values":["/api/*"]}}]""",
            "--actions", """[{"Type":"fixed-response","FixedResponseConfig":{"StatusCode":"404","ContentType":"text/plain","MessageBody":"none"}}]""");
        string ruleArn = string.Empty;
        rule.Verify(j => ruleArn = j.Str("Rules.0.RuleArn")!);
        (await fixture.AwsAsync("elbv2", "describe-rules", "--listener-arn", listenerArn))
            .Verify(j => Assert.Equal(["10", "default"], j.Items("Rules").Select(r => r.Str("Priority")!)));
        (await fixture.AwsAsync("elbv2", "describe-target-groups", "--load-balancer-arn", lbArn))
            .Verify(j => Assert.Equal([lbArn], j.Strings("TargetGroups.0.LoadBalancerArns")));

        (await fixture.AwsAsync("elbv2", "register-targets", "--target-group-arn", tgArn, "--targets", "Id=127.0.0.1,Port=9000")).AssertSuccess();
        (await fixture.AwsAsync("elbv2", "describe-target-health", "--target-group-arn", tgArn)).Verify(j =>
        {
            Assert.Equal(("127.0.0.1", 9000), (j.Str("TargetHealthDescriptions.0.Target.Id"), j.Int("TargetHealthDescriptions.0.Target.Port")));
            // Initial until a proxy has checked it; nothing listens on 9000, so a proxy's checks can only make it unhealthy.
            Assert.Contains(j.Str("TargetHealthDescriptions.0.TargetHealth.State"), new[] { "initial", "unhealthy" });
        });

        (await fixture.AwsAsync("elbv2", "add-tags", "--resource-arns", tgArn, ruleArn, "--tags", "Key=team,Value=web")).AssertSuccess();
        (await fixture.AwsAsync("elbv2", "describe-tags", "--resource-arns", lbArn, tgArn, ruleArn)).Verify(j =>
        {
            var tags = j.Items("TagDescriptions").Select(d => d.Items("Tags").ToDictionary(t => t.Str("Key")!, t => t.Str("Value")!)).ToList();
            Assert.Equal("e2e", tags[0]["env"]);
            Assert.Equal("web", tags[1]["team"]);
            Assert.Equal("web", tags[2]["team"]);
        });

        (await fixture.AwsAsync(
            "elbv2", "create-listener", "--load-balancer-arn", lbArn, "--protocol", "HTTP", "--port", port,
            "--default-actions", """[{"Type":"fixed-response","FixedResponseConfig":{"StatusCode":"503"}}]""")).AssertAwsError("DuplicateListener");
        (await fixture.AwsAsync("elbv2", "delete-target-group", "--target-group-arn", tgArn)).AssertAwsError("ResourceInUse");
        string otherArn = string.Empty;
        (await fixture.AwsAsync("elbv2", "create-load-balancer", "--name", "e2e-other", "--subnets", "subnet-a", "subnet-b"))
            .Verify(j => otherArn = j.Str("LoadBalancers.0.LoadBalancerArn")!);
        var taken = (await fixture.AwsAsync(
            "elbv2", "create-listener", "--load-balancer-arn", otherArn, "--protocol", "HTTP", "--port", FreePort.Next().ToString(CultureInfo.InvariantCulture),
            "--default-actions", $"Type=forward,TargetGroupArn={tgArn}")).AssertAwsError("TargetGroupAssociationLimit");
        Assert.Contains($"cannot be associated with more than one load balancer: {tgArn}", taken.Stderr, StringComparison.Ordinal);
        (await fixture.AwsAsync("elbv2", "delete-load-balancer", "--load-balancer-arn", otherArn)).AssertSuccess();
        (await fixture.AwsAsync("elbv2", "create-rule", "--listener-arn", listenerArn, "--priority", "10",
            "--conditions", "Field=path-pattern,Values=/other", "--actions", $"Type=forward,TargetGroupArn={tgArn}")).AssertAwsError("PriorityInUse");

        (await fixture.AwsAsync("elbv2", "delete-rule", "--rule-arn", ruleArn)).AssertSuccess();
        (await fixture.AwsAsync("elbv2", "delete-listener", "--listener-arn", listenerArn)).AssertSuccess();
        (await fixture.AwsAsync("elbv2", "delete-target-group", "--target-group-arn", tgArn)).AssertSuccess();
        (await fixture.AwsAsync("elbv2", "delete-load-balancer", "--load-balancer-arn", lbArn)).AssertSuccess();
        (await fixture.AwsAsync("elbv2", "describe-load-balancers", "--names", "e2e-web")).AssertAwsError("LoadBalancerNotFound");
    }

    [Fact]
    public async Task AwsElbv2_BadInput_AnswersAwsErrors()
    {
        (await fixture.AwsAsync("elbv2", "describe-target-groups", "--names", "e2e-missing")).AssertAwsError("TargetGroupNotFound");
        (await fixture.AwsAsync("elbv2", "create-target-group", "--name", "e2e-bad", "--protocol", "HTTP", "--port", "80",
            "--health-check-interval-seconds", "10", "--health-check-timeout-seconds", "10")).AssertAwsError("ValidationError");
        (await fixture.AwsAsync("elbv2", "describe-listeners", "--load-balancer-arn", "not-an-arn")).AssertAwsError("ValidationError");
        var instance = await fixture.AwsAsync("elbv2", "create-target-group", "--name", "e2e-instances", "--protocol", "HTTP", "--port", "80");
        string arn = string.Empty;
        instance.Verify(j => arn = j.Str("TargetGroups.0.TargetGroupArn")!);
        var invalid = (await fixture.AwsAsync("elbv2", "register-targets", "--target-group-arn", arn, "--targets", "Id=i-0123456789abcdef0")).AssertAwsError("InvalidTarget");
        Assert.Contains("The following targets are not valid instances: 'i-0123456789abcdef0'", invalid.Stderr, StringComparison.Ordinal);
        (await fixture.AwsAsync("elbv2", "delete-target-group", "--target-group-arn", arn)).AssertSuccess();
    }
}
