namespace Berth.LoadBalancing.Haproxy;

/// <summary>Where one HAProxy instance keeps its files: everything lives under the directory the data plane is given.</summary>
internal sealed record HaproxyPaths(string Directory)
{
    public string ConfigFile => Path.Combine(Directory, "haproxy.cfg");

    /// <summary>A candidate configuration, checked with <c>haproxy -c</c> before it replaces <see cref="ConfigFile"/>.</summary>
    public string CandidateFile => Path.Combine(Directory, "haproxy.cfg.new");

    /// <summary>The worker's runtime API (level admin; exposes the listeners' sockets to the next worker on reload).</summary>
    public string AdminSocket => Path.Combine(Directory, "admin.sock");

    /// <summary>The master's CLI: reloads and the list of processes.</summary>
    public string MasterSocket => Path.Combine(Directory, "master.sock");

    /// <summary>Servers' health and weights saved before a reload, loaded by the new worker, so no target restarts its checks.</summary>
    public string ServerStateFile => Path.Combine(Directory, "server-state");

    public string PidFile => Path.Combine(Directory, "haproxy.pid");
}
