using System.Diagnostics;
using Berth.Agent.Host;
using Berth.Aws.Generated.Ecs;
using Task = System.Threading.Tasks.Task;

namespace Berth.Bench;

/// <summary>Clients calling RunTask back to back for a while, each on its own connection's worth of concurrency.</summary>
public sealed class RunTaskLoad(EcsApiClient api, BenchOptions options)
{
    public const string Family = "bench-load";

    /// <summary>What one phase (warm-up or measured) produced.</summary>
    public sealed record Outcome(
        int Calls, int Tasks, int Failures, int Errors, string? FirstProblem, TimeSpan Elapsed, IReadOnlyList<double> LatenciesMs, TimeSpan ClientCpu, TimeSpan? ServerCpu);

    public async Task<Outcome> RunAsync(TimeSpan duration, CancellationToken ct)
    {
        using var self = Process.GetCurrentProcess();
        using var server = options.ServerPid is { } pid ? Process.GetProcessById(pid) : null;
        var (selfBefore, serverBefore) = (self.TotalProcessorTime, server?.TotalProcessorTime);
        var clock = Stopwatch.StartNew();
        var clients = Enumerable.Range(0, options.Clients).Select(_ => Task.Run(() => ClientAsync(clock, duration, ct), ct)).ToList();
        var results = await Task.WhenAll(clients).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        self.Refresh();
        server?.Refresh();
        return new Outcome(
            results.Sum(r => r.Calls),
            results.Sum(r => r.Tasks),
            results.Sum(r => r.Failures),
            results.Sum(r => r.Errors),
            results.Select(r => r.FirstProblem).FirstOrDefault(p => p is not null),
            elapsed,
            [.. results.SelectMany(r => r.LatenciesMs).Order()],
            self.TotalProcessorTime - selfBefore,
            server?.TotalProcessorTime - serverBefore);
    }

    private async Task<Outcome> ClientAsync(Stopwatch clock, TimeSpan duration, CancellationToken ct)
    {
        var request = new RunTaskRequest { Cluster = options.Cluster, TaskDefinition = Family, Count = options.Count };
        var latencies = new List<double>();
        int calls = 0, tasks = 0, failures = 0, errors = 0;
        string? problem = null;
        while (clock.Elapsed < duration)
        {
            var started = clock.Elapsed;
            try
            {
                var response = await api.CallAsync(
                    "RunTask", request, EcsJsonContext.Default.RunTaskRequest, EcsJsonContext.Default.RunTaskResponse, options.Key, ct).ConfigureAwait(false);
                tasks += response.Tasks?.Count ?? 0;
                failures += response.Failures?.Count ?? 0;
                problem ??= response.Failures is [var first, ..] ? $"failure: {first.Reason}" : null;
            }
            catch (AwsApiException e)
            {
                errors++;
                problem ??= $"{e.Code}: {e.Message}";
            }

            calls++;
            latencies.Add((clock.Elapsed - started).TotalMilliseconds);
        }

        return new Outcome(calls, tasks, failures, errors, problem, clock.Elapsed, latencies, TimeSpan.Zero, null);
    }
}
