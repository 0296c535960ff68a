namespace Berth.LoadBalancing.Haproxy;

/// <summary>One server's row of <c>show stat</c>: its state (<c>UP</c>, <c>DOWN 1/2</c>, <c>no check</c>, ...) and its last
/// check's result (<c>INI</c>, <c>L7OK</c>, <c>L7STS</c> with the HTTP code, <c>L4CON</c>, <c>L4TOUT</c>, ...).</summary>
/// <param name="CheckInProgress">HAProxy marks the status <c>* </c> while a check runs; it has then already reset the code to 0,
/// so the row no longer tells the last result whole.</param>
internal sealed record ServerStat(ServerName Name, string Status, string CheckStatus, string CheckCode, bool CheckInProgress = false)
{
    /// <summary>Up, draining or soft-stopped: "UP 1/3" is still up (going down); HAProxy's thresholds are ELBv2's.</summary>
    public bool IsUp => Status.StartsWith("UP", StringComparison.Ordinal) || Status is "DRAIN" or "NOLB";

    /// <summary>Parses <c>show stat</c>'s CSV by its header's column names; frontend and backend summary rows are skipped.</summary>
    public static IReadOnlyList<ServerStat> ParseCsv(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0 || !lines[0].StartsWith("# ", StringComparison.Ordinal))
        {
            return [];
        }

        var columns = lines[0][2..].Split(',');
        int Column(string name) => Array.IndexOf(columns, name);
        var (proxy, server, status, check, code) = (Column("pxname"), Column("svname"), Column("status"), Column("check_status"), Column("check_code"));
        if (Math.Min(Math.Min(proxy, server), Math.Min(Math.Min(status, check), code)) < 0)
        {
            return [];
        }

        var last = Math.Max(Math.Max(proxy, server), Math.Max(Math.Max(status, check), code));
        var stats = new List<ServerStat>();
        foreach (var line in lines.Skip(1))
        {
            // The columns read here come before any free-text column, so a plain split is exact for them.
            var fields = line.Split(',');
            if (fields.Length <= last || fields[server] is "FRONTEND" or "BACKEND")
            {
                continue;
            }

            stats.Add(new ServerStat(
                new ServerName(fields[proxy], fields[server]), fields[status], fields[check].TrimStart('*', ' '), fields[code], fields[check].StartsWith('*')));
        }

        return stats;
    }
}
