namespace Berth.EndToEnd.Tests.Infrastructure;

/// <summary>The real AWS CLI, always with JSON output so the tests can read what it printed.</summary>
public static class AwsCli
{
    public static Task<ProcessResult> RunAsync(ClientEnvironment environment, params string[] arguments) =>
        ProcessRunner.RunAsync("aws", [.. arguments, "--output", "json"], environment.Variables);
}
