namespace Berth.EndToEnd.Tests.Infrastructure;

/// <summary>One berth server shared by the tests of a class (<c>IClassFixture</c>), on a data dir of its own.</summary>
/// <remarks>Tests sharing a server must not depend on its being empty: each uses names of its own, and a listing is
/// checked against what the same test created.</remarks>
public class BerthServerFixture : IAsyncLifetime
{
    private TempDirectory? root;
    private BerthServer? server;

    public BerthServer Server => server ?? throw new InvalidOperationException("The fixture's server has not been started.");

    public ClientEnvironment Client => Server.Client;

    /// <summary>A directory for a test's input files (e.g. JSON for --cli-input-json).</summary>
    public string Scratch => root?.Path ?? throw new InvalidOperationException("The fixture has not been initialized.");

    public async Task InitializeAsync()
    {
        root = new TempDirectory(GetType().Name);
        server = await BerthServer.StartAsync(CreateOptions(root.Combine("data")), root.Path).ConfigureAwait(false);
        await SeedAsync().ConfigureAwait(false);
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await ReleaseAsync().ConfigureAwait(false);
            await server.DisposeAsync().ConfigureAwait(false);
        }

        root?.Dispose();
    }

    /// <summary>Runs <c>aws ... --output json</c> against the server.</summary>
    public Task<ProcessResult> AwsAsync(params string[] arguments) => AwsCli.RunAsync(Client, arguments);

    /// <summary>Runs a boto3 snippet against the server (see Python/berth_e2e.py); arguments arrive in sys.argv[1:].</summary>
    public Task<ProcessResult> BotoAsync(string snippet, params string[] arguments) => Boto.RunAsync(Client, snippet, arguments);

    protected virtual BerthServerOptions CreateOptions(string dataDir) => new() { DataDir = dataDir };

    /// <summary>Creates what the class's tests expect to find, once, after the server is up.</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;

    /// <summary>Stops what <see cref="SeedAsync"/> started (agent processes, say) while the server still answers.</summary>
    protected virtual Task ReleaseAsync() => Task.CompletedTask;
}
