using System.Text;

namespace Berth.LoadBalancing.Haproxy;

/// <summary>Renders a <see cref="ProxyConfiguration"/> as HAProxy's configuration: pure, and the same text for the same input,
/// so comparing texts tells whether anything must change.</summary>
internal static class HaproxyConfigRenderer
{
    /// <summary>ELBv2's default deregistration delay: how long an old worker may keep draining connections after a reload when
    /// no target group says otherwise.</summary>
    private const int DefaultDrainSeconds = 300;

    /// <param name="proven">Servers HAProxy has had UP since they were added (see <see cref="BackendRenderer"/>).</param>
    public static RenderedProxy Render(ProxyConfiguration configuration, HaproxyPaths paths, IReadOnlySet<ServerName> proven)
    {
        var text = new StringBuilder();
        var groups = configuration.TargetGroups
            .DistinctBy(g => g.TargetGroupArn)
            .OrderBy(g => g.TargetGroupArn, StringComparer.Ordinal)
            .ToList();
        RenderGlobal(text, paths, groups);

        var backends = groups.ToDictionary(g => g.TargetGroupArn, HaproxyNames.Backend);
        foreach (var port in configuration.Listeners.GroupBy(l => l.Port).OrderBy(p => p.Key))
        {
            FrontendRenderer.Render(text, port.Key, port.ToList(), backends);
        }

        var servers = new Dictionary<ServerName, ProxiedTarget>();
        var checkedServers = new List<CheckedServer>();
        foreach (var group in groups)
        {
            BackendRenderer.Render(text, group, proven, servers, checkedServers);
        }

        return new RenderedProxy(text.ToString(), servers, checkedServers);
    }

    private static void RenderGlobal(StringBuilder text, HaproxyPaths paths, IReadOnlyList<ProxyTargetGroup> groups)
    {
        var drainSeconds = groups.Count == 0 ? DefaultDrainSeconds : groups.Max(g => g.DeregistrationDelaySeconds);
        text.AppendLine("# Rendered by Berth from the ELBv2 load balancers; never edit (it is replaced on every change).");
        text.AppendLine("global");
        text.Append("    stats socket ").Append(HaproxyText.Quoted(paths.AdminSocket)).AppendLine(" mode 600 level admin expose-fd listeners");
        text.AppendLine("    stats timeout 30s");
        text.Append("    server-state-file ").AppendLine(HaproxyText.Quoted(paths.ServerStateFile));
        // An old worker finishes its open requests after a reload, but not for longer than a target would drain.
        text.Append("    hard-stop-after ").Append(Math.Clamp(drainSeconds, 5, 3600)).AppendLine("s");
        text.AppendLine();
        text.AppendLine("defaults");
        text.AppendLine("    mode http");
        text.AppendLine("    timeout connect 5s");
        text.AppendLine("    timeout client 60s");
        text.AppendLine("    timeout server 60s");
        text.AppendLine("    timeout http-request 30s");
        text.AppendLine("    timeout http-keep-alive 60s");
        // A connection refused by a target that just stopped is retried on another server, so the client never sees it.
        text.AppendLine("    retries 3");
        text.AppendLine("    option redispatch 1");
        // After a reload the old worker answers the next request on an idle keep-alive connection with "close" instead of
        // closing it under the client's feet.
        text.AppendLine("    option idle-close-on-response");
        text.AppendLine("    load-server-state-from-file global");
        text.AppendLine();
    }
}
