using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Berth.Aws.Auth;

/// <summary>
/// Signs requests with AWS Signature Version 4, for tests, the Berth agent and load-test clients; it uses the
/// verifier's own canonicalisation, so anything it signs <see cref="SigV4Verifier"/> accepts.
/// </summary>
public static class SigV4Signer
{
    /// <summary>Headers that proxies may add, change or drop, so SDKs never sign them (botocore's list).</summary>
    private static readonly FrozenSet<string> UnsignedHeaders = new[]
    {
        "authorization", "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization",
        "te", "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The X-Amz-Date value for a signing time ("20261121T120000Z").</summary>
    public static string FormatAmzDate(DateTimeOffset time) => AmzDate.Format(time);

    /// <summary>
    /// The Authorization header value for <paramref name="request"/>. The request must already carry its Host
    /// header and an X-Amz-Date header equal to <see cref="FormatAmzDate"/> of <paramref name="time"/> (or a Date
    /// header); every header but hop-by-hop ones and User-Agent is signed.
    /// </summary>
    public static string Sign(SigV4Request request, Credential credential, string region, string service, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credential);
        RequireHost(request);
        string timestamp = FormatAmzDate(time);
        // The verifier reads the signing time from these headers, so they must say what we sign with.
        string? amzDate = SigV4Canonical.FindHeader(request.Headers, SigV4ClaimParser.DateParameter);
        string? httpDate = SigV4Canonical.FindHeader(request.Headers, "Date");
        if (amzDate is null && httpDate is null)
        {
            throw new ArgumentException($"The request must carry an X-Amz-Date header of {timestamp}.", nameof(request));
        }

        if (amzDate is not null ? amzDate.Trim() != timestamp : !AmzDate.TryParseHttpDate(httpDate!.Trim(), out DateTimeOffset date) || date != time)
        {
            throw new ArgumentException($"The request's X-Amz-Date or Date header is not the signing time {timestamp}.", nameof(request));
        }

        string scope = Scope(timestamp, region, service);
        string signedHeaders = SignedHeaderNames(request.Headers);
        string signature = Signature(request, presigned: false, signedHeaders, credential, timestamp, scope);
        return $"{SigV4Canonical.Algorithm} Credential={credential.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
    }

    /// <summary>
    /// The query string (without '?') of a presigned URL for <paramref name="request"/>: its own query, then the
    /// X-Amz-* parameters, ending with X-Amz-Signature. The request must carry its Host header; as botocore does for
    /// services other than S3, the payload hash is the body's SHA-256 (that of the empty string for a GET).
    /// </summary>
    public static string Presign(
        SigV4Request request,
        Credential credential,
        string region,
        string service,
        DateTimeOffset time,
        TimeSpan expires,
        string? securityToken = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credential);
        RequireHost(request);
        if (expires <= TimeSpan.Zero || expires > TimeSpan.FromSeconds(SigV4ClaimParser.MaxExpiresSeconds) || expires.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(expires), expires, "Presigned URLs last 1 second to 7 days, in whole seconds.");
        }

        string timestamp = FormatAmzDate(time);
        string scope = Scope(timestamp, region, service);
        string signedHeaders = SignedHeaderNames(request.Headers);

        var query = new StringBuilder(request.Query);
        AppendParameter(query, SigV4ClaimParser.AlgorithmParameter, SigV4Canonical.Algorithm);
        AppendParameter(query, SigV4ClaimParser.CredentialParameter, $"{credential.AccessKeyId}/{scope}");
        AppendParameter(query, SigV4ClaimParser.DateParameter, timestamp);
        AppendParameter(query, SigV4ClaimParser.ExpiresParameter, ((long)expires.TotalSeconds).ToString(CultureInfo.InvariantCulture));
        AppendParameter(query, SigV4ClaimParser.SignedHeadersParameter, signedHeaders);
        if (securityToken is not null)
        {
            AppendParameter(query, SigV4ClaimParser.SecurityTokenParameter, securityToken);
        }

        string signature = Signature(request with { Query = query.ToString() }, presigned: true, signedHeaders, credential, timestamp, scope);
        AppendParameter(query, SigV4Canonical.SignatureParameter, signature);
        return query.ToString();
    }

    private static string Signature(
        SigV4Request request, bool presigned, string signedHeaders, Credential credential, string timestamp, string scope)
    {
        string payloadHash = SigV4Canonical.FindHeader(request.Headers, SigV4Canonical.ContentSha256Header)
            ?? SigV4Canonical.HashBody(request.Body.Span);
        Span<byte> signature = stackalloc byte[SigV4Canonical.SignatureBytes];
        SigV4Canonical.ComputeSignature(
            request,
            presigned,
            signedHeaders,
            payloadHash,
            timestamp,
            scope,
            SigV4Canonical.DeriveSigningKey(credential.SecretAccessKey, scope),
            signature);
        return Convert.ToHexStringLower(signature);
    }

    private static string Scope(string timestamp, string region, string service) =>
        $"{timestamp[..8]}/{region}/{service}/{SigV4Canonical.Terminator}";

    // Lowercase, distinct, sorted by byte order, ';'-separated: the SignedHeaders form every SDK produces.
    private static string SignedHeaderNames(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> header in headers)
        {
            if (!UnsignedHeaders.Contains(header.Key))
            {
                names.Add(header.Key.ToLowerInvariant());
            }
        }

        return string.Join(';', names);
    }

    private static void RequireHost(SigV4Request request)
    {
        if (SigV4Canonical.FindHeader(request.Headers, "Host") is null)
        {
            throw new ArgumentException("The request must carry a Host header: SigV4 always signs it.", nameof(request));
        }
    }

    private static void AppendParameter(StringBuilder query, string name, string value)
    {
        if (query.Length > 0)
        {
            query.Append('&');
        }

        query.Append(name).Append('=').Append(SigV4Encoding.Encode(value, decodeFirst: false));
    }
}
