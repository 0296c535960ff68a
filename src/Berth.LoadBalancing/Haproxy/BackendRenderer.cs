using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Berth.LoadBalancing.Haproxy;

/// <summary>A target group as an HAProxy backend: one server per target, HAProxy's health checks in the group's terms, and
/// ALB's fail-open: when every registered target fails its checks, ALB routes to all of them rather than refusing. Each
/// serving target is also an unchecked <c>backup</c> server (<see cref="FailOpenSuffix"/>); HAProxy uses backups only while no
/// primary server is up, and <c>option allbackups</c> spreads over all of them instead of the first. A newly registered target
/// is healthy after one passing check, as on ELB; only once it has been up does it take the group's healthy threshold to come
/// back, so a server not yet <c>proven</c> is rendered with <c>rise 1</c>.</summary>
internal static partial class BackendRenderer
{
    /// <summary>ELBv2's matcher forms (<c>200</c>, <c>200,202</c>, <c>200-299</c>) are HAProxy's <c>expect status</c> syntax too.</summary>
    [GeneratedRegex(@"^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$")]
    private static partial Regex MatcherForm();

    private const string DefaultMatcher = "200";

    /// <summary>Ends the name of a target's fail-open twin; a primary server's name ends with its hash, never with this.</summary>
    public const string FailOpenSuffix = "-failopen";

    public static void Render(
        StringBuilder text,
        ProxyTargetGroup group,
        IReadOnlySet<ServerName> proven,
        IDictionary<ServerName, ProxiedTarget> servers,
        ICollection<CheckedServer> checkedServers)
    {
        var backend = HaproxyNames.Backend(group);
        var check = group.HealthCheck;
        text.Append("backend ").AppendLine(backend);
        text.AppendLine("    balance roundrobin");
        if (check.Enabled)
        {
            text.Append("    option httpchk GET ").AppendLine(HaproxyText.UriPath(check.Path));
            text.Append("    http-check expect status ").AppendLine(MatcherForm().IsMatch(check.Matcher) ? check.Matcher : DefaultMatcher);
            text.Append("    timeout check ").Append(Math.Max(1, check.TimeoutSeconds)).AppendLine("s");
            text.AppendLine("    option allbackups");
        }

        if (group.StickinessSeconds is { } stickiness)
        {
            text.Append("    cookie AWSALB insert indirect nocache maxlife ").Append(stickiness).AppendLine("s");
        }

        var failOpen = new List<(string Server, string Endpoint)>();
        foreach (var target in group.Targets)
        {
            if (!IPAddress.TryParse(target.Address, out var address) || target.Port is <= 0 or > 65535)
            {
                continue; // not reachable: the control plane hands only IP addresses and ports
            }

            var server = HaproxyNames.Server(target);
            var name = new ServerName(backend, server);
            var unhealthyAfter = check.Enabled ? TimeSpan.FromSeconds(Math.Max(1, check.IntervalSeconds) * (Math.Max(1, check.UnhealthyThreshold) - 1)) : TimeSpan.Zero;
            if (!servers.TryAdd(name, new ProxiedTarget(group.TargetGroupArn, target.Id, target.Port, unhealthyAfter)))
            {
                continue; // the same target registered twice is one server
            }

            var endpoint = Endpoint(address, target.Port);
            text.Append("    server ").Append(server).Append(' ').Append(endpoint);
            if (check.Enabled)
            {
                checkedServers.Add(new CheckedServer(name, address.ToString(), target.Port));
                if (!target.Draining)
                {
                    failOpen.Add((server + FailOpenSuffix, endpoint));
                }

                text.Append(" check inter ").Append(Math.Max(1, check.IntervalSeconds)).Append('s')
                    .Append(" rise ").Append(proven.Contains(name) ? Math.Max(1, check.HealthyThreshold) : 1)
                    .Append(" fall ").Append(Math.Max(1, check.UnhealthyThreshold));
                if (int.TryParse(check.Port, out var port) && port is > 0 and < 65536)
                {
                    text.Append(" port ").Append(port);
                }
            }

            if (group.SlowStartSeconds > 0)
            {
                text.Append(" slowstart ").Append(group.SlowStartSeconds).Append('s');
            }

            if (group.StickinessSeconds is not null)
            {
                text.Append(" cookie ").Append(server);
            }

            // Draining: no new requests, open connections continue (until removed after the deregistration delay).
            text.AppendLine(target.Draining ? " weight 0" : "");
        }

        foreach (var (server, endpoint) in failOpen)
        {
            text.Append("    server ").Append(server).Append(' ').Append(endpoint).AppendLine(" backup");
        }

        text.AppendLine();
    }

    private static string Endpoint(IPAddress address, int port) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";
}
