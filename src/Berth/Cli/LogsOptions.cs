using System.Globalization;
using Berth.Agent.Host;

namespace Berth.Cli;

/// <summary>What <c>berth logs</c> was asked: whose logs (a task id or ARN, or a service's name), where, from when, and whether
/// to keep following.</summary>
public sealed record LogsOptions(Uri Endpoint, string Region, AccessKey Key, string Cluster, string Target, bool Follow, TimeSpan? Since)
{
    public static readonly string[] Names = ["cluster", "follow", "since", "endpoint"];

    public static LogsOptions Parse(CommandLine line, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(line);
        var target = line.Subject("a service name, a task id or a task ARN");
        line.Allow(Names);
        return new LogsOptions(
            line.Url("endpoint") ?? PlaceOptions.EndpointIn(environment),
            EnvironmentExports.RegionIn(environment),
            EnvironmentExports.KeyIn(environment, "logs"),
            line.Value("cluster") ?? UpCommand.LocalCluster,
            target,
            line.Has("follow"),
            line.Value("since") is { } since ? Duration(since) : null);
    }

    /// <summary>"90s", "10m", "2h", "1d" (as <c>aws logs tail --since</c> reads them), or a plain number of seconds.</summary>
    public static TimeSpan Duration(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hasUnit = text.Length > 0 && char.IsAsciiLetter(text[^1]);
        var digits = hasUnit ? text[..^1] : text;
        var unit = hasUnit ? text[^1] : 's';
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            throw new UsageException($"--since needs a duration such as 30s, 10m, 2h or 1d, not '{text}'");
        }

        return unit switch
        {
            's' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            'w' => TimeSpan.FromDays(7 * amount),
            _ => throw new UsageException($"--since needs a duration such as 30s, 10m, 2h or 1d, not '{text}'"),
        };
    }
}
