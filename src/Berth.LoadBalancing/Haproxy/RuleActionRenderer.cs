using System.Text;

namespace Berth.LoadBalancing.Haproxy;

/// <summary>What a matched rule does, as HAProxy lines guarded by the rule's number in <c>txn.rule</c>: answers and redirects
/// are <c>http-request</c> lines, forwards are <c>use_backend</c> lines.</summary>
internal static class RuleActionRenderer
{
    /// <summary>Group-level stickiness (across a weighted forward's groups): the chosen backend's name, for the rule's duration.</summary>
    public const string GroupStickinessCookie = "\"AWSALBTG=%[be_name]; Max-Age=%[var(txn.sticky)]; Path=/\"";

    /// <returns>Whether the rule uses group-level stickiness (the frontend then sets its cookie on responses).</returns>
    public static bool Render(StringBuilder actions, StringBuilder routes, int rule, ProxyAction action, IReadOnlyDictionary<string, string> backends)
    {
        switch (action)
        {
            case ForwardAction forward:
                return Forward(actions, routes, rule, forward, backends);
            case FixedResponseAction answer:
                actions.Append("    http-request return status ").Append(answer.StatusCode is >= 200 and <= 599 ? answer.StatusCode : 503);
                if (!string.IsNullOrEmpty(answer.MessageBody))
                {
                    actions.Append(" content-type ").Append(HaproxyText.Quoted(answer.ContentType ?? "text/plain"))
                        .Append(" string ").Append(HaproxyText.Quoted(answer.MessageBody));
                }

                actions.Append(" if ").AppendLine(Is(rule));
                return false;
            case RedirectAction redirect:
                Redirect(actions, rule, redirect);
                return false;
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, "unknown action kind");
        }
    }

    private static bool Forward(StringBuilder actions, StringBuilder routes, int rule, ForwardAction forward, IReadOnlyDictionary<string, string> backends)
    {
        var groups = forward.TargetGroups
            .Where(g => g.Weight > 0 && backends.ContainsKey(g.TargetGroupArn))
            .Select(g => (Backend: backends[g.TargetGroupArn], g.Weight))
            .ToList();
        if (groups.Count == 0)
        {
            actions.Append("    http-request return status 503 if ").AppendLine(Is(rule)); // nothing to forward to, as ELBv2 answers
            return false;
        }

        if (groups.Count == 1)
        {
            routes.Append("    use_backend ").Append(groups[0].Backend).Append(" if ").AppendLine(Is(rule));
            return false;
        }

        var sticky = forward.StickinessSeconds is not null;
        if (sticky)
        {
            actions.Append("    http-request set-var(txn.sticky) int(").Append(forward.StickinessSeconds).Append(") if ").AppendLine(Is(rule));
            foreach (var (backend, _) in groups)
            {
                routes.Append("    use_backend ").Append(backend).Append(" if ").Append(Is(rule))
                    .Append(" { req.cook(AWSALBTG) -m str ").Append(backend).AppendLine(" }");
            }
        }

        // One draw per request in [0, total): each group owns a slice as wide as its weight.
        actions.Append("    http-request set-var(txn.pick) rand(").Append(groups.Sum(g => g.Weight)).Append(") if ").AppendLine(Is(rule));
        var upTo = 0;
        foreach (var (backend, weight) in groups)
        {
            upTo += weight;
            routes.Append("    use_backend ").Append(backend).Append(" if ").Append(Is(rule))
                .Append(" { var(txn.pick) -m int lt ").Append(upTo).AppendLine(" }");
        }

        return sticky;
    }

    /// <summary>ELBv2's templates become log-format fetches; the query part (and its <c>?</c>) only when the request has one.</summary>
    private static void Redirect(StringBuilder actions, int rule, RedirectAction redirect)
    {
        var protocol = Template(redirect.Protocol).ToLowerInvariant();
        var port = Template(redirect.Port);
        var omitPort = (protocol, port) is ("http", "80") or ("https", "443");
        var location = $"{protocol}://{Template(redirect.Host)}{(omitPort ? "" : ":" + port)}{Template(redirect.Path)}";
        var code = redirect.StatusCode == 301 ? 301 : 302;
        var query = Template(redirect.Query);
        if (query.Length > 0)
        {
            actions.Append("    http-request redirect location ").Append(HaproxyText.Quoted($"{location}?{query}"))
                .Append(" code ").Append(code).Append(" if ").Append(Is(rule)).AppendLine(" { query -m len gt 0 }");
        }

        actions.Append("    http-request redirect location ").Append(HaproxyText.Quoted(location))
            .Append(" code ").Append(code).Append(" if ").AppendLine(Is(rule));
    }

    /// <summary>Literal text is escaped for log-format (<c>%</c> doubled); the placeholders become the request's parts.</summary>
    private static string Template(string template) => template
        .Replace("%", "%%")
        .Replace("#{protocol}", "http")
        .Replace("#{host}", "%[" + ConditionAcl.HostWithoutPort + "]")
        .Replace("#{port}", "%[dst_port]")
        .Replace("#{path}", "%[path,regsub(^/,)]")
        .Replace("#{query}", "%[query]");

    private static string Is(int rule) => $"{{ var(txn.rule) -m int {rule} }}";
}
