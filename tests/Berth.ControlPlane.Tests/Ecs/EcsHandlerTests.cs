using Task = System.Threading.Tasks.Task;

namespace Berth.ControlPlane.Tests.Ecs;

/// <summary>Base of handler tests: each test gets a fresh <see cref="EcsHarness"/> over its own temporary SQLite store.</summary>
public abstract class EcsHandlerTests : IAsyncLifetime
{
    private EcsHarness? harness;

    protected EcsHarness Ecs => harness ?? throw new InvalidOperationException("not initialized");

    public virtual async Task InitializeAsync() => harness = await EcsHarness.OpenAsync();

    public async Task DisposeAsync()
    {
        if (harness is not null)
        {
            await harness.DisposeAsync();
        }
    }
}
