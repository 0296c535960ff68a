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
            {CredentialLines(credentials, endpoint)}
            """);
        await Console.Out.FlushAsync().ConfigureAwait(false);

        await app.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>The secret goes to a terminal only: when the output is captured (a log file, CI), only the key id is shown.</summary>
    private static string CredentialLines(AccountCredentials credentials, string endpoint) =>
        Console.IsOutputRedirected
            ? $"Access key id {credentials.AccessKeyId}; the secret is in {CredentialFile.FileName} of the data dir (berth env prints it).\n"
            : EnvironmentExports.For(credentials, endpoint);

    private static string EnvArguments(ControlPlaneOptions options) =>
        (options.Port == ControlPlaneOptions.DefaultPort ? string.Empty : $" --port {options.Port}")
        + (options.DataDir == Path.GetFullPath(ControlPlaneOptions.DefaultDataDir) ? string.Empty : $" --data-dir {options.DataDir}");
}
