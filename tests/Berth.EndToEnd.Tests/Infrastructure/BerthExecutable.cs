using System.Diagnostics;
using Xunit.Sdk;

namespace Berth.EndToEnd.Tests.Infrastructure;

/// <summary>The built berth executable. The test project references src/Berth, so berth.dll, its dependencies and the
/// service models are copied beside the test assembly; it is run with the same dotnet host as the tests.</summary>
public static class BerthExecutable
{
    public static string DllPath
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "berth.dll");
            return File.Exists(path)
                ? path
                : throw new XunitException($"{path} does not exist: build the test project (it copies the berth executable beside the tests).");
        }
    }

    /// <summary>The dotnet host running the tests, so berth runs on the same runtime; "dotnet" from PATH otherwise.</summary>
    public static string DotnetHost =>
        Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";

    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments) =>
        ProcessRunner.CreateStartInfo(DotnetHost, [DllPath, .. arguments], new Dictionary<string, string?>());

    /// <summary>Runs a berth command that finishes by itself, such as <c>berth env</c>.</summary>
    public static Task<ProcessResult> RunAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(DotnetHost, [DllPath, .. arguments], new Dictionary<string, string?>(), timeout: TimeSpan.FromSeconds(60));

    public static Task<ProcessResult> EnvAsync(int port, string dataDir) =>
        RunAsync("env", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data-dir", dataDir);
}
