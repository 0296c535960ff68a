using System.Globalization;

namespace Berth.Bench;

/// <summary>The measured phase as one line: throughput, latency percentiles, anything that went wrong, and CPU per task.</summary>
public static class Report
{
    public static string Line(BenchOptions options, RunTaskLoad.Outcome outcome)
    {
        var problem = outcome.FirstProblem is { } p ? $" (first: {p})" : string.Empty;
        var server = outcome.ServerCpu is { } cpu ? Invariant($", server {PerTask(cpu, outcome.Tasks):F2} ms") : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"RunTask count {options.Count}, {options.Clients} clients, {options.Instances} instances, {outcome.Elapsed.TotalSeconds:F1} s: " +
            $"{outcome.Tasks / outcome.Elapsed.TotalSeconds:F0} tasks/s ({outcome.Calls / outcome.Elapsed.TotalSeconds:F0} calls/s, {outcome.Tasks} tasks); " +
            $"latency p50 {Percentile(outcome.LatenciesMs, 50):F1} ms, p90 {Percentile(outcome.LatenciesMs, 90):F1} ms, " +
            $"p99 {Percentile(outcome.LatenciesMs, 99):F1} ms, max {outcome.LatenciesMs.LastOrDefault():F1} ms; " +
            $"{outcome.Failures} failures, {outcome.Errors} errors{problem}; " +
            $"CPU per task: load generator {PerTask(outcome.ClientCpu, outcome.Tasks):F2} ms{server}");
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double percent) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(percent / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static double PerTask(TimeSpan cpu, int tasks) => tasks == 0 ? 0 : cpu.TotalMilliseconds / tasks;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
