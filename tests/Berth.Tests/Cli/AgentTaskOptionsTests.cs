using Berth.Agent.Tasks;
using Berth.Cli;

namespace Berth.Tests.Cli;

/// <summary>The task settings <c>agent</c> and <c>up</c> take from the command line: the image pull behaviour by
/// ECS_IMAGE_PULL_BEHAVIOR's names, the host's copy preferred when none is given.</summary>
public sealed class AgentTaskOptionsTests
{
    private static readonly HashSet<string> NoFlags = [];

    [Theory]
    [InlineData("default", ImagePullBehavior.Default)]
    [InlineData("always", ImagePullBehavior.Always)]
    [InlineData("prefer-cached", ImagePullBehavior.PreferCached)]
    public void ImagePullBehavior_ByItsEcsName(string name, ImagePullBehavior expected) =>
        Assert.Equal(expected, AgentCommand.TaskOptions(CommandLine.Parse(["agent", "--image-pull-behavior", name], NoFlags)).PullBehavior);

    [Fact]
    public void ImagePullBehavior_NotGiven_PrefersTheHostsCopy() =>
        Assert.Equal(ImagePullBehavior.PreferCached, AgentCommand.TaskOptions(CommandLine.Parse(["agent"], NoFlags)).PullBehavior);

    [Fact]
    public void ImagePullBehavior_Unknown_IsAUsageErrorListingTheNames()
    {
        var e = Assert.Throws<UsageException>(() => AgentCommand.TaskOptions(CommandLine.Parse(["agent", "--image-pull-behavior", "once"], NoFlags)));

        Assert.Equal("--image-pull-behavior is one of default, always, prefer-cached", e.Message);
    }
}
