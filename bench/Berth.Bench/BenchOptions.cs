using System.Globalization;
using Berth.Agent.Host;

namespace Berth.Bench;

/// <summary>One run's shape: the endpoint and key from the AWS_* variables (<c>berth env</c>), the rest from the command line.</summary>
public sealed record BenchOptions(
    Uri Endpoint, string Region, AccessKey Key, string Cluster, string WorkDir, int Instances, int Clients, int Count, TimeSpan Warmup, TimeSpan Duration, int? ServerPid)
{
    public const string Usage = """
        usage: berth-bench run-task [--instances N] [--clients N] [--count N] [--seconds N] [--warmup-seconds N] [--cluster NAME] [--server-pid PID] --work-dir DIR
          Enrolls N acknowledge-only container instances, then has the clients call RunTask (count N) back to back and prints
          tasks/s, latency percentiles, CPU time per task (this process's, and the server's
          when its pid is given) and a consistency check. AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_ENDPOINT_URL and
          AWS_DEFAULT_REGION name the control plane (eval "$(berth env)").
        """;

    /// <summary>The options, or null (with the usage printed) when the arguments are not understood.</summary>
    public static BenchOptions? Parse(string[] args)
    {
        if (args is not ["run-task", .. var rest] || rest.Length % 2 != 0)
        {
            return null;
        }

        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < rest.Length; i += 2)
        {
            named[rest[i]] = rest[i + 1];
        }

        int Number(string name, int fallback) => named.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        string Variable(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new ArgumentException($"{name} is not set (eval \"$(berth env)\").");

        if (!named.TryGetValue("--work-dir", out var workDir))
        {
            return null;
        }

        return new BenchOptions(
            new Uri(Variable("AWS_ENDPOINT_URL")),
            Variable("AWS_DEFAULT_REGION"),
            new AccessKey(Variable("AWS_ACCESS_KEY_ID"), Variable("AWS_SECRET_ACCESS_KEY")),
            named.GetValueOrDefault("--cluster", "bench"),
            workDir,
            Number("--instances", 16),
            Number("--clients", 8),
            Number("--count", 10),
            TimeSpan.FromSeconds(Number("--warmup-seconds", 10)),
            TimeSpan.FromSeconds(Number("--seconds", 20)),
            named.ContainsKey("--server-pid") ? Number("--server-pid", 0) : null);
    }
}
