using Microsoft.Extensions.Hosting;
using Berth.ControlPlane.Hosting;
using Berth.ControlPlane.Identity;

namespace Berth.Cli;

/// <summary><c>berth up</c>: the control plane in the foreground, stopped cleanly by SIGINT or SIGTERM.</summary>
public static class UpCommand
{
    public static async Task<int> RunAsync(ControlPlaneOptions options)
    {
        if (options.AcceptAnyCredentials)
        {
            await Console.Error.WriteLineAsync(
                "berth: WARNING --accept-any-credentials: requests are NOT authenticated; any access key is accepted. Use only for tests.")
                .ConfigureAwait(false);
        }

        await using var app = await ControlPlaneHost.BuildAsync(options, CancellationToken.None).ConfigureAwait(false);
        await app.StartAsync().ConfigureAwait(false);

        var endpoint = BerthCommands.EndpointUrl(options);
        var credentials = CredentialFile.LoadOrCreate(options.DataDir, options.AccountId);
        Console.Out.Write($"""
            Berth is ready at {endpoint} (data dir {options.DataDir}, account {credentials.AccountId})
            To use it from another shell:  eval "$(./berth env{EnvArguments(options)})"
            {EnvironmentExports.For(credentials, endpoint)}
            """);
        await Console.Out.FlushAsync().ConfigureAwait(false);

        await app.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }

    private static string EnvArguments(ControlPlaneOptions options) =>
        (options.Port == ControlPlaneOptions.DefaultPort ? string.Empty : $" --port {options.Port}")
        + (options.DataDir == Path.GetFullPath(ControlPlaneOptions.DefaultDataDir) ? string.Empty : $" --data-dir {options.DataDir}");
}
