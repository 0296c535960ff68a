using System.Text;

namespace Berth.Aws.Protocol.Query;

/// <summary>An awsQuery request body (<c>Action=X&amp;Version=Y&amp;A.member.1=v</c>) as flat dotted keys, with every key prefix
/// known so that a shape walk can ask "is anything under <c>A.member.3</c>?" in one lookup.</summary>
public sealed class QueryForm
{
    private readonly Dictionary<string, string> values;
    private readonly HashSet<string> prefixes;

    private QueryForm(Dictionary<string, string> values)
    {
        this.values = values;
        prefixes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in values.Keys)
        {
            for (var dot = key.IndexOf('.', StringComparison.Ordinal); dot >= 0; dot = key.IndexOf('.', dot + 1))
            {
                prefixes.Add(key[..dot]);
            }

            prefixes.Add(key);
        }
    }

    public static QueryForm Parse(ReadOnlySpan<byte> body)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in Encoding.UTF8.GetString(body).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(equals < 0 ? pair : pair[..equals]);
            values[key] = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]);
        }

        return new QueryForm(values);
    }

    public string? this[string key] => values.GetValueOrDefault(key);

    /// <summary>Whether the key itself or any key below it (<c>key.…</c>) was sent.</summary>
    public bool Has(string key) => prefixes.Contains(key);

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
