using Berth.Aws.Generated.Elbv2;
using Berth.Aws.Protocol;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Elb;

public sealed class TargetGroupHandlersTests : IAsyncLifetime
{
    private ElbHarness? harness;

    private ElbHarness Elb => harness ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync() => harness = await ElbHarness.OpenAsync();

    public async Task DisposeAsync() => await Elb.DisposeAsync();

    [Fact]
    public async Task CreateTargetGroup_Defaults_ElbV2HealthCheckAndAttributeDefaults()
    {
        var tg = await Elb.CreateTargetGroupAsync("blue", "instance", 80);
        var attributes = await Elb.TargetGroups.DescribeTargetGroupAttributes(
            Elb.Caller(), new DescribeTargetGroupAttributesInput { TargetGroupArn = tg.TargetGroupArn }, ElbHarness.None);

        Assert.Matches("^arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/blue/[0-9a-f]{16}$", tg.TargetGroupArn);
        Assert.Equal(("HTTP", "traffic-port", "/", true), (tg.HealthCheckProtocol, tg.HealthCheckPort, tg.HealthCheckPath, tg.HealthCheckEnabled));
        Assert.Equal((30, 5, 5, 2, "200"), (tg.HealthCheckIntervalSeconds, tg.HealthCheckTimeoutSeconds, tg.HealthyThresholdCount, tg.UnhealthyThresholdCount, tg.Matcher!.HttpCode));
        Assert.Equal(("instance", "vpc-berth", "HTTP1"), (tg.TargetType, tg.VpcId, tg.ProtocolVersion));
        Assert.Empty(tg.LoadBalancerArns!);
        var byKey = attributes.Attributes!.ToDictionary(a => a.Key!, a => a.Value);
        Assert.Equal("300", byKey["deregistration_delay.timeout_seconds"]);
        Assert.Equal("0", byKey["slow_start.duration_seconds"]);
        Assert.Equal("false", byKey["stickiness.enabled"]);
        Assert.Equal("86400", byKey["stickiness.lb_cookie.duration_seconds"]);
    }

    [Fact]
    public async Task CreateTargetGroup_IdenticalSettings_AnswersTheExistingGroup()
    {
        var first = await Elb.CreateTargetGroupAsync("blue");
        var second = await Elb.CreateTargetGroupAsync("blue");

        Assert.Equal(first.TargetGroupArn, second.TargetGroupArn);
    }

    [Fact]
    public async Task CreateTargetGroup_OtherSettings_DuplicateTargetGroupName()
    {
        await Elb.CreateTargetGroupAsync("blue", port: 8080);

        var e = await Assert.ThrowsAsync<AwsException>(() => Elb.CreateTargetGroupAsync("blue", port: 9090));

        Assert.Equal(("DuplicateTargetGroupName", "A target group with the same name 'blue' exists, but with different settings"), (e.Code, e.Message));
    }

    public static TheoryData<CreateTargetGroupInput> BadGroups => new()
    {
        new CreateTargetGroupInput { Name = "g", Protocol = "HTTP", Port = 80, HealthCheckIntervalSeconds = 10, HealthCheckTimeoutSeconds = 10 },
        new CreateTargetGroupInput { Name = "g", Protocol = "HTTP", Port = 80, Matcher = new Matcher { HttpCode = "500" } },
        new CreateTargetGroupInput { Name = "g", Protocol = "HTTP", Port = 80, Matcher = new Matcher { HttpCode = "299-200" } },
        new CreateTargetGroupInput { Name = "g", Protocol = "HTTP", Port = 80, HealthCheckPath = "health" },
        new CreateTargetGroupInput { Name = "g", Protocol = "HTTP", Port = 80, HealthCheckPort = "70000" },
        new CreateTargetGroupInput { Name = "g", Protocol = "TCP", Port = 80 },
        new CreateTargetGroupInput { Name = "g", Protocol = "HTTP" },
        new CreateTargetGroupInput { Name = "g", Protocol = "HTTP", Port = 80, TargetType = "lambda" },
        new CreateTargetGroupInput { Name = "g_1", Protocol = "HTTP", Port = 80 },
    };

    [Theory]
    [MemberData(nameof(BadGroups))]
    public async Task CreateTargetGroup_BadSettings_ValidationErrorAndNothingStored(CreateTargetGroupInput request)
    {
        var e = await Assert.ThrowsAsync<AwsException>(() => Elb.TargetGroups.CreateTargetGroup(Elb.Caller(), request, ElbHarness.None).AsTask());

        Assert.Equal("ValidationError", e.Code);
        Assert.Equal(0, await Elb.CountAsync());
    }

    [Theory]
    [InlineData("200")]
    [InlineData("200,202")]
    [InlineData("200-299")]
    [InlineData("200-299,404")]
    public void ValidMatcher_ElbV2Forms_Accepted(string code) => Assert.True(Berth.ControlPlane.Elb.TargetGroups.HealthCheckChange.ValidMatcher(code));

    [Fact]
    public async Task DescribeTargetGroups_LoadBalancerFilter_OnlyItsGroupsWithTheirLoadBalancers()
    {
        var lb = await Elb.CreateLoadBalancerAsync("web");
        var blue = await Elb.CreateTargetGroupAsync("blue");
        await Elb.CreateTargetGroupAsync("green");
        await Elb.CreateListenerAsync(lb.LoadBalancerArn!, 8080, ElbHarness.Forward(blue.TargetGroupArn!));

        var filtered = await Elb.TargetGroups.DescribeTargetGroups(Elb.Caller(), new DescribeTargetGroupsInput { LoadBalancerArn = lb.LoadBalancerArn }, ElbHarness.None);
        var all = await Elb.TargetGroups.DescribeTargetGroups(Elb.Caller(), new DescribeTargetGroupsInput(), ElbHarness.None);

        Assert.Equal(["blue"], filtered.TargetGroups!.Select(g => g.TargetGroupName));
        Assert.Equal([lb.LoadBalancerArn!], filtered.TargetGroups![0].LoadBalancerArns!);
        Assert.Equal(["blue", "green"], all.TargetGroups!.Select(g => g.TargetGroupName));
        Assert.Empty(all.TargetGroups![1].LoadBalancerArns!);
    }

    [Fact]
    public async Task DescribeTargetGroups_UnknownName_TargetGroupNotFound()
    {
        var e = await Assert.ThrowsAsync<AwsException>(() => Elb.TargetGroups.DescribeTargetGroups(
            Elb.Caller(), new DescribeTargetGroupsInput { Names = ["nope"] }, ElbHarness.None).AsTask());

        Assert.Equal(("TargetGroupNotFound", "One or more target groups not found"), (e.Code, e.Message));
    }

    [Fact]
    public async Task ModifyTargetGroup_ChangesOnlyTheGivenHealthCheckMembers()
    {
        var tg = await Elb.CreateTargetGroupAsync("blue");

        var modified = (await Elb.TargetGroups.ModifyTargetGroup(
            Elb.Caller(), new ModifyTargetGroupInput { TargetGroupArn = tg.TargetGroupArn, HealthCheckPath = "/health", Matcher = new Matcher { HttpCode = "200-399" } },
            ElbHarness.None)).TargetGroups![0];

        Assert.Equal(("/health", "200-399", 30), (modified.HealthCheckPath, modified.Matcher!.HttpCode, modified.HealthCheckIntervalSeconds));
    }

    [Fact]
    public async Task DeleteTargetGroup_InUse_ResourceInUseUntilTheListenerIsGone()
    {
        var lb = await Elb.CreateLoadBalancerAsync("web");
        var tg = await Elb.CreateTargetGroupAsync("blue");
        var listener = await Elb.CreateListenerAsync(lb.LoadBalancerArn!, 8080, ElbHarness.Forward(tg.TargetGroupArn!));

        var e = await Assert.ThrowsAsync<AwsException>(() => Elb.TargetGroups.DeleteTargetGroup(
            Elb.Caller(), new DeleteTargetGroupInput { TargetGroupArn = tg.TargetGroupArn }, ElbHarness.None).AsTask());
        await Elb.Listeners.DeleteListener(Elb.Caller(), new DeleteListenerInput { ListenerArn = listener.ListenerArn }, ElbHarness.None);
        await Elb.TargetGroups.DeleteTargetGroup(Elb.Caller(), new DeleteTargetGroupInput { TargetGroupArn = tg.TargetGroupArn }, ElbHarness.None);

        Assert.Equal(("ResourceInUse", $"Target group '{tg.TargetGroupArn}' is currently in use by a listener or a rule"), (e.Code, e.Message));
        Assert.Equal(1, await Elb.CountAsync());
    }

    [Theory]
    [InlineData("deregistration_delay.timeout_seconds", "3601")]
    [InlineData("slow_start.duration_seconds", "10")]
    [InlineData("stickiness.lb_cookie.duration_seconds", "0")]
    [InlineData("stickiness.type", "source_ip")]
    [InlineData("load_balancing.algorithm.type", "random")]
    public async Task ModifyTargetGroupAttributes_OutOfRange_ValidationError(string key, string value)
    {
        var tg = await Elb.CreateTargetGroupAsync("blue");

        var e = await Assert.ThrowsAsync<AwsException>(() => Elb.TargetGroups.ModifyTargetGroupAttributes(
            Elb.Caller(),
            new ModifyTargetGroupAttributesInput { TargetGroupArn = tg.TargetGroupArn, Attributes = [new TargetGroupAttribute { Key = key, Value = value }] },
            ElbHarness.None).AsTask());

        Assert.Equal("ValidationError", e.Code);
    }

    [Fact]
    public async Task ModifyTargetGroupAttributes_InRange_StoredAndEchoed()
    {
        var tg = await Elb.CreateTargetGroupAsync("blue");

        var output = await Elb.TargetGroups.ModifyTargetGroupAttributes(
            Elb.Caller(),
            new ModifyTargetGroupAttributesInput
            {
                TargetGroupArn = tg.TargetGroupArn,
                Attributes = [new TargetGroupAttribute { Key = "slow_start.duration_seconds", Value = "30" }, new TargetGroupAttribute { Key = "stickiness.enabled", Value = "true" }],
            },
            ElbHarness.None);
        var described = await Elb.TargetGroups.DescribeTargetGroupAttributes(
            Elb.Caller(), new DescribeTargetGroupAttributesInput { TargetGroupArn = tg.TargetGroupArn }, ElbHarness.None);

        Assert.Equal("30", output.Attributes!.Single(a => a.Key == "slow_start.duration_seconds").Value);
        Assert.Equal("true", described.Attributes!.Single(a => a.Key == "stickiness.enabled").Value);
    }
}
