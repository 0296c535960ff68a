using Berth.LoadBalancing.Haproxy;
using static Berth.LoadBalancing.Tests.Haproxy.Samples;

namespace Berth.LoadBalancing.Tests.Haproxy;

public sealed class HaproxyConfigRendererTests
{
    private static readonly HaproxyPaths Paths = new("/var/lib/berth/haproxy");

    private static RenderedProxy Render(ProxyConfiguration configuration) => HaproxyConfigRenderer.Render(configuration, Paths, new HashSet<ServerName>());

    /// <summary>Rendered as once every target has been up.</summary>
    private static RenderedProxy RenderProven(ProxyConfiguration configuration) =>
        HaproxyConfigRenderer.Render(configuration, Paths, Render(configuration).Servers.Keys.ToHashSet());

    private static string[] Lines(ProxyConfiguration configuration) =>
        Render(configuration).Text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static ProxyConfiguration OneRule(ProxyRule rule, params ProxyTargetGroup[] groups) =>
        new([Listener("web", 80, rule, Default(new FixedResponseAction(404, null, null)))], groups);

    [Fact]
    public void Render_EmptyConfigurationHasTheRuntimeApiAndNoFrontend()
    {
        var lines = Lines(ProxyConfiguration.Empty);

        Assert.Contains("stats socket \"/var/lib/berth/haproxy/admin.sock\" mode 600 level admin expose-fd listeners", lines);
        Assert.Contains("server-state-file \"/var/lib/berth/haproxy/server-state\"", lines);
        Assert.Contains("option redispatch 1", lines);
        Assert.Contains("timeout connect 5s", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("frontend", StringComparison.Ordinal));
    }

    public static TheoryData<ProxyCondition, string> Conditions => new()
    {
        { new PathPatternCondition(["/api/*", "/v?"]), "acl r1c1 path -m reg '^/api/.*$' '^/v.$'" },
        { new HostHeaderCondition(["*.example.com"]), @"acl r1c1 req.hdr(host),field(1,:) -m reg -i '^.*\x2eexample\x2ecom$'" },
        { new HttpHeaderCondition("User-Agent", ["*Mobile*"]), "acl r1c1 req.hdr(User-Agent) -m reg -i '^.*Mobile.*$'" },
        { new HttpHeaderCondition("bad header'", ["x"]), "acl r1c1 req.hdr(badheader) -m reg -i '^x$'" },
        { new QueryStringCondition([new QueryStringPair("version", "v1*"), new QueryStringPair(null, "x")]),
            "acl r1c1 query -m reg -i '(^|&)version=v1[^&]*(&|$)' '(^|&)[^&=]*=x(&|$)'" },
        { new HttpMethodCondition(["GET", "POST"]), "acl r1c1 method GET POST" },
        { new SourceIpCondition(["10.0.0.0/8", "not a cidr", "192.168.1.7/32"]), "acl r1c1 src 10.0.0.0/8 192.168.1.7/32" },
        { new SourceIpCondition(["nonsense"]), "acl r1c1 always_false" },
    };

    [Theory]
    [MemberData(nameof(Conditions))]
    public void Render_EachConditionKindIsOneAcl(ProxyCondition condition, string acl)
    {
        var lines = Lines(OneRule(Rule(1, new FixedResponseAction(200, null, null), condition)));

        Assert.Contains(acl, lines);
        Assert.Contains("http-request set-var(txn.rule) int(1) if !{ var(txn.rule) -m found } r1c1", lines);
    }

    [Fact]
    public void Render_RulesKeepElbOrderThroughTheRuleNumber()
    {
        var api = Group("api", Target(8080));
        var configuration = new ProxyConfiguration(
            [Listener("web", 80,
                Rule(1, Forward(api), new PathPatternCondition(["/api/*"])),
                Rule(2, new FixedResponseAction(503, "application/json", """{"error":"down"}"""), new PathPatternCondition(["/*"])),
                Default(new FixedResponseAction(404, null, null)))],
            [api]);

        var lines = Lines(configuration);
        var backend = HaproxyNames.Backend(api);

        Assert.Contains("http-request set-var(txn.rule) int(2) if !{ var(txn.rule) -m found } r2c1", lines);
        Assert.Contains("http-request set-var(txn.rule) int(3) if !{ var(txn.rule) -m found }", lines);
        Assert.Contains("""http-request return status 503 content-type "application/json" string "{\"error\":\"down\"}" if { var(txn.rule) -m int 2 }""", lines);
        Assert.Contains("http-request return status 404 if { var(txn.rule) -m int 3 }", lines);
        Assert.Contains($"use_backend {backend} if {{ var(txn.rule) -m int 1 }}", lines);
    }

    [Fact]
    public void Render_FixedResponseBodyIsQuotedByteForByte()
    {
        var lines = Lines(OneRule(Rule(1, new FixedResponseAction(200, "text/plain", "a \"b\" $HOME \\ é\n"))));

        Assert.Contains("""http-request return status 200 content-type "text/plain" string "a \"b\" \$HOME \\ \xc3\xa9\x0a" if { var(txn.rule) -m int 1 }""", lines);
    }

    [Fact]
    public void Render_WeightedForwardDrawsOnceAndSplitsByWeight()
    {
        var (blue, green, none) = (Group("blue", Target(1)), Group("green", Target(2)), Group("none", Target(3)));
        var forward = new ForwardAction([new(blue.TargetGroupArn, 30), new(green.TargetGroupArn, 70), new(none.TargetGroupArn, 0)]);

        var lines = Lines(OneRule(Rule(1, forward), blue, green, none));

        Assert.Contains("http-request set-var(txn.pick) rand(100) if { var(txn.rule) -m int 1 }", lines);
        Assert.Contains($"use_backend {HaproxyNames.Backend(blue)} if {{ var(txn.rule) -m int 1 }} {{ var(txn.pick) -m int lt 30 }}", lines);
        Assert.Contains($"use_backend {HaproxyNames.Backend(green)} if {{ var(txn.rule) -m int 1 }} {{ var(txn.pick) -m int lt 100 }}", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith($"use_backend {HaproxyNames.Backend(none)}", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_GroupStickinessPrefersTheCookiesGroupAndSetsIt()
    {
        var (blue, green) = (Group("blue", Target(1)), Group("green", Target(2)));
        var forward = new ForwardAction([new(blue.TargetGroupArn, 1), new(green.TargetGroupArn, 1)], StickinessSeconds: 3600);

        var lines = Lines(OneRule(Rule(1, forward), blue, green));
        var text = string.Join('\n', lines);

        Assert.Contains("http-request set-var(txn.sticky) int(3600) if { var(txn.rule) -m int 1 }", lines);
        Assert.Contains("""http-response add-header Set-Cookie "AWSALBTG=%[be_name]; Max-Age=%[var(txn.sticky)]; Path=/" if { var(txn.sticky) -m found }""", lines);
        var cookieRoute = $"use_backend {HaproxyNames.Backend(blue)} if {{ var(txn.rule) -m int 1 }} {{ req.cook(AWSALBTG) -m str {HaproxyNames.Backend(blue)} }}";
        Assert.Contains(cookieRoute, lines);
        Assert.True(text.IndexOf(cookieRoute, StringComparison.Ordinal) < text.IndexOf("txn.pick) -m int lt 1 }", StringComparison.Ordinal),
            "the sticky route must come before the weighted draw");
    }

    [Fact]
    public void Render_ForwardToNoKnownGroupAnswers503()
    {
        var lines = Lines(OneRule(Rule(1, new ForwardAction([new("arn:unknown", 1)]))));

        Assert.Contains("http-request return status 503 if { var(txn.rule) -m int 1 }", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("use_backend", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_RedirectUsesTheRequestsPartsAndAddsTheQueryOnlyWhenPresent()
    {
        var redirect = new RedirectAction("HTTPS", "#{host}", "443", "/new/#{path}", "#{query}", 301);

        var lines = Lines(OneRule(Rule(1, redirect)));

        Assert.Contains("""http-request redirect location "https://%[req.hdr(host),field(1,:)]/new/%[path,regsub(^/,)]?%[query]" code 301 if { var(txn.rule) -m int 1 } { query -m len gt 0 }""", lines);
        Assert.Contains("""http-request redirect location "https://%[req.hdr(host),field(1,:)]/new/%[path,regsub(^/,)]" code 301 if { var(txn.rule) -m int 1 }""", lines);
    }

    [Fact]
    public void Render_SharedPortDispatchesByHostAndDefaultsToTheLowestListenerArn()
    {
        var (a, b) = (Group("a", Target(1)), Group("b", Target(2)));
        var first = Listener("alpha", 80, Default(Forward(a)));
        var second = Listener("beta", 80, Default(Forward(b)));

        var lines = Lines(new ProxyConfiguration([second, first], [a, b]));

        Assert.Single(lines, l => l.StartsWith("frontend", StringComparison.Ordinal));
        Assert.Contains("bind 127.0.0.1:80", lines);
        Assert.Contains("acl lb1 req.hdr(host),field(1,:) -m str -i \"beta-1111.elb.berth.local\"", lines);
        // beta's rules first, guarded by its host; alpha's (the lowest ARN) last, unguarded: it takes every other host.
        Assert.Contains("http-request set-var(txn.rule) int(1) if !{ var(txn.rule) -m found } lb1", lines);
        Assert.Contains("http-request set-var(txn.rule) int(2) if !{ var(txn.rule) -m found }", lines);
        Assert.Contains($"use_backend {HaproxyNames.Backend(b)} if {{ var(txn.rule) -m int 1 }}", lines);
        Assert.Contains($"use_backend {HaproxyNames.Backend(a)} if {{ var(txn.rule) -m int 2 }}", lines);
    }

    [Fact]
    public void Render_IdleTimeoutIsTheLargestOfThePortsLoadBalancers()
    {
        var lines = Lines(new ProxyConfiguration(
            [Listener("alpha", 80, Default(new FixedResponseAction(200, null, null))) with { IdleTimeoutSeconds = 30 },
                Listener("beta", 80, Default(new FixedResponseAction(200, null, null))) with { IdleTimeoutSeconds = 400 },
                Listener("gamma", 81, Default(new FixedResponseAction(200, null, null)))],
            []));

        // In order: the defaults section, port 80's frontend, port 81's.
        Assert.Equal(["timeout client 60s", "timeout client 400s", "timeout client 60s"], lines.Where(l => l.StartsWith("timeout client", StringComparison.Ordinal)));
        Assert.Equal(["timeout http-keep-alive 60s", "timeout http-keep-alive 400s", "timeout http-keep-alive 60s"], lines.Where(l => l.StartsWith("timeout http-keep-alive", StringComparison.Ordinal)));
    }

    [Fact]
    public void Render_ListenersOnDifferentPortsGetTheirOwnFrontends()
    {
        var lines = Lines(new ProxyConfiguration([Listener("web", 8081, Default(new FixedResponseAction(200, null, null))),
            Listener("web", 8080, Default(new FixedResponseAction(200, null, null)))], []));

        Assert.Equal(["frontend port_8080", "frontend port_8081"], lines.Where(l => l.StartsWith("frontend", StringComparison.Ordinal)));
    }

    public static TheoryData<ProxyHealthCheck, string[], string> HealthChecks => new()
    {
        { Check("200"), ["option httpchk GET /health", "http-check expect status 200", "timeout check 5s"], " check inter 30s rise 5 fall 2" },
        { Check("200,202"), ["http-check expect status 200,202"], " check inter 30s rise 5 fall 2" },
        { Check("200-299"), ["http-check expect status 200-299"], " check inter 30s rise 5 fall 2" },
        { Check("2xx; evil"), ["http-check expect status 200"], " check inter 30s rise 5 fall 2" },
        { Check("200", port: "9090"), ["http-check expect status 200"], " check inter 30s rise 5 fall 2 port 9090" },
    };

    [Theory]
    [MemberData(nameof(HealthChecks))]
    public void Render_HealthCheckOptionsFollowTheGroup(ProxyHealthCheck check, string[] backendLines, string serverOptions)
    {
        var group = Group("web", Target(8080)) with { HealthCheck = check };
        var rendered = RenderProven(new ProxyConfiguration([], [group]));
        var lines = rendered.Text.Split('\n', StringSplitOptions.TrimEntries);
        var server = rendered.Servers.Single().Key.Server;

        Assert.All(backendLines, expected => Assert.Contains(expected, lines));
        Assert.Contains($"server {server} 127.0.0.1:8080{serverOptions}", lines);
    }

    [Fact]
    public void Render_ATargetNotYetUpRisesOnOneCheck_AfterwardsOnTheGroupsThreshold()
    {
        var configuration = new ProxyConfiguration([], [Group("web", Target(8080), Target(8081))]);
        var servers = Render(configuration).Servers.ToDictionary(s => s.Value.Port, s => s.Key);

        var lines = HaproxyConfigRenderer.Render(configuration, Paths, new HashSet<ServerName> { servers[8080] }).Text.Split('\n', StringSplitOptions.TrimEntries);

        Assert.Contains($"server {servers[8080].Server} 127.0.0.1:8080 check inter 30s rise 5 fall 2", lines);
        Assert.Contains($"server {servers[8081].Server} 127.0.0.1:8081 check inter 30s rise 1 fall 2", lines);
    }

    [Fact]
    public void Render_DisabledHealthCheckHasNoCheck()
    {
        var group = Group("web", Target(8080)) with { HealthCheck = Check(enabled: false) };

        var lines = Lines(new ProxyConfiguration([], [group]));

        Assert.DoesNotContain(lines, l => l.Contains("httpchk", StringComparison.Ordinal) || l.Contains(" check", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("server ", StringComparison.Ordinal) && l.EndsWith("127.0.0.1:8080", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_ServingCheckedTargetsFailOpenThroughUncheckedBackupTwins()
    {
        var group = Group("web", Target(8080), Target(8081, draining: true));

        var rendered = Render(new ProxyConfiguration([], [group]));
        var lines = rendered.Text.Split('\n', StringSplitOptions.TrimEntries);
        var servers = rendered.Servers.ToDictionary(s => s.Value.Port, s => s.Key);

        Assert.Contains("option allbackups", lines);
        Assert.Contains($"server {servers[8080].Server}-failopen 127.0.0.1:8080 backup", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith($"server {servers[8081].Server}-failopen", StringComparison.Ordinal));
        Assert.Equal([new CheckedServer(servers[8080], "127.0.0.1", 8080), new CheckedServer(servers[8081], "127.0.0.1", 8081)], rendered.CheckedServers);
    }

    [Fact]
    public void Render_UncheckedTargetsNeitherFailOpenNorStartDown()
    {
        var rendered = Render(new ProxyConfiguration([], [Group("web", Target(8080)) with { HealthCheck = Check(enabled: false) }]));

        Assert.DoesNotContain("backup", rendered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("allbackups", rendered.Text, StringComparison.Ordinal);
        Assert.Empty(rendered.CheckedServers);
    }

    [Fact]
    public void Render_StickinessSlowStartAndDrainingAreServerOptions()
    {
        var group = Group("web", Target(8080), Target(8081, draining: true)) with { SlowStartSeconds = 30, StickinessSeconds = 86400 };

        var rendered = RenderProven(new ProxyConfiguration([], [group]));
        var lines = rendered.Text.Split('\n', StringSplitOptions.TrimEntries);
        var servers = rendered.Servers.ToDictionary(s => s.Value.Port, s => s.Key.Server);

        Assert.Contains("cookie AWSALB insert indirect nocache maxlife 86400s", lines);
        Assert.Contains($"server {servers[8080]} 127.0.0.1:8080 check inter 30s rise 5 fall 2 slowstart 30s cookie {servers[8080]}", lines);
        Assert.Contains($"server {servers[8081]} 127.0.0.1:8081 check inter 30s rise 5 fall 2 slowstart 30s cookie {servers[8081]} weight 0", lines);
    }

    [Fact]
    public void Render_NamesAreStableSafeAndMapBackToTargets()
    {
        var group = Group("web app/v1", Target(8080), new ProxyTarget("10.0.0.7", 80, "::1", false), new ProxyTarget("bad", 80, "not-an-ip", false));
        var configuration = new ProxyConfiguration([], [group]);

        var first = Render(configuration);
        var second = Render(configuration with { TargetGroups = [group with { }] });

        Assert.Equal(first.Text, second.Text);
        Assert.Equal(
            new Dictionary<ServerName, ProxiedTarget>
            {
                // Initial while failing for one 30 s interval: the second failure in a row (UnhealthyThreshold 2) makes it unhealthy.
                [new(HaproxyNames.Backend(group), HaproxyNames.Server(Target(8080)))] = new(group.TargetGroupArn, "i-0123456789abcdef0", 8080, TimeSpan.FromSeconds(30)),
                [new(HaproxyNames.Backend(group), HaproxyNames.Server(new("10.0.0.7", 80, "::1", false)))] = new(group.TargetGroupArn, "10.0.0.7", 80, TimeSpan.FromSeconds(30)),
            },
            first.Servers);
        Assert.All(first.Servers.Keys, name => Assert.Matches("^[A-Za-z0-9_.-]+$", name.Backend + name.Server));
        Assert.StartsWith("tg_web_app_v1_", HaproxyNames.Backend(group));
        Assert.Contains(" [::1]:80", first.Text);
        Assert.NotEqual(HaproxyNames.Backend(group), HaproxyNames.Backend(group with { TargetGroupArn = group.TargetGroupArn + "0" }));
    }

    [Fact]
    public void Render_HardStopFollowsTheLongestDeregistrationDelay()
    {
        var lines = Lines(new ProxyConfiguration([], [Group("a") with { DeregistrationDelaySeconds = 30 }, Group("b") with { DeregistrationDelaySeconds = 90 }]));

        Assert.Contains("hard-stop-after 90s", lines);
    }
}
