using System.Diagnostics;
using Berth.LoadBalancing.Haproxy;
using static Berth.LoadBalancing.Tests.Haproxy.Samples;

namespace Berth.LoadBalancing.Tests.Integration;

/// <summary>The data plane with the real haproxy (scripts/ensure-haproxy.sh installs it; test.sh runs that first) and
/// loopback targets.</summary>
public sealed class HaproxyDataPlaneTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private static ProxyTargetGroup FastChecked(string name, params TestTarget[] targets) =>
        Group(name, targets.Select(t => t.AsTarget()).ToArray()) with { HealthCheck = new(true, "/health", "traffic-port", 1, 1, 2, 2, "200-299") };

    /// <summary>A data plane whose one listener on <paramref name="port"/> forwards everything to <paramref name="group"/>.</summary>
    private static Task<DataPlaneHarness> ServeAsync(int port, ProxyTargetGroup group) =>
        DataPlaneHarness.StartAsync(new ProxyConfiguration([Listener("web", port, Default(Forward(group)))], [group]));

    private static HttpClient Client(int port) => new() { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };

    private static async Task<string?> TryGetAsync(HttpClient client, string path)
    {
        try
        {
            return await client.GetStringAsync(path);
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    [Fact]
    public async Task DataPlane_BalancesAcrossTargetsAndRoutesByPath()
    {
        await using var a = await TestTarget.StartAsync("a");
        await using var b = await TestTarget.StartAsync("b");
        var (all, onlyB) = (FastChecked("all", a, b), FastChecked("only-b", b));
        var port = DataPlaneHarness.FreePort();
        await using var plane = await DataPlaneHarness.StartAsync(new ProxyConfiguration(
            [Listener("web", port, Rule(1, Forward(onlyB), new PathPatternCondition(["/b/*"])), Default(Forward(all)))], [all, onlyB]));
        using var client = Client(port);

        await DataPlaneHarness.EventuallyAsync(
            () => Task.FromResult(plane.Health.Observe(all.TargetGroupArn) is { Count: 2 } o && o.All(t => t.State == ObservedHealth.Healthy)),
            Patience, "both targets of the group observed healthy");
        await DataPlaneHarness.EventuallyAsync(async () => await TryGetAsync(client, "/") is not null, Patience, "the listener answers");
        var answers = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            answers.Add(await client.GetStringAsync($"/x{i}"));
            Assert.Equal("b", await client.GetStringAsync($"/b/{i}"));
        }

        Assert.Equal(["a", "b"], answers.Distinct().Order());
    }

    [Fact]
    public async Task DataPlane_TargetFailingItsHealthCheckIsUnhealthyAndGetsNoTraffic()
    {
        await using var a = await TestTarget.StartAsync("a");
        await using var b = await TestTarget.StartAsync("b");
        var group = FastChecked("web", a, b);
        var port = DataPlaneHarness.FreePort();
        await using var plane = await DataPlaneHarness.StartAsync(new ProxyConfiguration([Listener("web", port, Default(Forward(group)))], [group]));
        using var client = Client(port);

        a.HealthStatus = 500;

        await DataPlaneHarness.EventuallyAsync(
            () => Task.FromResult(plane.Health.Observe(group.TargetGroupArn).Any(o => o is { TargetId: "i-a", State: ObservedHealth.Unhealthy })
                && plane.Health.Observe(group.TargetGroupArn).Any(o => o is { TargetId: "i-b", State: ObservedHealth.Healthy })),
            Patience, "target a observed unhealthy, b healthy");
        var observation = plane.Health.Observe(group.TargetGroupArn).Single(o => o.TargetId == "i-a");
        Assert.Equal(new TargetHealthObservation(group.TargetGroupArn, "i-a", a.Port, ObservedHealth.Unhealthy,
            "Target.ResponseCodeMismatch", "Health checks failed with these codes: [500]"), observation);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal("b", await client.GetStringAsync("/"));
        }
    }

    [Fact]
    public async Task DataPlane_TargetAddedByAReloadGetsNoRequestBeforeItsChecksPass()
    {
        await using var a = await TestTarget.StartAsync("a");
        await using var failing = await TestTarget.StartAsync("failing");
        await using var ready = await TestTarget.StartAsync("ready");
        failing.HealthStatus = 500;
        ready.HealthStatus = 500; // until the requests right after the reload are sent: one passing check brings it up
        var group = FastChecked("web", a) with { HealthCheck = new(true, "/health", "traffic-port", 1, 1, HealthyThreshold: 3, 2, "200-299") };
        var port = DataPlaneHarness.FreePort();
        ProxyConfiguration Version(int version, params TestTarget[] targets) => new(
            [Listener("web", port,
                Rule(1, new FixedResponseAction(200, "text/plain", $"version {version}"), new PathPatternCondition(["/version"])),
                Default(Forward(group)))],
            [group with { Targets = targets.Select(t => t.AsTarget()).ToList() }]);
        await using var plane = await DataPlaneHarness.StartAsync(Version(0, a));
        using var client = Client(port);
        await DataPlaneHarness.EventuallyAsync(
            () => Task.FromResult(plane.Health.Observe(group.TargetGroupArn) is [{ State: ObservedHealth.Healthy }]), Patience, "target a observed healthy");

        plane.Source.Set(Version(1, a, failing, ready));
        await DataPlaneHarness.EventuallyAsync(async () => await TryGetAsync(client, "/version") == "version 1", Patience, "the reload adding two targets served");
        var rightAfter = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            rightAfter.Add(await client.GetStringAsync("/"));
        }

        Assert.All(rightAfter, answer => Assert.Equal("a", answer));
        ready.HealthStatus = 200;
        await DataPlaneHarness.EventuallyAsync(async () => await TryGetAsync(client, "/") == "ready", Patience, "the passing target answers");
        // A target never up rises on one passing check, as on ELB; once up it is rendered with the group's healthy threshold.
        await DataPlaneHarness.EventuallyAsync(
            async () => (await File.ReadAllTextAsync(Path.Combine(plane.StateDirectory, "haproxy.cfg"))).Split('\n') is var lines
                && lines.Count(l => l.Contains(" rise 3 ", StringComparison.Ordinal)) == 2
                && lines.Count(l => l.Contains(" rise 1 ", StringComparison.Ordinal)) == 1,
            Patience, "a and ready rendered with the healthy threshold once up, failing still with one check");
        var later = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            later.Add(await client.GetStringAsync("/"));
        }

        Assert.Equal(["a", "ready"], later.Distinct().Order());
        await DataPlaneHarness.EventuallyAsync(
            () => Task.FromResult(plane.Health.Observe(group.TargetGroupArn).Any(o => o is { TargetId: "i-failing", State: ObservedHealth.Unhealthy, Reason: "Target.ResponseCodeMismatch" })
                && plane.Health.Observe(group.TargetGroupArn).Any(o => o is { TargetId: "i-ready", State: ObservedHealth.Healthy })),
            Patience, "the failing target observed unhealthy and the passing one healthy");
    }

    [Fact]
    public async Task DataPlane_StopSavesEveryServersStateForTheNextStart()
    {
        await using var a = await TestTarget.StartAsync("a");
        var group = FastChecked("web", a);
        await using var plane = await ServeAsync(DataPlaneHarness.FreePort(), group);
        await DataPlaneHarness.EventuallyAsync(
            () => Task.FromResult(plane.Health.Observe(group.TargetGroupArn) is [{ State: ObservedHealth.Healthy }]), Patience, "target a observed healthy");

        await plane.StopAsync();

        // srv_op_state (the sixth field) 2 is running: the next start loads the server UP instead of seeding it DOWN.
        var server = HaproxyNames.Server(a.AsTarget());
        var line = File.ReadAllLines(new HaproxyPaths(plane.StateDirectory).ServerStateFile).Single(l => l.Split(' ') is [_, _, _, var name, ..] && name == server);
        Assert.Equal("2", line.Split(' ')[5]);
    }

    [Fact]
    public async Task DataPlane_EveryTargetUnhealthyFailsOpenToAllOfThem()
    {
        await using var a = await TestTarget.StartAsync("a");
        await using var b = await TestTarget.StartAsync("b");
        var (group, empty) = (FastChecked("web", a, b), FastChecked("empty"));
        var port = DataPlaneHarness.FreePort();
        await using var plane = await DataPlaneHarness.StartAsync(new ProxyConfiguration(
            [Listener("web", port, Rule(1, Forward(empty), new PathPatternCondition(["/empty/*"])), Default(Forward(group)))], [group, empty]));
        using var client = Client(port);
        bool All(ObservedHealth state) => plane.Health.Observe(group.TargetGroupArn) is { Count: 2 } o && o.All(t => t.State == state);
        await DataPlaneHarness.EventuallyAsync(() => Task.FromResult(All(ObservedHealth.Healthy)), Patience, "both targets observed healthy");

        (a.HealthStatus, b.HealthStatus) = (500, 500);
        await DataPlaneHarness.EventuallyAsync(() => Task.FromResult(All(ObservedHealth.Unhealthy)), Patience, "both targets observed unhealthy");

        var failedOpen = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            failedOpen.Add(await client.GetStringAsync("/"));
        }

        Assert.Equal(["a", "b"], failedOpen.Distinct().Order());
        using (var noTargets = await client.GetAsync("/empty/x"))
        {
            Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, noTargets.StatusCode);
        }

        a.HealthStatus = 200;
        await DataPlaneHarness.EventuallyAsync(
            () => Task.FromResult(plane.Health.Observe(group.TargetGroupArn).Any(o => o is { TargetId: "i-a", State: ObservedHealth.Healthy })),
            Patience, "target a observed healthy again");
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal("a", await client.GetStringAsync("/"));
        }
    }

    [Fact]
    public async Task DataPlane_ReloadsUnderALiveRequestStreamWithoutAFailedRequest()
    {
        await using var a = await TestTarget.StartAsync("a");
        await using var b = await TestTarget.StartAsync("b");
        var group = FastChecked("web", a, b);
        var port = DataPlaneHarness.FreePort();
        ProxyConfiguration Version(int version) => new(
            [Listener("web", port,
                Rule(1, new FixedResponseAction(200, "text/plain", $"version {version}"), new PathPatternCondition(["/version"])),
                Default(Forward(group)))],
            [group with { Targets = version % 2 == 0 ? [a.AsTarget(), b.AsTarget()] : [a.AsTarget(), b.AsTarget(draining: true)] }]);
        await using var plane = await DataPlaneHarness.StartAsync(Version(0));
        using var probe = Client(port);
        await DataPlaneHarness.EventuallyAsync(async () => await TryGetAsync(probe, "/version") == "version 0", Patience, "version 0 served");

        using var stop = new CancellationTokenSource();
        var streams = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            using var client = Client(port);
            var (succeeded, failures) = (0, new List<string>());
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await client.GetAsync("/");
                    if (response.IsSuccessStatusCode) succeeded++;
                    else failures.Add($"status {(int)response.StatusCode}");
                }
                catch (HttpRequestException e)
                {
                    failures.Add(e.Message);
                }
            }

            return (succeeded, failures);
        })).ToList();

        const int reloads = 8;
        for (var version = 1; version <= reloads; version++)
        {
            plane.Source.Set(Version(version));
            var expected = $"version {version}";
            await DataPlaneHarness.EventuallyAsync(async () => await TryGetAsync(probe, "/version") == expected, Patience, $"{expected} served");
        }

        await stop.CancelAsync();
        var results = await Task.WhenAll(streams);
        Assert.Empty(results.SelectMany(r => r.failures));
        Assert.True(results.Sum(r => r.succeeded) > 100, $"only {results.Sum(r => r.succeeded)} requests went through during {reloads} reloads");
    }

    [Fact]
    public async Task DataPlane_IdleKeepAliveConnectionIsClosedAfterTheIdleTimeout()
    {
        var port = DataPlaneHarness.FreePort();
        await using var plane = await DataPlaneHarness.StartAsync(new ProxyConfiguration(
            [Listener("web", port, Default(new FixedResponseAction(200, "text/plain", "ok"))) with { IdleTimeoutSeconds = 1 }], []));
        using var probe = Client(port);
        await DataPlaneHarness.EventuallyAsync(async () => await TryGetAsync(probe, "/") == "ok", Patience, "the listener answers");
        using var connection = new System.Net.Sockets.TcpClient();
        await connection.ConnectAsync(System.Net.IPAddress.Loopback, port);
        var stream = connection.GetStream();
        await stream.WriteAsync("GET / HTTP/1.1\r\nHost: web\r\n\r\n"u8.ToArray());
        var buffer = new byte[4096];
        Assert.True(await stream.ReadAsync(buffer) > 0, "no answer to the first request");

        var idle = Stopwatch.StartNew();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var read = await stream.ReadAsync(buffer, patience.Token);

        Assert.Equal(0, read); // closed by the proxy, not by the test's patience
        Assert.InRange(idle.Elapsed, TimeSpan.FromMilliseconds(800), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task DataPlane_KilledHaproxyIsRestartedAndServesAgain()
    {
        await using var a = await TestTarget.StartAsync("a");
        var port = DataPlaneHarness.FreePort();
        await using var plane = await ServeAsync(port, FastChecked("web", a));
        using var client = Client(port);
        await DataPlaneHarness.EventuallyAsync(async () => await TryGetAsync(client, "/") == "a", Patience, "the listener answers");
        var killed = plane.Supervisor.MasterProcessId!.Value;

        using (var master = Process.GetProcessById(killed))
        {
            master.Kill(); // SIGKILL: no chance to clean up; its worker sees the master gone and exits
        }

        await DataPlaneHarness.EventuallyAsync(
            async () => plane.Supervisor.MasterProcessId is { } restarted && restarted != killed && await TryGetAsync(client, "/") == "a",
            Patience, "a new HAProxy serves the listener");
    }

    [Fact]
    public async Task DataPlane_StopLeavesNoHaproxyProcess()
    {
        var port = DataPlaneHarness.FreePort();
        var plane = await DataPlaneHarness.StartAsync(new ProxyConfiguration([Listener("web", port, Default(new FixedResponseAction(200, null, null)))], []));
        List<int> family;
        try
        {
            using var client = Client(port);
            await DataPlaneHarness.EventuallyAsync(async () => await TryGetAsync(client, "/") is not null, Patience, "the listener answers");
            family = ProcessesOf(plane.Supervisor.MasterProcessId!.Value);
            Assert.True(family.Count >= 2, $"expected a master and a worker, found processes {string.Join(", ", family)}");
        }
        finally
        {
            await plane.DisposeAsync();
        }

        Assert.All(family, pid => Assert.False(Directory.Exists($"/proc/{pid}/task") && !IsZombie(pid), $"HAProxy process {pid} outlived the data plane"));
    }

    [Fact]
    public async Task Renderer_EveryFeatureTogetherPassesHaproxysOwnCheck()
    {
        var directory = Directory.CreateTempSubdirectory("berth-lb-").FullName;
        try
        {
            var (blue, green) = (Group("blue", Target(8080), Target(8081, draining: true)) with { SlowStartSeconds = 30, StickinessSeconds = 600 },
                Group("green", new ProxyTarget("10.0.0.9", 80, "::1", false)) with { HealthCheck = Check("200-299,302", port: "9000") });
            var conditions = new ProxyCondition[]
            {
                new PathPatternCondition(["/api/*", "/it's a #test?"]), new HostHeaderCondition(["*.example.com"]),
                new HttpHeaderCondition("X-Env", ["\"quoted\" $var"]), new QueryStringCondition([new("k", "v*"), new(null, "x")]),
                new HttpMethodCondition(["GET"]), new SourceIpCondition(["127.0.0.0/8"]),
            };
            var configuration = new ProxyConfiguration(
                [
                    Listener("alpha", 8080, Rule(1, new ForwardAction([new(blue.TargetGroupArn, 20), new(green.TargetGroupArn, 80)], 3600), conditions),
                        Rule(2, new RedirectAction("HTTPS", "#{host}", "443", "/#{path}", "#{query}", 301), new PathPatternCondition(["/old"])),
                        Default(new FixedResponseAction(503, "text/html", "<h1>\"down\" 100% $HOME \\</h1>\n"))),
                    Listener("beta", 8080, Default(Forward(green))),
                ],
                [blue, green]);
            var paths = new HaproxyPaths(directory);
            await File.WriteAllTextAsync(paths.CandidateFile, HaproxyConfigRenderer.Render(configuration, paths, new HashSet<ServerName>()).Text);

            using var check = Process.Start(new ProcessStartInfo("/usr/sbin/haproxy", ["-c", "-f", paths.CandidateFile]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            var output = await check.StandardError.ReadToEndAsync() + await check.StandardOutput.ReadToEndAsync();
            await check.WaitForExitAsync();

            Assert.True(check.ExitCode == 0, output);
            // The only expected warning: no server state saved yet (there has been no reload).
            Assert.DoesNotContain(output.Split('\n'), l => l.Contains("[WARNING]", StringComparison.Ordinal) && !l.Contains("server state file", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A process and its children, from /proc.</summary>
    private static List<int> ProcessesOf(int parent) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && (pid == parent || ParentOf(pid) == parent))
            .ToList();

    /// <summary>A zombie has exited; only its parent's reaping is left.</summary>
    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] == 'Z';
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
