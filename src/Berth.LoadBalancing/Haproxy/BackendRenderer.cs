using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Berth.LoadBalancing.Haproxy;

/// <summary>A target group as an HAProxy backend: one server per target, HAProxy's health checks in the group's terms.</summary>
internal static partial class BackendRenderer
{
    /// <summary>ELBv2's matcher forms (<c>200</c>, <c>200,202</c>, <c>200-299</c>) are HAProxy's <c>expect status</c> syntax too.</summary>
    [GeneratedRegex(@"^\d{3}(-\d{3})?(,\d{3}(-\d{3})?)*$")]
    private static partial Regex MatcherForm();

    private const string DefaultMatcher = "200";

    public static void Render(StringBuilder text, ProxyTargetGroup group, IDictionary<ServerName, ProxiedTarget> servers)
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
        }

        if (group.StickinessSeconds is { } stickiness)
        {
            text.Append("    cookie AWSALB insert indirect nocache maxlife ").Append(stickiness).AppendLine("s");
        }

        foreach (var target in group.Targets)
        {
            if (!IPAddress.TryParse(target.Address, out var address) || target.Port is <= 0 or > 65535)
            {
                continue; // not reachable: the control plane hands only IP addresses and ports
            }

            var server = HaproxyNames.Server(target);
            if (!servers.TryAdd(new ServerName(backend, server), new ProxiedTarget(group.TargetGroupArn, target.Id, target.Port)))
            {
                continue; // the same target registered twice is one server
            }

            text.Append("    server ").Append(server).Append(' ').Append(Endpoint(address, target.Port));
            if (check.Enabled)
            {
                text.Append(" check inter ").Append(Math.Max(1, check.IntervalSeconds)).Append('s')
                    .Append(" rise ").Append(Math.Max(1, check.HealthyThreshold))
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

        text.AppendLine();
    }

    private static string Endpoint(IPAddress address, int port) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";
}
