using System.Text;

namespace Berth.LoadBalancing.Haproxy;

/// <summary>Turns an ELBv2 condition value (wildcards <c>*</c> and <c>?</c>, everything else literal) into a PCRE fragment.
/// Every literal character other than letters, digits, <c>/</c>, <c>_</c> and <c>-</c> becomes <c>\xHH</c> (per UTF-8 byte),
/// so the fragment never holds a quote, space, <c>#</c> or regex metacharacter of the user's: it is safe inside HAProxy's
/// single quotes, where backslashes reach PCRE unchanged.</summary>
internal static class ElbWildcard
{
    /// <param name="anyRun">What <c>*</c> becomes (e.g. <c>.*</c>, or <c>[^&amp;]*</c> inside a query string).</param>
    /// <param name="anyOne">What <c>?</c> becomes.</param>
    public static string ToRegex(string pattern, string anyRun = ".*", string anyOne = ".")
    {
        var regex = new StringBuilder(pattern.Length * 2);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in pattern.EnumerateRunes())
        {
            if (rune.Value == '*')
            {
                regex.Append(anyRun);
            }
            else if (rune.Value == '?')
            {
                regex.Append(anyOne);
            }
            else if (rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value is '/' or '_' or '-'))
            {
                regex.Append((char)rune.Value);
            }
            else
            {
                var length = rune.EncodeToUtf8(utf8);
                foreach (var b in utf8[..length])
                {
                    regex.Append(@"\x").Append(b.ToString("x2"));
                }
            }
        }

        return regex.ToString();
    }

    /// <summary>A whole-value match: <c>^fragment$</c>.</summary>
    public static string Anchored(string pattern) => "^" + ToRegex(pattern) + "$";
}
