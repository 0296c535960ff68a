using System.Buffers;
using System.Text;

namespace Berth.Aws.Auth;

/// <summary>The byte-level rules SigV4 canonicalisation is made of: URI encoding, percent-decoding and header-value trimming.</summary>
internal static class SigV4Encoding
{
    private const int StackLimit = 512;

    /// <summary>RFC 3986 unreserved characters, the only ones SigV4 leaves unencoded.</summary>
    public static bool IsUnreserved(byte b) =>
        b is >= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z' or >= (byte)'0' and <= (byte)'9'
            or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~';

    /// <summary>Percent-encodes UTF-8 bytes with uppercase hex, leaving unreserved characters as they are.</summary>
    public static void AppendEncoded(ref ByteBuilder builder, scoped ReadOnlySpan<byte> utf8)
    {
        ReadOnlySpan<byte> digits = "0123456789ABCDEF"u8;
        Span<byte> escape = stackalloc byte[3];
        escape[0] = (byte)'%';
        foreach (byte b in utf8)
        {
            if (IsUnreserved(b))
            {
                builder.Append(b);
            }
            else
            {
                escape[1] = digits[b >> 4];
                escape[2] = digits[b & 0xF];
                builder.Append(escape);
            }
        }
    }

    /// <summary>
    /// URI-encodes text as SigV4 wants it. With <paramref name="decodeFirst"/> valid %XX escapes are decoded
    /// before re-encoding, which turns any client's encoding ("%7e", "%7E", "~") into the one canonical form.
    /// </summary>
    public static void AppendEncoded(ref ByteBuilder builder, scoped ReadOnlySpan<char> text, bool decodeFirst)
    {
        int max = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        Span<byte> utf8 = max <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            int length = Encoding.UTF8.GetBytes(text, utf8);
            if (decodeFirst)
            {
                length = PercentDecodeInPlace(utf8[..length]);
            }

            AppendEncoded(ref builder, utf8[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>URI-encodes text into a new string; see <see cref="AppendEncoded(ref ByteBuilder, ReadOnlySpan{char}, bool)"/>.</summary>
    public static string Encode(ReadOnlySpan<char> text, bool decodeFirst)
    {
        var encoded = new ByteBuilder(stackalloc byte[256]);
        try
        {
            AppendEncoded(ref encoded, text, decodeFirst);
            return Encoding.ASCII.GetString(encoded.Written);
        }
        finally
        {
            encoded.Dispose();
        }
    }

    /// <summary>Decodes %XX escapes (not '+': SigV4 query strings are RFC 3986, not HTML forms) and reads the bytes as UTF-8.</summary>
    public static string Decode(ReadOnlySpan<char> text)
    {
        if (!text.Contains('%'))
        {
            return text.ToString();
        }

        byte[] utf8 = new byte[Encoding.UTF8.GetByteCount(text)];
        Encoding.UTF8.GetBytes(text, utf8);
        int length = PercentDecodeInPlace(utf8);
        return Encoding.UTF8.GetString(utf8, 0, length);
    }

    /// <summary>
    /// Appends a header value the SigV4 way ("Trimall"): leading and trailing white space dropped, every inner
    /// run of white space (including obsolete line folding) collapsed to one space.
    /// </summary>
    public static void AppendTrimmed(ref ByteBuilder builder, ReadOnlySpan<char> value)
    {
        int start = 0;
        while (start < value.Length && IsWhiteSpace(value[start]))
        {
            start++;
        }

        int end = value.Length;
        while (end > start && IsWhiteSpace(value[end - 1]))
        {
            end--;
        }

        ReadOnlySpan<char> rest = value[start..end];
        while (!rest.IsEmpty)
        {
            int gap = rest.IndexOfAny(" \t\r\n\v\f");
            if (gap < 0)
            {
                builder.Append(rest);
                return;
            }

            builder.Append(rest[..gap]);
            builder.Append((byte)' ');
            rest = rest[gap..].TrimStart(" \t\r\n\v\f");
        }
    }

    private static bool IsWhiteSpace(char c) => c is ' ' or '\t' or '\r' or '\n' or '\v' or '\f';

    private static int PercentDecodeInPlace(Span<byte> bytes)
    {
        int write = 0;
        for (int read = 0; read < bytes.Length; read++)
        {
            if (bytes[read] == '%' && read + 2 < bytes.Length
                && TryHex(bytes[read + 1], out int high) && TryHex(bytes[read + 2], out int low))
            {
                bytes[write++] = (byte)((high << 4) | low);
                read += 2;
            }
            else
            {
                bytes[write++] = bytes[read];
            }
        }

        return write;
    }

    private static bool TryHex(byte b, out int value)
    {
        value = b switch
        {
            >= (byte)'0' and <= (byte)'9' => b - '0',
            >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
            >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}
