using System.Text;
using Berth.Agent.Docker;
using Berth.Agent.Docker.Internal;

namespace Berth.Agent.Tests.Docker.Integration;

/// <summary>Pulls by the real engine from <see cref="LoopbackRegistry"/>. Every image gets a unique repository name
/// and is removed from the engine afterwards.</summary>
[Collection(DockerEngineCollection.Name)]
public sealed class RegistryPullIntegrationTests(DockerEngineFixture engine) : IAsyncLifetime
{
    private readonly DockerClient docker = engine.Client;
    private readonly string run = "berth-test-" + Guid.NewGuid().ToString("N")[..10];
    private readonly List<string> pulled = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        using var handler = UnixSocketHandler.Create(DockerClientOptions.FromEnvironment().SocketPath);
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://docker/") };
        foreach (var image in pulled)
        {
            using var _ = await http.DeleteAsync($"/v1.41/images/{image}?force=1");
        }
    }

    [Fact]
    public async Task Pull_FromRegistry_ReportsProgress_AndTheImageIsThenPresent()
    {
        using var deadline = Deadline.After(60);
        await using var registry = new LoopbackRegistry();
        var digest = registry.AddImage(run + "-good");
        var image = Track($"{registry.Host}/{run}-good:1");
        var progress = new ListProgress();

        await docker.PullImageAsync(image, auth: null, progress, deadline.Token);

        // Per-layer lines arrive for every pull; "Downloading" with byte counts only when the engine samples the
        // transfer mid-way, which it may skip for a layer this small, so it is not asserted.
        Assert.Contains(progress.Reports, p => p.Status == "Pull complete" && !string.IsNullOrEmpty(p.Id));
        Assert.Equal($"Status: Downloaded newer image for {image}", progress.Reports[^1].Status);
        var present = await docker.InspectImageAsync(image, deadline.Token);
        Assert.Contains(image, present!.RepoTags);
        Assert.Contains($"{registry.Host}/{run}-good@{digest}", present.RepoDigests);
    }

    [Fact]
    public async Task Pull_RegistryRequiringAuth_GetsTheCredentialsOfXRegistryAuth()
    {
        using var deadline = Deadline.After(60);
        await using var registry = new LoopbackRegistry("berth", "s3cret/+=");
        registry.AddImage(run + "-good");
        var image = Track($"{registry.Host}/{run}-good:1");

        var refused = await Assert.ThrowsAsync<DockerPullException>(() => docker.PullImageAsync(image, auth: null, progress: null, deadline.Token));
        await docker.PullImageAsync(image, new RegistryAuth { Username = "berth", Password = "s3cret/+=", ServerAddress = registry.Host }, progress: null, deadline.Token);

        Assert.Equal(PullFailure.AccessDenied, refused.Failure);
        Assert.Contains(image, refused.Message, StringComparison.Ordinal);
        Assert.Contains("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("berth:s3cret/+=")), registry.Authorizations);
        Assert.NotNull(await docker.InspectImageAsync(image, deadline.Token));
    }

    [Fact]
    public async Task Pull_LayerFailingVerification_FailsMidStream()
    {
        using var deadline = Deadline.After(60);
        await using var registry = new LoopbackRegistry();
        registry.AddImage(run + "-broken", corruptLayer: true);
        var image = Track($"{registry.Host}/{run}-broken:1");
        var progress = new ListProgress();

        var error = await Assert.ThrowsAsync<DockerPullException>(() => docker.PullImageAsync(image, auth: null, progress, deadline.Token));

        Assert.Null(error.StatusCode);
        Assert.Equal(PullFailure.Other, error.Failure);
        Assert.StartsWith($"pull image {image}: filesystem layer verification failed for digest sha256:", error.Message, StringComparison.Ordinal);
        Assert.Contains(progress.Reports, p => p.Status == "Pulling fs layer");
    }

    [Fact]
    public async Task Pull_UnknownTag_IsImageNotFound()
    {
        using var deadline = Deadline.After(60);
        await using var registry = new LoopbackRegistry();
        var image = $"{registry.Host}/{run}-missing:1";

        var error = await Assert.ThrowsAsync<DockerPullException>(() => docker.PullImageAsync(image, auth: null, progress: null, deadline.Token));

        Assert.Equal($"pull image {image}: manifest for {image} not found: manifest unknown: manifest unknown", error.Message);
        Assert.Equal(PullFailure.ImageNotFound, error.Failure);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.StatusCode);
    }

    private string Track(string image)
    {
        pulled.Add(image);
        return image;
    }

    private sealed class ListProgress : IProgress<PullProgress>
    {
        public List<PullProgress> Reports { get; } = [];

        public void Report(PullProgress value)
        {
            lock (Reports)
            {
                Reports.Add(value);
            }
        }
    }
}
