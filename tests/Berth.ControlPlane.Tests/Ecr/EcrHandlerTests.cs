using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecr;

/// <summary>Base of ECR tests: each test gets a fresh <see cref="EcrHarness"/>.</summary>
public abstract class EcrHandlerTests : IAsyncLifetime
{
    private EcrHarness? harness;

    protected EcrHarness Ecr => harness ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync() => harness = await EcrHarness.OpenAsync();

    public async Task DisposeAsync()
    {
        if (harness is not null)
        {
            await harness.DisposeAsync();
        }
    }
}
