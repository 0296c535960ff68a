using System.Text;

namespace Berth.LoadBalancing.Haproxy;

/// <summary>The <c>server-state-file</c> a new HAProxy worker loads, in <c>show servers state</c>'s format (version 1): what
/// the previous worker saved, plus a line for every checked server it did not have, written DOWN with no check passed.
/// HAProxy 2.6 starts a server it has no state for UP (<c>init-state</c> only arrives in 3.1), so without that line a target
/// added by a reload would get requests before its first health check; seeded DOWN, it waits for its first passing check.
/// Pure. HAProxy matches a line to a server by backend and server name (ids are compared only when forced, which Berth never
/// does) and takes the server's port from it, so a seeded line carries the configured port.</summary>
internal static class ServerStateFile
{
    private const string Version = "1";

    private const string Header = "# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight "
        + "srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state srv_agent_state "
        + "bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port srv_check_addr srv_agent_addr srv_agent_port";

    /// <param name="saved">What <c>show servers state</c> answered (or the file a previous run left); null or another
    /// version when there is none.</param>
    public static string Seed(string? saved, IEnumerable<CheckedServer> servers)
    {
        var lines = saved?.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        var rows = lines.Length > 0 && lines[0] == Version ? lines.Skip(1).Where(l => !l.StartsWith('#')).ToList() : [];
        var known = rows.Select(r => r.Split(' ')).Where(f => f.Length > 3).Select(f => new ServerName(f[1], f[3])).ToHashSet();

        var text = new StringBuilder().Append(Version).Append('\n').Append(Header).Append('\n');
        foreach (var row in rows)
        {
            text.Append(row).Append('\n');
        }

        foreach (var server in servers.Where(s => !known.Contains(s.Name)))
        {
            // Stopped (op state 0) with health 0, so it takes rise passing checks to go UP (a new server's rise is 1); check status INI (1), result
            // unknown (0), checks enabled and configured (6). Weights 1/1: HAProxy applies the saved weight only when the saved
            // initial weight equals the configured one, so a draining server keeps its configured weight 0. Check port 0: the
            // configured one stays.
            text.Append("0 ").Append(server.Name.Backend).Append(" 0 ").Append(server.Name.Server).Append(' ').Append(server.Address)
                .Append(" 0 0 1 1 0 1 0 0 6 0 0 0 - ").Append(server.Port).Append(" - 0 0 - - 0\n");
        }

        return text.ToString();
    }
}
