using System.Text;

namespace Berth.LoadBalancing.Haproxy;

/// <summary>All listeners on one port as one HAProxy frontend.
/// <para>Rule order is ELBv2's, not HAProxy's: HAProxy runs every <c>http-request</c> line before any <c>use_backend</c>, so a
/// fixed response would win over an earlier forward rule. Instead the first matching rule is recorded in <c>txn.rule</c>
/// (each line only sets it when it is still unset), and every action then tests only that number.</para>
/// <para>Several load balancers on one port are told apart by the Host header (name without port); a request naming none of
/// them goes to the listener with the lowest ARN, whose rules are therefore evaluated last and without a host test.</para></summary>
internal static class FrontendRenderer
{
    private const string NoRuleYet = "!{ var(txn.rule) -m found }";

    public static void Render(StringBuilder text, int port, IReadOnlyList<ProxyListener> listeners, IReadOnlyDictionary<string, string> backends)
    {
        var ordered = listeners.OrderBy(l => l.ListenerArn, StringComparer.Ordinal).ToList();
        text.Append("frontend ").AppendLine(HaproxyNames.Frontend(port));
        text.Append("    bind 127.0.0.1:").Append(port).AppendLine();
        // ELBv2's idle timeout: an idle client connection, between requests or in the middle of one, is closed after it.
        var idleSeconds = Math.Max(1, listeners.Max(l => l.IdleTimeoutSeconds));
        text.Append("    timeout client ").Append(idleSeconds).AppendLine("s");
        text.Append("    timeout http-keep-alive ").Append(idleSeconds).AppendLine("s");

        var evaluation = new StringBuilder();
        var actions = new StringBuilder();
        var routes = new StringBuilder();
        var sticky = false;
        var ruleNumber = 0;
        // The default listener (lowest ARN) last: its rules catch whatever the named load balancers did not.
        foreach (var (listener, index) in ordered.Select((l, i) => (l, i)).Skip(1).Append((ordered[0], 0)))
        {
            var hostAcl = "";
            if (index > 0)
            {
                hostAcl = $"lb{index}";
                text.Append("    acl ").Append(hostAcl).Append(' ').Append(ConditionAcl.HostWithoutPort)
                    .Append(" -m str -i ").AppendLine(HaproxyText.Quoted(listener.DnsName));
            }

            foreach (var rule in listener.Rules)
            {
                ruleNumber++;
                var acls = new List<string>();
                if (hostAcl.Length > 0)
                {
                    acls.Add(hostAcl);
                }

                foreach (var (condition, c) in rule.Conditions.Select((c, i) => (c, i + 1)))
                {
                    var acl = $"r{ruleNumber}c{c}";
                    text.Append("    acl ").Append(acl).Append(' ').AppendLine(ConditionAcl.Criterion(condition));
                    acls.Add(acl);
                }

                evaluation.Append("    http-request set-var(txn.rule) int(").Append(ruleNumber).Append(") if ").Append(NoRuleYet);
                evaluation.AppendLine(acls.Count == 0 ? "" : " " + string.Join(' ', acls));
                sticky |= RuleActionRenderer.Render(actions, routes, ruleNumber, rule.Action, backends);
            }
        }

        text.Append(evaluation);
        text.Append(actions);
        text.Append("    http-request return status 404 if ").AppendLine(NoRuleYet);
        if (sticky)
        {
            text.Append("    http-response add-header Set-Cookie ").Append(RuleActionRenderer.GroupStickinessCookie)
                .AppendLine(" if { var(txn.sticky) -m found }");
        }

        text.Append(routes);
        text.AppendLine();
    }
}
