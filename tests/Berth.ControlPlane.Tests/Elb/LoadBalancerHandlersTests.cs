using System.Text.RegularExpressions;
using Berth.Aws.Generated.Elbv2;
using Berth.Aws.Protocol;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Elb;

public sealed class LoadBalancerHandlersTests : IAsyncLifetime
{
    private ElbHarness? harness;

    private ElbHarness Elb => harness ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync() => harness = await ElbHarness.OpenAsync();

    public async Task DisposeAsync() => await Elb.DisposeAsync();

    [Fact]
    public async Task CreateLoadBalancer_Defaults_ActiveApplicationLoadBalancerWithLocalDnsName()
    {
        var lb = await Elb.CreateLoadBalancerAsync("web");

        Assert.Matches(new Regex("^arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/[0-9a-f]{16}$"), lb.LoadBalancerArn!);
        Assert.Matches(new Regex(@"^web-\d{10}\.us-east-1\.elb\.localhost$"), lb.DNSName!);
        Assert.Equal(("active", "application", "internet-facing", "vpc-berth", "ipv4"), (lb.State!.Code, lb.Type, lb.Scheme, lb.VpcId, lb.IpAddressType));
        Assert.Equal(("us-east-1a", "subnet-berth"), (lb.AvailabilityZones![0].ZoneName, lb.AvailabilityZones[0].SubnetId));
        Assert.Equal(ElbHarness.Start, lb.CreatedTime);
    }

    [Fact]
    public async Task CreateLoadBalancer_InternalWithSubnets_OneZonePerSubnetAndInternalDnsName()
    {
        var lb = (await Elb.LoadBalancers.CreateLoadBalancer(
            Elb.Caller(), new CreateLoadBalancerInput { Name = "api", Scheme = "internal", Subnets = ["subnet-1", "subnet-2"], SecurityGroups = ["sg-1"] },
            ElbHarness.None)).LoadBalancers![0];

        Assert.StartsWith("internal-api-", lb.DNSName);
        Assert.Equal(["us-east-1a", "us-east-1b"], lb.AvailabilityZones!.Select(z => z.ZoneName));
        Assert.Equal(["sg-1"], lb.SecurityGroups!);
    }

    [Fact]
    public async Task CreateLoadBalancer_SameNameSameSettings_AnswersTheExistingOne()
    {
        var first = await Elb.CreateLoadBalancerAsync("web");
        var second = await Elb.CreateLoadBalancerAsync("web");

        Assert.Equal(first.LoadBalancerArn, second.LoadBalancerArn);
        Assert.Equal(1, await Elb.CountAsync());
    }

    [Fact]
    public async Task CreateLoadBalancer_SameNameOtherSettings_DuplicateLoadBalancerName()
    {
        await Elb.CreateLoadBalancerAsync("web");

        var e = await Assert.ThrowsAsync<AwsException>(() => Elb.LoadBalancers.CreateLoadBalancer(
            Elb.Caller(), new CreateLoadBalancerInput { Name = "web", Scheme = "internal" }, ElbHarness.None).AsTask());

        Assert.Equal(("DuplicateLoadBalancerName", "A load balancer with the same name 'web' exists, but with different settings"), (e.Code, e.Message));
    }

    [Theory]
    [InlineData("-web")]
    [InlineData("web_1")]
    [InlineData("internal-web")]
    [InlineData("abcdefghijabcdefghijabcdefghijabc")]
    public async Task CreateLoadBalancer_BadName_ValidationErrorAndNothingStored(string name)
    {
        var e = await Assert.ThrowsAsync<AwsException>(() => Elb.LoadBalancers.CreateLoadBalancer(
            Elb.Caller(), new CreateLoadBalancerInput { Name = name }, ElbHarness.None).AsTask());

        Assert.Equal("ValidationError", e.Code);
        Assert.Equal(0, await Elb.CountAsync());
    }

    [Fact]
    public async Task CreateLoadBalancer_NetworkType_ValidationError()
    {
        var e = await Assert.ThrowsAsync<AwsException>(() => Elb.LoadBalancers.CreateLoadBalancer(
            Elb.Caller(), new CreateLoadBalancerInput { Name = "nlb", Type = "network" }, ElbHarness.None).AsTask());

        Assert.Equal("ValidationError", e.Code);
    }

    [Fact]
    public async Task DescribeLoadBalancers_Pages_EveryLoadBalancerOnceInNameOrder()
    {
        foreach (var name in new[] { "e", "a", "d", "b", "c" })
        {
            await Elb.CreateLoadBalancerAsync(name);
        }

        var seen = new List<string>();
        string? marker = null;
        do
        {
            var page = await Elb.LoadBalancers.DescribeLoadBalancers(Elb.Caller(), new DescribeLoadBalancersInput { PageSize = 2, Marker = marker }, ElbHarness.None);
            Assert.True(page.LoadBalancers!.Count <= 2);
            seen.AddRange(page.LoadBalancers.Select(l => l.LoadBalancerName!));
            marker = page.NextMarker;
        }
        while (marker is not null);

        Assert.Equal(["a", "b", "c", "d", "e"], seen);
    }

    [Fact]
    public async Task DescribeLoadBalancers_UnknownNameOrArn_LoadBalancerNotFound()
    {
        var lb = await Elb.CreateLoadBalancerAsync("web");

        var byName = await Assert.ThrowsAsync<AwsException>(() => Elb.LoadBalancers.DescribeLoadBalancers(
            Elb.Caller(), new DescribeLoadBalancersInput { Names = ["web", "nope"] }, ElbHarness.None).AsTask());
        var byArn = await Assert.ThrowsAsync<AwsException>(() => Elb.LoadBalancers.DescribeLoadBalancers(
            Elb.Caller(), new DescribeLoadBalancersInput { LoadBalancerArns = [lb.LoadBalancerArn!.Replace("/web/", "/other/")] }, ElbHarness.None).AsTask());
        var malformed = await Assert.ThrowsAsync<AwsException>(() => Elb.LoadBalancers.DescribeLoadBalancers(
            Elb.Caller(), new DescribeLoadBalancersInput { LoadBalancerArns = ["web"] }, ElbHarness.None).AsTask());

        Assert.Equal(("LoadBalancerNotFound", "One or more load balancers not found"), (byName.Code, byName.Message));
        Assert.Equal("LoadBalancerNotFound", byArn.Code);
        Assert.Equal(("ValidationError", "'web' is not a valid load balancer ARN"), (malformed.Code, malformed.Message));
    }

    [Fact]
    public async Task DeleteLoadBalancer_WithListenersAndRules_DeletesThemAllButNotTheTargetGroup()
    {
        var lb = await Elb.CreateLoadBalancerAsync("web");
        var tg = await Elb.CreateTargetGroupAsync("blue");
        var listener = await Elb.CreateListenerAsync(lb.LoadBalancerArn!, 8080, ElbHarness.Forward(tg.TargetGroupArn!));
        await Elb.CreateRuleAsync(listener.ListenerArn!, 10, "/api/*", ElbHarness.Fixed("404"));

        await Elb.LoadBalancers.DeleteLoadBalancer(Elb.Caller(), new DeleteLoadBalancerInput { LoadBalancerArn = lb.LoadBalancerArn }, ElbHarness.None);

        Assert.Equal(1, await Elb.CountAsync());
        await Elb.TargetGroups.DeleteTargetGroup(Elb.Caller(), new DeleteTargetGroupInput { TargetGroupArn = tg.TargetGroupArn }, ElbHarness.None);
        Assert.Equal(0, await Elb.CountAsync());
    }

    [Fact]
    public async Task DeleteLoadBalancer_Missing_Succeeds()
    {
        var lb = await Elb.CreateLoadBalancerAsync("web");
        await Elb.LoadBalancers.DeleteLoadBalancer(Elb.Caller(), new DeleteLoadBalancerInput { LoadBalancerArn = lb.LoadBalancerArn }, ElbHarness.None);

        await Elb.LoadBalancers.DeleteLoadBalancer(Elb.Caller(), new DeleteLoadBalancerInput { LoadBalancerArn = lb.LoadBalancerArn }, ElbHarness.None);

        Assert.Equal(0, await Elb.CountAsync());
    }

    [Fact]
    public async Task DeleteLoadBalancer_DeletionProtection_OperationNotPermittedUntilTurnedOff()
    {
        var lb = await Elb.CreateLoadBalancerAsync("web");
        await SetAttributeAsync(lb.LoadBalancerArn!, "deletion_protection.enabled", "true");

        var e = await Assert.ThrowsAsync<AwsException>(() => Elb.LoadBalancers.DeleteLoadBalancer(
            Elb.Caller(), new DeleteLoadBalancerInput { LoadBalancerArn = lb.LoadBalancerArn }, ElbHarness.None).AsTask());
        await SetAttributeAsync(lb.LoadBalancerArn!, "deletion_protection.enabled", "false");
        await Elb.LoadBalancers.DeleteLoadBalancer(Elb.Caller(), new DeleteLoadBalancerInput { LoadBalancerArn = lb.LoadBalancerArn }, ElbHarness.None);

        Assert.Equal("OperationNotPermitted", e.Code);
        Assert.Equal(0, await Elb.CountAsync());
    }

    [Fact]
    public async Task LoadBalancerAttributes_DefaultsThenChangedOnesEchoed()
    {
        var lb = await Elb.CreateLoadBalancerAsync("web");

        var before = await Elb.LoadBalancers.DescribeLoadBalancerAttributes(
            Elb.Caller(), new DescribeLoadBalancerAttributesInput { LoadBalancerArn = lb.LoadBalancerArn }, ElbHarness.None);
        var after = await SetAttributeAsync(lb.LoadBalancerArn!, "idle_timeout.timeout_seconds", "120");

        Assert.Equal("60", before.Attributes!.Single(a => a.Key == "idle_timeout.timeout_seconds").Value);
        Assert.Equal("true", before.Attributes!.Single(a => a.Key == "routing.http2.enabled").Value);
        Assert.Equal("120", after.Attributes!.Single(a => a.Key == "idle_timeout.timeout_seconds").Value);
    }

    [Theory]
    [InlineData("idle_timeout.timeout_seconds", "0")]
    [InlineData("idle_timeout.timeout_seconds", "4001")]
    [InlineData("deletion_protection.enabled", "yes")]
    [InlineData("access_logs.s3.bucket", "logs")]
    public async Task ModifyLoadBalancerAttributes_BadKeyOrValue_ValidationErrorAndNothingChanged(string key, string value)
    {
        var lb = await Elb.CreateLoadBalancerAsync("web");

        var e = await Assert.ThrowsAsync<AwsException>(() => SetAttributeAsync(lb.LoadBalancerArn!, key, value));
        var now = await Elb.LoadBalancers.DescribeLoadBalancerAttributes(
            Elb.Caller(), new DescribeLoadBalancerAttributesInput { LoadBalancerArn = lb.LoadBalancerArn }, ElbHarness.None);

        Assert.Equal("ValidationError", e.Code);
        Assert.Equal("60", now.Attributes!.Single(a => a.Key == "idle_timeout.timeout_seconds").Value);
    }

    private async Task<ModifyLoadBalancerAttributesOutput> SetAttributeAsync(string arn, string key, string value) =>
        await Elb.LoadBalancers.ModifyLoadBalancerAttributes(
            Elb.Caller(),
            new ModifyLoadBalancerAttributesInput { LoadBalancerArn = arn, Attributes = [new LoadBalancerAttribute { Key = key, Value = value }] },
            ElbHarness.None);
}
