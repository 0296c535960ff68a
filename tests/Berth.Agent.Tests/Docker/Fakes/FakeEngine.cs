using Berth.Agent.Docker;

namespace Berth.Agent.Tests.Docker.Fakes;

internal static class FakeEngine
{
    public static DockerClient Client(RecordedDockerHandler handler, DockerClientOptions? options = null) =>
        new(options ?? new DockerClientOptions(), handler, timeProvider: null);
}
