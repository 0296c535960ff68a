using Berth.Agent.Docker;
using Berth.Agent.Tasks;

namespace Berth.Agent.Tests.Tasks;

/// <summary>Answers every image with <see cref="Answer"/> (or throws <see cref="Failure"/>), and with <see cref="Renewed"/>
/// once an answer was refused; records which images were asked for and which answers were refused.</summary>
internal sealed class FakeRegistryCredentials : IRegistryCredentialSource
{
    private bool refused;

    public RegistryAuth? Answer { get; init; } = new() { Username = "AWS", Password = "secret", ServerAddress = "127.0.0.1:9400" };

    public RegistryAuth? Renewed { get; init; }

    public Exception? Failure { get; init; }

    public List<string> Asked { get; } = [];

    public List<RegistryAuth> RefusedAnswers { get; } = [];

    public ValueTask<RegistryAuth?> ForImageAsync(string image, CancellationToken cancellationToken)
    {
        lock (Asked)
        {
            Asked.Add(image);
            return Failure is null ? ValueTask.FromResult(refused ? Renewed : Answer) : ValueTask.FromException<RegistryAuth?>(Failure);
        }
    }

    public void Refused(RegistryAuth auth)
    {
        lock (Asked)
        {
            RefusedAnswers.Add(auth);
            refused = true;
        }
    }
}
