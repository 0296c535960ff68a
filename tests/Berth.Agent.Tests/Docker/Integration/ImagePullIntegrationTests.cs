using System.Diagnostics;
using Berth.Agent.Docker;

namespace Berth.Agent.Tests.Docker.Integration;

[Collection(DockerEngineCollection.Name)]
public sealed class ImagePullIntegrationTests(DockerEngineFixture engine)
{
    private readonly DockerClient docker = engine.Client;

    /// <summary>No registry is reachable from this machine: the engine fails at its first DNS lookup, within
    /// milliseconds ("Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup registry-1.docker.io ...: no such
    /// host", HTTP 500). With internet access Docker Hub would answer "pull access denied" instead; either way the
    /// message names the image and it does not wait for a timeout.</summary>
    [Fact]
    public async Task Pull_NonexistentImage_FailsFastWithTheImageInTheMessage()
    {
        using var deadline = Deadline.After(60);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<DockerPullException>(() =>
            docker.PullImageAsync("berth-test/does-not-exist:1", auth: null, progress: null, deadline.Token));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(15));
        Assert.StartsWith("pull image berth-test/does-not-exist:1: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(error.Failure, new[] { PullFailure.RegistryUnreachable, PullFailure.AccessDenied, PullFailure.ImageNotFound });
        Assert.NotNull(error.StatusCode);
    }

    [Fact]
    public async Task InspectImage_TestImageIsPresent_MissingIsNull()
    {
        using var deadline = Deadline.After(30);

        var present = await docker.InspectImageAsync(DockerEngineFixture.TestImage, deadline.Token);
        var missing = await docker.InspectImageAsync("berth-test/does-not-exist:1", deadline.Token);

        Assert.Contains(DockerEngineFixture.TestImage, present!.RepoTags);
        Assert.StartsWith("sha256:", present.Id, StringComparison.Ordinal);
        Assert.Null(missing);
    }
}
