using System.Text;

namespace Berth.LoadBalancing.Haproxy;

/// <summary>Quoting for HAProxy's configuration language, so no user-supplied text can end a word or a line.</summary>
internal static class HaproxyText
{
    /// <summary>A double-quoted word: <c>\</c>, <c>"</c>, <c>$</c> (environment expansion) and every byte outside printable
    /// ASCII are escaped, so the value reaches HAProxy byte for byte.</summary>
    public static string Quoted(string value)
    {
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            switch (b)
            {
                case (byte)'\\' or (byte)'"' or (byte)'$':
                    quoted.Append('\\').Append((char)b);
                    break;
                case >= 0x20 and < 0x7f:
                    quoted.Append((char)b);
                    break;
                default:
                    quoted.Append(@"\x").Append(b.ToString("x2"));
                    break;
            }
        }

        return quoted.Append('"').ToString();
    }

    /// <summary>A URI path safe as a bare word: anything but unreserved and sub-delimiter characters is percent-encoded.</summary>
    public static string UriPath(string path)
    {
        var encoded = new StringBuilder(path.Length);
        foreach (var b in Encoding.UTF8.GetBytes(path))
        {
            if (b is > 0x20 and < 0x7f && b is not ((byte)'"' or (byte)'\'' or (byte)'\\' or (byte)'#' or (byte)'$'))
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2"));
            }
        }

        return encoded.Length == 0 || encoded[0] != '/' ? "/" + encoded : encoded.ToString();
    }
}
