using System.Security.Cryptography;
using System.Text;

namespace Berth.Aws.Auth;

/// <summary>
/// The one implementation of SigV4's canonical request, string to sign and key derivation; the signer and the
/// verifier both call it, so what we sign and what we accept cannot drift apart.
/// </summary>
/// <remarks>
/// Follows botocore's SigV4Auth for non-S3 services (botocore/auth.py): the raw wire path is normalised
/// (dot segments removed, empty segments dropped) and URI-encoded once more, so "%20" on the wire is "%2520" in
/// the canonical request; query keys and values are put in one canonical encoding and sorted by key, then value;
/// header values are trimmed with inner white space collapsed, repeated headers joined with ','.
/// </remarks>
internal static class SigV4Canonical
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string Terminator = "aws4_request";
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    public const string ContentSha256Header = "x-amz-content-sha256";
    public const string SignatureParameter = "X-Amz-Signature";
    public const int SignatureBytes = 32;

    private const int StackBuffer = 1024;

    /// <summary>
    /// Computes the signature of <paramref name="request"/> into <paramref name="signature"/> (32 bytes).
    /// <paramref name="scope"/> is "date/region/service/aws4_request"; <paramref name="presigned"/> leaves
    /// X-Amz-Signature out of the canonical query, as query authentication requires.
    /// </summary>
    public static void ComputeSignature(
        SigV4Request request,
        bool presigned,
        ReadOnlySpan<char> signedHeaders,
        ReadOnlySpan<char> payloadHash,
        ReadOnlySpan<char> timestamp,
        ReadOnlySpan<char> scope,
        ReadOnlySpan<byte> signingKey,
        Span<byte> signature)
    {
        Span<byte> requestHash = stackalloc byte[SignatureBytes];
        var canonical = new ByteBuilder(stackalloc byte[StackBuffer]);
        try
        {
            WriteCanonicalRequest(ref canonical, request, presigned, signedHeaders, payloadHash);
            SHA256.HashData(canonical.Written, requestHash);
        }
        finally
        {
            canonical.Dispose();
        }

        var stringToSign = new ByteBuilder(stackalloc byte[256]);
        try
        {
            stringToSign.Append(Algorithm);
            stringToSign.Append((byte)'\n');
            stringToSign.Append(timestamp);
            stringToSign.Append((byte)'\n');
            stringToSign.Append(scope);
            stringToSign.Append((byte)'\n');
            stringToSign.AppendHex(requestHash);
            HMACSHA256.HashData(signingKey, stringToSign.Written, signature);
        }
        finally
        {
            stringToSign.Dispose();
        }
    }

    /// <summary>The canonical request as text; for tests and diagnostics, never on the hot path.</summary>
    public static string CanonicalRequest(SigV4Request request, bool presigned, string signedHeaders, string payloadHash)
    {
        var canonical = new ByteBuilder(stackalloc byte[StackBuffer]);
        try
        {
            WriteCanonicalRequest(ref canonical, request, presigned, signedHeaders, payloadHash);
            return Encoding.UTF8.GetString(canonical.Written);
        }
        finally
        {
            canonical.Dispose();
        }
    }

    /// <summary>Derives the signing key for "date/region/service/aws4_request": HMAC chained from "AWS4" + secret.</summary>
    public static byte[] DeriveSigningKey(string secretAccessKey, ReadOnlySpan<char> scope)
    {
        // Two buffers used in turn: each step's key is the previous step's output, and HMAC must not write over its own key.
        Span<byte> keys = stackalloc byte[SignatureBytes * 2];
        Span<byte> key = keys[..SignatureBytes];
        var secret = new ByteBuilder(stackalloc byte[128]);
        try
        {
            secret.Append("AWS4"u8);
            secret.Append(secretAccessKey);
            ReadOnlySpan<byte> current = secret.Written;
            int step = 0;
            foreach (Range part in scope.Split('/'))
            {
                key = keys.Slice(step++ % 2 * SignatureBytes, SignatureBytes);
                Hmac(current, scope[part], key);
                current = key;
            }
        }
        finally
        {
            secret.Dispose();
        }

        return key.ToArray();
    }

    /// <summary>The hex SHA-256 of a body, the payload hash when the client sends no x-amz-content-sha256.</summary>
    public static string HashBody(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return EmptyPayloadHash;
        }

        Span<char> hex = stackalloc char[SignatureBytes * 2];
        HashBody(body, hex);
        return hex.ToString();
    }

    /// <summary>Writes the hex SHA-256 of a body (64 characters) without allocating.</summary>
    public static void HashBody(ReadOnlySpan<byte> body, Span<char> destination)
    {
        Span<byte> hash = stackalloc byte[SignatureBytes];
        SHA256.HashData(body, hash);
        Convert.TryToHexStringLower(hash, destination, out _);
    }

    /// <summary>The first value of a header, matched case-insensitively as HTTP requires.</summary>
    public static string? FindHeader(IReadOnlyList<KeyValuePair<string, string>> headers, string name)
    {
        for (int i = 0; i < headers.Count; i++)
        {
            if (string.Equals(headers[i].Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return headers[i].Value;
            }
        }

        return null;
    }

    private static void WriteCanonicalRequest(
        ref ByteBuilder builder,
        SigV4Request request,
        bool presigned,
        scoped ReadOnlySpan<char> signedHeaders,
        scoped ReadOnlySpan<char> payloadHash)
    {
        string method = request.Method;
        builder.Append(method.AsSpan().ContainsAnyInRange('a', 'z') ? method.ToUpperInvariant() : method);
        builder.Append((byte)'\n');
        WriteCanonicalUri(ref builder, request.Path);
        builder.Append((byte)'\n');
        WriteCanonicalQuery(ref builder, request.Query, presigned);
        builder.Append((byte)'\n');
        WriteCanonicalHeaders(ref builder, request.Headers, signedHeaders);
        builder.Append((byte)'\n');
        builder.Append(signedHeaders);
        builder.Append((byte)'\n');
        builder.Append(payloadHash);
    }

    // RFC 3986 "remove dot segments" plus dropping empty segments ("//"), as AWS does for every service but S3;
    // each kept segment is URI-encoded as it came off the wire, so existing escapes are encoded a second time.
    private static void WriteCanonicalUri(ref ByteBuilder builder, string path)
    {
        if (path.Length == 0 || path == "/")
        {
            builder.Append((byte)'/');
            return;
        }

        ReadOnlySpan<char> span = path;
        int maxSegments = span.Count('/') + 1;
        Span<Range> kept = maxSegments <= 64 ? stackalloc Range[64] : new Range[maxSegments];
        int count = 0;
        foreach (Range segment in span.Split('/'))
        {
            ReadOnlySpan<char> text = span[segment];
            if (text.IsEmpty || text is ".")
            {
                continue;
            }

            if (text is "..")
            {
                count = Math.Max(0, count - 1);
                continue;
            }

            kept[count++] = segment;
        }

        builder.Append((byte)'/');
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                builder.Append((byte)'/');
            }

            SigV4Encoding.AppendEncoded(ref builder, span[kept[i]], decodeFirst: false);
        }

        if (count > 0 && path[^1] == '/')
        {
            builder.Append((byte)'/');
        }
    }

    // Pairs are decoded and re-encoded so that every client's spelling of a character signs the same, then sorted
    // by encoded key and, for repeated keys, by encoded value (ordinal, i.e. byte order). "key" without '=' is "key=".
    private static void WriteCanonicalQuery(ref ByteBuilder builder, string query, bool presigned)
    {
        if (query.Length == 0)
        {
            return;
        }

        var pairs = new List<KeyValuePair<string, string>>();
        ReadOnlySpan<char> span = query;
        foreach (Range range in span.Split('&'))
        {
            ReadOnlySpan<char> piece = span[range];
            if (piece.IsEmpty)
            {
                continue;
            }

            int equals = piece.IndexOf('=');
            string key = SigV4Encoding.Encode(equals < 0 ? piece : piece[..equals], decodeFirst: true);
            if (presigned && key == SignatureParameter)
            {
                continue;
            }

            pairs.Add(new(key, equals < 0 ? "" : SigV4Encoding.Encode(piece[(equals + 1)..], decodeFirst: true)));
        }

        pairs.Sort(static (x, y) =>
        {
            int byKey = string.CompareOrdinal(x.Key, y.Key);
            return byKey != 0 ? byKey : string.CompareOrdinal(x.Value, y.Value);
        });

        for (int i = 0; i < pairs.Count; i++)
        {
            if (i > 0)
            {
                builder.Append((byte)'&');
            }

            builder.Append(pairs[i].Key);
            builder.Append((byte)'=');
            builder.Append(pairs[i].Value);
        }
    }

    // One line per signed header, in the order the client listed them (SDKs sort them); values of repeated
    // headers are joined with ',' in arrival order. A signed header the request lacks signs as empty.
    private static void WriteCanonicalHeaders(
        ref ByteBuilder builder,
        IReadOnlyList<KeyValuePair<string, string>> headers,
        scoped ReadOnlySpan<char> signedHeaders)
    {
        foreach (Range range in signedHeaders.Split(';'))
        {
            ReadOnlySpan<char> name = signedHeaders[range];
            builder.Append(name);
            builder.Append((byte)':');
            bool first = true;
            for (int i = 0; i < headers.Count; i++)
            {
                KeyValuePair<string, string> header = headers[i];
                if (!name.Equals(header.Key, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (!first)
                {
                    builder.Append((byte)',');
                }

                first = false;
                SigV4Encoding.AppendTrimmed(ref builder, header.Value);
            }

            builder.Append((byte)'\n');
        }
    }

    private static void Hmac(ReadOnlySpan<byte> key, ReadOnlySpan<char> text, Span<byte> destination)
    {
        var message = new ByteBuilder(stackalloc byte[64]);
        try
        {
            message.Append(text);
            HMACSHA256.HashData(key, message.Written, destination);
        }
        finally
        {
            message.Dispose();
        }
    }
}
