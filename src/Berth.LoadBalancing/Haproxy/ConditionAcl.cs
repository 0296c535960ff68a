using System.Net;
using System.Text;

namespace Berth.LoadBalancing.Haproxy;

/// <summary>One ELBv2 rule condition as one HAProxy ACL: the ACL's patterns are OR-ed, as a condition's values are.</summary>
internal static class ConditionAcl
{
    /// <summary>The host without its port: ELBv2 matches host-header conditions and load balancer names on the name alone.</summary>
    public const string HostWithoutPort = "req.hdr(host),field(1,:)";

    /// <summary>The text after <c>acl &lt;name&gt; </c>.</summary>
    public static string Criterion(ProxyCondition condition) => condition switch
    {
        PathPatternCondition path => Regexes("path", caseInsensitive: false, path.Values.Select(ElbWildcard.Anchored)),
        HostHeaderCondition host => Regexes(HostWithoutPort, caseInsensitive: true, host.Values.Select(ElbWildcard.Anchored)),
        HttpHeaderCondition header when Token(header.Name).Length == 0 => "always_false",
        HttpHeaderCondition header => Regexes($"req.hdr({Token(header.Name)})", caseInsensitive: true, header.Values.Select(ElbWildcard.Anchored)),
        QueryStringCondition query => Regexes("query", caseInsensitive: true, query.Values.Select(QueryPair)),
        HttpMethodCondition method => Words("method", method.Values.Select(Token).Where(m => m.Length > 0)),
        SourceIpCondition source => Words("src", source.Cidrs.Where(c => IPNetwork.TryParse(c, out _))),
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "unknown condition kind"),
    };

    /// <summary>A key=value pair anywhere in the raw query string; ELBv2 wants reserved characters percent-encoded in the
    /// condition as they are on the wire, so the raw string is the right thing to match.</summary>
    private static string QueryPair(QueryStringPair pair)
    {
        var key = pair.Key is null ? "[^&=]*" : ElbWildcard.ToRegex(pair.Key, "[^&=]*", "[^&=]");
        return $"(^|&){key}={ElbWildcard.ToRegex(pair.Value, "[^&]*", "[^&]")}(&|$)";
    }

    private static string Regexes(string fetch, bool caseInsensitive, IEnumerable<string> regexes)
    {
        var patterns = regexes.Select(r => $"'{r}'").ToList();
        return patterns.Count == 0
            ? "always_false"
            : $"{fetch} -m reg{(caseInsensitive ? " -i" : "")} {string.Join(' ', patterns)}";
    }

    private static string Words(string fetch, IEnumerable<string> words)
    {
        var list = words.ToList();
        return list.Count == 0 ? "always_false" : $"{fetch} {string.Join(' ', list)}";
    }

    /// <summary>Header names and methods are HTTP tokens; anything else is dropped rather than reaching the configuration.</summary>
    private static string Token(string value)
    {
        var token = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            {
                token.Append(c);
            }
        }

        return token.ToString();
    }
}
