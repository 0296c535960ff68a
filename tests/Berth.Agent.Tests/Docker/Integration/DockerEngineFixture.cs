using Berth.Agent.Docker;

namespace Berth.Agent.Tests.Docker.Integration;

/// <summary>The real engine on this machine (DOCKER_HOST or /var/run/docker.sock). ./test.sh starts it and builds
/// the test image first; when either is missing every test of the collection fails with a message saying what to run.</summary>
public sealed class DockerEngineFixture : IAsyncLifetime
{
    public const string TestImage = "berth-test/busybox:latest";

    public DockerClient Client { get; } = new(DockerClientOptions.FromEnvironment());

    public DockerEngineInfo Engine { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            Engine = await Client.GetEngineInfoAsync(deadline.Token);
        }
        catch (Exception e) when (e is DockerException or OperationCanceledException)
        {
            throw new InvalidOperationException(
                $"The Docker Engine is not answering: {e.Message} — start it with scripts/ensure-docker.sh (./test.sh does) and run the tests again.", e);
        }

        if (await Client.InspectImageAsync(TestImage, deadline.Token) is null)
        {
            throw new InvalidOperationException($"The test image {TestImage} is missing — build it with scripts/ensure-test-image.sh (./test.sh does).");
        }
    }

    public Task DisposeAsync()
    {
        Client.Dispose();
        return Task.CompletedTask;
    }
}
