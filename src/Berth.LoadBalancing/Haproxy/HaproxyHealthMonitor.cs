using System.Collections.Frozen;
using Microsoft.Extensions.Logging;

namespace Berth.LoadBalancing.Haproxy;

/// <summary>Reads HAProxy's health checks from its runtime API and keeps the latest observation of every target.
/// One poller writes (<see cref="PollAsync"/>); readers get an immutable snapshot swapped in whole.</summary>
internal sealed partial class HaproxyHealthMonitor(HaproxyPaths paths, TimeProvider time, ILogger<HaproxyHealthMonitor> logger) : ITargetHealthSource
{
    /// <summary>Servers only (type 4), of every proxy.</summary>
    private const string ShowServerStats = "show stat -1 4 -1";

    private volatile IReadOnlyDictionary<ServerName, ProxiedTarget> servers = FrozenDictionary<ServerName, ProxiedTarget>.Empty;
    private volatile Snapshot current = Snapshot.Empty;
    private volatile IReadOnlySet<ServerName> proven = FrozenSet<ServerName>.Empty;

    /// <summary>Served servers HAProxy has had UP (they come back by the group's healthy threshold, not by one check).</summary>
    public IReadOnlySet<ServerName> Proven => proven;

    /// <summary>The servers of the configuration now served; targets no longer in it are forgotten at the next poll.</summary>
    public void Serve(IReadOnlyDictionary<ServerName, ProxiedTarget> served)
    {
        servers = served;
        proven = proven.Where(served.ContainsKey).ToFrozenSet();
    }

    public IReadOnlyList<TargetHealthObservation> Observe(string targetGroupArn) =>
        current.ByGroup.TryGetValue(targetGroupArn, out var observations) ? observations : [];

    /// <summary>One poll; when HAProxy does not answer (restarting), the last observations stay. True when a served server
    /// was seen UP for the first time, which changes how it is rendered.</summary>
    public async Task<bool> PollAsync(CancellationToken cancellationToken)
    {
        string csv;
        try
        {
            csv = await HaproxyCli.SendAsync(paths.AdminSocket, ShowServerStats, cancellationToken);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogStatsUnavailable(logger, e.Message);
            return false;
        }

        var served = servers;
        var (last, now) = (current, time.GetUtcNow());
        var byServer = new Dictionary<ServerName, TargetHealthObservation>();
        var failingSince = new Dictionary<ServerName, DateTimeOffset>();
        var up = new HashSet<ServerName>(proven);
        foreach (var stat in ServerStat.ParseCsv(csv))
        {
            if (served.ContainsKey(stat.Name) && stat.IsUp)
            {
                up.Add(stat.Name);
            }

            var previous = last.ByServer.GetValueOrDefault(stat.Name);
            if (served.TryGetValue(stat.Name, out var target) && TargetHealthMapper.Observe(target, stat, previous) is { } observed)
            {
                var (observation, since) = TargetHealthMapper.HoldInitial(
                    target, observed, previous, last.FailingSince.TryGetValue(stat.Name, out var held) ? held : null, now);
                byServer[stat.Name] = observation;
                if (since is { } start)
                {
                    failingSince[stat.Name] = start;
                }
            }
        }

        current = new Snapshot(
            byServer,
            byServer.Values.GroupBy(o => o.TargetGroupArn).ToDictionary(g => g.Key, g => (IReadOnlyList<TargetHealthObservation>)g.ToList()),
            failingSince);
        if (up.Count == proven.Count)
        {
            return false;
        }

        proven = up.ToFrozenSet();
        return true;
    }

    /// <param name="FailingSince">Initial targets failing their checks, since when (see <see cref="TargetHealthMapper.HoldInitial"/>).</param>
    private sealed record Snapshot(
        IReadOnlyDictionary<ServerName, TargetHealthObservation> ByServer,
        IReadOnlyDictionary<string, IReadOnlyList<TargetHealthObservation>> ByGroup,
        IReadOnlyDictionary<ServerName, DateTimeOffset> FailingSince)
    {
        public static Snapshot Empty { get; } = new(
            new Dictionary<ServerName, TargetHealthObservation>(),
            new Dictionary<string, IReadOnlyList<TargetHealthObservation>>(),
            new Dictionary<ServerName, DateTimeOffset>());
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "HAProxy's statistics are not available ({Reason}); keeping the last health observations")]
    private static partial void LogStatsUnavailable(ILogger logger, string reason);
}
