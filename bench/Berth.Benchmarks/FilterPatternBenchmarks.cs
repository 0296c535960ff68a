using BenchmarkDotNet.Attributes;
using Berth.ControlPlane.Logs.Filtering;

namespace Berth.Benchmarks;

/// <summary>Scanning 1,000,000 log events with one parsed filter pattern, as FilterLogEvents does over a large group.
/// Each operation is one event, so BenchmarkDotNet's mean is the cost per event and a million events take a million
/// times that.</summary>
[MemoryDiagnoser]
public class FilterPatternBenchmarks
{
    private const int Events = 1_000_000;

    private string[] messages = null!;
    private FilterPattern pattern = null!;

    [Params(
        "ERROR",
        "ERROR \"payment failed\" -retry",
        "?ERROR ?FATAL",
        "%user=[a-z]+7%",
        "{ $.level = \"error\" && $.latency > 500 }",
        "[ip, ..., status_code = 5*, bytes > 1000]")]
    public string Pattern { get; set; } = "";

    /// <summary>A mix like a busy service's stream: access-log lines, JSON lines and plain lines, 1% of them errors.</summary>
    [GlobalSetup]
    public void Setup()
    {
        pattern = FilterPattern.Parse(Pattern);
        messages = new string[Events];
        for (var i = 0; i < Events; i++)
        {
            var error = i % 100 == 0;
            messages[i] = (i % 3) switch
            {
                0 => $"10.0.{i % 256}.{i % 200} - user{i % 50} [22/Nov/2026:01:00:00 +0000] \"GET /orders/{i} HTTP/1.1\" {(error ? 503 : 200)} {i % 5000}",
                1 => $"{{\"level\": \"{(error ? "error" : "info")}\", \"latency\": {i % 1000}, \"path\": \"/orders/{i}\", \"user\": \"user={i % 50}\"}}",
                _ => $"2026-11-22T01:00:00Z {(error ? "ERROR" : "INFO")} order {i} processed for user={i % 50} in {i % 900} ms{(error ? " payment failed" : "")}",
            };
        }
    }

    [Benchmark(OperationsPerInvoke = Events)]
    public int Scan()
    {
        var matched = 0;
        foreach (var message in messages)
        {
            if (pattern.Matches(message))
            {
                matched++;
            }
        }
        return matched;
    }
}
