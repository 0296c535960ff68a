using Berth.Agent.Docker;
using Berth.Agent.Tasks;

namespace Berth.Agent.Tests.Tasks;

/// <summary>Answers every image with <see cref="Answer"/> (or throws <see cref="Failure"/>) and records which images were asked for.</summary>
internal sealed class FakeRegistryCredentials : IRegistryCredentialSource
{
    public RegistryAuth? Answer { get; init; } = new() { Username = "AWS", Password = "secret", ServerAddress = "127.0.0.1:9400" };

    public Exception? Failure { get; init; }

    public List<string> Asked { get; } = [];

    public ValueTask<RegistryAuth?> ForImageAsync(string image, CancellationToken cancellationToken)
    {
        lock (Asked)
        {
            Asked.Add(image);
        }

        return Failure is null ? ValueTask.FromResult(Answer) : ValueTask.FromException<RegistryAuth?>(Failure);
    }
}
