using Berth.Aws.Generated.Elbv2;
using Berth.Aws.Protocol;
using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Elb;

public sealed class ElbTagHandlersTests : IAsyncLifetime
{
    private ElbHarness? harness;

    private ElbHarness Elb => harness ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync() => harness = await ElbHarness.OpenAsync();

    public async Task DisposeAsync() => await Elb.DisposeAsync();

    [Fact]
    public async Task AddTags_EveryKindOfResource_DescribedAndRemoved()
    {
        var lb = await Elb.CreateLoadBalancerAsync("web");
        var tg = await Elb.CreateTargetGroupAsync("blue");
        var listener = await Elb.CreateListenerAsync(lb.LoadBalancerArn!, 8080, ElbHarness.Forward(tg.TargetGroupArn!));
        var rule = await Elb.CreateRuleAsync(listener.ListenerArn!, 1, "/a", ElbHarness.Fixed("200"));
        string[] arns = [lb.LoadBalancerArn!, tg.TargetGroupArn!, listener.ListenerArn!, rule.RuleArn!];

        await Elb.Tags.AddTags(Elb.Caller(), new AddTagsInput { ResourceArns = [.. arns], Tags = [Tag("env", "prod"), Tag("team", "web")] }, ElbHarness.None);
        await Elb.Tags.RemoveTags(Elb.Caller(), new RemoveTagsInput { ResourceArns = [.. arns], TagKeys = ["team"] }, ElbHarness.None);
        var described = await Elb.Tags.DescribeTags(Elb.Caller(), new DescribeTagsInput { ResourceArns = [.. arns] }, ElbHarness.None);

        Assert.Equal(arns, described.TagDescriptions!.Select(d => d.ResourceArn));
        Assert.All(described.TagDescriptions!, d => Assert.Equal([("env", "prod")], d.Tags!.Select(t => (t.Key!, t.Value!))));
    }

    [Fact]
    public async Task CreateLoadBalancer_WithTags_Described()
    {
        var lb = (await Elb.LoadBalancers.CreateLoadBalancer(
            Elb.Caller(), new CreateLoadBalancerInput { Name = "web", Tags = [Tag("env", "dev")] }, ElbHarness.None)).LoadBalancers![0];

        var described = await Elb.Tags.DescribeTags(Elb.Caller(), new DescribeTagsInput { ResourceArns = [lb.LoadBalancerArn!] }, ElbHarness.None);

        Assert.Equal("dev", described.TagDescriptions![0].Tags!.Single(t => t.Key == "env").Value);
    }

    [Fact]
    public async Task AddTags_PastTheLimit_TooManyTagsAndNoneAdded()
    {
        var lb = await Elb.CreateLoadBalancerAsync("web");
        var tags = Enumerable.Range(0, 51).Select(i => Tag($"k{i}", "v")).ToList();

        var e = await Assert.ThrowsAsync<AwsException>(() => Elb.Tags.AddTags(
            Elb.Caller(), new AddTagsInput { ResourceArns = [lb.LoadBalancerArn!], Tags = tags }, ElbHarness.None).AsTask());
        var described = await Elb.Tags.DescribeTags(Elb.Caller(), new DescribeTagsInput { ResourceArns = [lb.LoadBalancerArn!] }, ElbHarness.None);

        Assert.Equal("TooManyTags", e.Code);
        Assert.Empty(described.TagDescriptions![0].Tags!);
    }

    [Fact]
    public async Task AddTags_OneResourceMissing_NothingTagged()
    {
        var lb = await Elb.CreateLoadBalancerAsync("web");
        var missing = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/nope/0123456789abcdef";

        var e = await Assert.ThrowsAsync<AwsException>(() => Elb.Tags.AddTags(
            Elb.Caller(), new AddTagsInput { ResourceArns = [lb.LoadBalancerArn!, missing], Tags = [Tag("env", "prod")] }, ElbHarness.None).AsTask());
        var described = await Elb.Tags.DescribeTags(Elb.Caller(), new DescribeTagsInput { ResourceArns = [lb.LoadBalancerArn!] }, ElbHarness.None);

        Assert.Equal("TargetGroupNotFound", e.Code);
        Assert.Empty(described.TagDescriptions![0].Tags!);
    }

    private static Tag Tag(string key, string value) => new() { Key = key, Value = value };
}
