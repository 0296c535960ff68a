using System.Globalization;

namespace Berth.Aws.Auth;

/// <summary>Reads a <see cref="SigV4Claim"/> from a request, rejecting malformed ones with AWS's IncompleteSignatureException wording.</summary>
internal static class SigV4ClaimParser
{
    public const string AlgorithmParameter = "X-Amz-Algorithm";
    public const string CredentialParameter = "X-Amz-Credential";
    public const string DateParameter = "X-Amz-Date";
    public const string ExpiresParameter = "X-Amz-Expires";
    public const string SignedHeadersParameter = "X-Amz-SignedHeaders";
    public const string SecurityTokenParameter = "X-Amz-Security-Token";

    /// <summary>Presigned URLs may live at most a week: the signing key is only valid that long.</summary>
    public const int MaxExpiresSeconds = 604800;

    /// <summary>The request's claim; null when it carries neither an Authorization header nor presigned query parameters.</summary>
    public static SigV4Claim? Parse(SigV4Request request)
    {
        string? authorization = SigV4Canonical.FindHeader(request.Headers, "Authorization");
        if (!string.IsNullOrWhiteSpace(authorization))
        {
            return FromHeader(authorization, request.Headers);
        }

        return request.Query.Contains("X-Amz-", StringComparison.Ordinal) ? FromQuery(request.Query) : null;
    }

    // "AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/ecs/aws4_request, SignedHeaders=host;x-amz-date, Signature=…".
    // Like AWS, parameters are split on commas and spaces, so a stray space inside a value is reported, not ignored.
    private static SigV4Claim FromHeader(string authorization, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        ReadOnlyMemory<char> text = authorization.AsMemory().Trim();
        int space = text.Span.IndexOfAny(' ', '\t');
        ReadOnlySpan<char> algorithm = space < 0 ? text.Span : text.Span[..space];
        ReadOnlyMemory<char>? credential = null, signedHeaders = null, signature = null;
        if (algorithm is SigV4Canonical.Algorithm)
        {
            ReadOnlyMemory<char> parameters = space < 0 ? default : text[(space + 1)..];
            foreach (Range range in parameters.Span.SplitAny(", \t"))
            {
                ReadOnlyMemory<char> part = parameters[range];
                if (part.IsEmpty)
                {
                    continue;
                }

                int equals = part.Span.IndexOf('=');
                if (equals < 0)
                {
                    throw SigV4Errors.NotKeyValuePair(part.ToString());
                }

                ReadOnlySpan<char> name = part.Span[..equals];
                ReadOnlyMemory<char> value = part[(equals + 1)..];
                if (name is "Credential")
                {
                    credential ??= value;
                }
                else if (name is "SignedHeaders")
                {
                    signedHeaders ??= value;
                }
                else if (name is "Signature")
                {
                    signature ??= value;
                }
            }
        }
        else if (LooksLikeSigV4Algorithm(algorithm))
        {
            throw SigV4Errors.UnsupportedAlgorithm(algorithm.ToString());
        }

        // Any other scheme ("Bearer …") lacks every SigV4 part, which is how AWS reports it; the value is never
        // echoed because it may be someone's token.
        string? amzDate = SigV4Canonical.FindHeader(headers, DateParameter);
        string? httpDate = amzDate is null ? SigV4Canonical.FindHeader(headers, "Date") : null;
        if (credential is null || signature is null || signedHeaders is null || (amzDate ?? httpDate) is null)
        {
            var missing = new List<string>(4);
            if (credential is null)
            {
                missing.Add(SigV4Errors.RequiresCredential);
            }

            if (signature is null)
            {
                missing.Add(SigV4Errors.RequiresSignature);
            }

            if (signedHeaders is null)
            {
                missing.Add(SigV4Errors.RequiresSignedHeaders);
            }

            if ((amzDate ?? httpDate) is null)
            {
                missing.Add(SigV4Errors.RequiresDate);
            }

            throw SigV4Errors.Incomplete(string.Join(' ', missing));
        }

        (string timestamp, DateTimeOffset signedAt) = amzDate is not null ? ReadAmzDate(amzDate) : ReadHttpDate(httpDate!);
        return Build(credential.Value.Span, signedHeaders.Value, signature.Value, timestamp, signedAt, expires: null, presigned: false);
    }

    // Presigned ("query-string") authentication; null when the query has X-Amz-* parameters but none of SigV4's.
    private static SigV4Claim? FromQuery(string query)
    {
        string? algorithm = null, credential = null, date = null, expires = null, signedHeaders = null, signature = null;
        ReadOnlySpan<char> span = query;
        foreach (Range range in span.Split('&'))
        {
            ReadOnlySpan<char> piece = span[range];
            int equals = piece.IndexOf('=');
            if (equals < 0)
            {
                continue;
            }

            ReadOnlySpan<char> name = piece[..equals];
            ReadOnlySpan<char> value = piece[(equals + 1)..];
            switch (name)
            {
                case AlgorithmParameter: algorithm ??= SigV4Encoding.Decode(value); break;
                case CredentialParameter: credential ??= SigV4Encoding.Decode(value); break;
                case DateParameter: date ??= SigV4Encoding.Decode(value); break;
                case ExpiresParameter: expires ??= SigV4Encoding.Decode(value); break;
                case SignedHeadersParameter: signedHeaders ??= SigV4Encoding.Decode(value); break;
                case SigV4Canonical.SignatureParameter: signature ??= SigV4Encoding.Decode(value); break;
            }
        }

        if (algorithm is null && credential is null && signature is null && signedHeaders is null)
        {
            return null;
        }

        if (algorithm is null || credential is null || signature is null || signedHeaders is null || date is null)
        {
            var missing = new List<string>(5);
            AddIfNull(missing, algorithm, AlgorithmParameter);
            AddIfNull(missing, credential, CredentialParameter);
            AddIfNull(missing, signature, SigV4Canonical.SignatureParameter);
            AddIfNull(missing, signedHeaders, SignedHeadersParameter);
            AddIfNull(missing, date, DateParameter);
            throw SigV4Errors.IncompleteQuery(missing);
        }

        if (algorithm != SigV4Canonical.Algorithm)
        {
            throw LooksLikeSigV4Algorithm(algorithm)
                ? SigV4Errors.UnsupportedAlgorithm(algorithm)
                : SigV4Errors.Incomplete($"{AlgorithmParameter} must be '{SigV4Canonical.Algorithm}'.");
        }

        (string timestamp, DateTimeOffset signedAt) = ReadAmzDate(date);
        return Build(credential, signedHeaders.AsMemory(), signature.AsMemory(), timestamp, signedAt, ReadExpires(expires), presigned: true);
    }

    private static SigV4Claim Build(
        ReadOnlySpan<char> credential,
        ReadOnlyMemory<char> signedHeaders,
        ReadOnlyMemory<char> signature,
        string timestamp,
        DateTimeOffset signedAt,
        TimeSpan? expires,
        bool presigned)
    {
        // keyid/date/region/service/aws4_request
        ReadOnlySpan<char> span = credential;
        if (span.Count('/') != 4)
        {
            throw SigV4Errors.BadCredentialShape(credential.ToString());
        }

        Span<Range> parts = stackalloc Range[5];
        span.Split(parts, '/');
        if (span[parts[4]] is not SigV4Canonical.Terminator)
        {
            throw SigV4Errors.BadTerminator(span[parts[4]].ToString());
        }

        if (span[parts[0]].IsEmpty || span[parts[1]].IsEmpty || span[parts[2]].IsEmpty || span[parts[3]].IsEmpty)
        {
            throw SigV4Errors.EmptyScopeElement(credential.ToString());
        }

        // The scope date must be the day of the signing time, or the key was derived for another day.
        if (!span[parts[1]].SequenceEqual(timestamp.AsSpan(0, 8)))
        {
            throw SigV4Errors.ScopeDateMismatch(span[parts[1]].ToString(), timestamp);
        }

        return new SigV4Claim(
            AccessKeyId: span[parts[0]].ToString(),
            Scope: span[parts[1].Start.Value..].ToString(),
            Region: span[parts[2]].ToString(),
            Service: span[parts[3]].ToString(),
            SignedHeaders: signedHeaders,
            Signature: signature,
            Timestamp: timestamp,
            SignedAt: signedAt,
            Expires: expires,
            Presigned: presigned);
    }

    private static (string Timestamp, DateTimeOffset SignedAt) ReadAmzDate(string value)
    {
        string trimmed = value.Trim();
        return AmzDate.TryParse(trimmed, out DateTimeOffset time) ? (trimmed, time) : throw SigV4Errors.BadDate(trimmed);
    }

    // SigV4 signs the ISO basic form even when the time came from an RFC 1123 Date header.
    private static (string Timestamp, DateTimeOffset SignedAt) ReadHttpDate(string value)
    {
        string trimmed = value.Trim();
        if (AmzDate.TryParse(trimmed, out DateTimeOffset time))
        {
            return (trimmed, time);
        }

        return AmzDate.TryParseHttpDate(trimmed, out time) ? (AmzDate.Format(time), time) : throw SigV4Errors.BadDate(trimmed);
    }

    private static TimeSpan? ReadExpires(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long seconds))
        {
            throw SigV4Errors.Incomplete(SigV4Errors.ExpiresNotNumberMessage);
        }

        if (seconds < 0)
        {
            throw SigV4Errors.Incomplete(SigV4Errors.ExpiresNegativeMessage);
        }

        return seconds > MaxExpiresSeconds
            ? throw SigV4Errors.Incomplete(SigV4Errors.ExpiresTooLargeMessage)
            : TimeSpan.FromSeconds(seconds);
    }

    // Echo an algorithm name back only when it is short and looks like one ("AWS4-ECDSA-P256-SHA256"), never arbitrary text.
    private static bool LooksLikeSigV4Algorithm(ReadOnlySpan<char> algorithm) =>
        algorithm.StartsWith("AWS4-", StringComparison.Ordinal) && algorithm.Length <= 64
        && !algorithm.ContainsAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");

    private static void AddIfNull(List<string> missing, string? value, string name)
    {
        if (value is null)
        {
            missing.Add(name);
        }
    }
}
