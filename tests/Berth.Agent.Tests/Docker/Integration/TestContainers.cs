using System.Collections.Immutable;
using Berth.Agent.Docker;

namespace Berth.Agent.Tests.Docker.Integration;

/// <summary>The containers of one test: a unique name prefix, labels <c>berth.test=1</c> and
/// <c>berth.test.run=&lt;prefix&gt;</c>, and a cleanup that force-removes everything carrying that label — including
/// containers whose create or start failed half-way.</summary>
internal sealed class TestContainers(IDockerClient docker) : IAsyncDisposable
{
    public string Prefix { get; } = "berth-test-" + Guid.NewGuid().ToString("N")[..10];

    public LabelFilter RunLabel => new("berth.test.run", Prefix);

    public ContainerSpec Spec(string name, params string[] command) => new()
    {
        Name = Prefix + "-" + name,
        Image = DockerEngineFixture.TestImage,
        Command = command.Length == 0 ? null : command,
        Labels = ImmutableDictionary<string, string>.Empty.Add("berth.test", "1").Add("berth.test.run", Prefix),
    };

    /// <summary>Create and start; returns the id.</summary>
    public async Task<string> RunAsync(ContainerSpec spec, CancellationToken cancellationToken)
    {
        var created = await docker.CreateContainerAsync(spec, cancellationToken);
        await docker.StartContainerAsync(created.Id, cancellationToken);
        return created.Id;
    }

    public async ValueTask DisposeAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        foreach (var container in await docker.ListContainersAsync([RunLabel], deadline.Token))
        {
            try
            {
                await docker.RemoveContainerAsync(container.Id, force: true, removeVolumes: true, deadline.Token);
            }
            catch (DockerNotFoundException)
            {
                // Removed by the test itself meanwhile.
            }
        }
    }
}
