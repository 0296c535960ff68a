using System.Security.Cryptography;

namespace Berth.Aws.Auth;

/// <summary>Checks the AWS Signature Version 4 of incoming requests (Authorization header or presigned query) and says who signed them.</summary>
/// <remarks>
/// Thread-safe; one instance serves all requests. Checks run cheapest first: shape, scope date, host signed,
/// clock, access key, then the signature itself, compared in constant time.
/// </remarks>
public sealed class SigV4Verifier
{
    /// <summary>Distinct (secret, day, region, service) combinations kept; a day's traffic from a few hundred clients fits.</summary>
    private const int SigningKeyCacheCapacity = 1024;

    private readonly ICredentialSource _credentials;
    private readonly TimeProvider _time;
    private readonly SigV4Options _options;
    private readonly SigningKeyCache _keys = new(SigningKeyCacheCapacity);

    public SigV4Verifier(ICredentialSource credentials, TimeProvider time, SigV4Options options)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.AllowedClockSkew, TimeSpan.Zero, nameof(options));
        if (!IsAccountId(options.DefaultAccountId))
        {
            throw new ArgumentException("DefaultAccountId must be 12 digits.", nameof(options));
        }

        _credentials = credentials;
        _time = time;
        _options = options;
    }

    /// <summary>Throws AwsException with the AWS error code/message on failure.</summary>
    public AuthenticatedPrincipal Verify(SigV4Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        SigV4Claim claim = SigV4ClaimParser.Parse(request) ?? throw SigV4Errors.MissingAuthenticationToken();
        if (_options.AcceptAnyCredentials)
        {
            return AcceptAny(claim);
        }

        // Without a signed host a signature could be replayed against another endpoint.
        if (!SignsHost(claim.SignedHeaders.Span))
        {
            throw SigV4Errors.Incomplete(SigV4Errors.HostNotSignedMessage);
        }

        CheckTime(claim);
        Credential credential = _credentials.Find(claim.AccessKeyId) ?? throw SigV4Errors.UnrecognizedClient();

        Span<char> bodyHash = stackalloc char[SigV4Canonical.SignatureBytes * 2];
        Span<byte> expected = stackalloc byte[SigV4Canonical.SignatureBytes];
        SigV4Canonical.ComputeSignature(
            request,
            claim.Presigned,
            claim.SignedHeaders.Span,
            PayloadHash(request, bodyHash),
            claim.Timestamp,
            claim.Scope,
            _keys.Get(credential.SecretAccessKey, claim.Scope),
            expected);

        Span<byte> provided = stackalloc byte[SigV4Canonical.SignatureBytes];
        if (!TryDecodeSignature(claim.Signature.Span, provided) || !CryptographicOperations.FixedTimeEquals(expected, provided))
        {
            throw SigV4Errors.SignatureMismatch();
        }

        return new AuthenticatedPrincipal(credential, claim.Region, claim.Service, claim.SignedAt);
    }

    // Header authentication may be off by the clock skew either way. A presigned request is good from its
    // signing time (less the skew) until X-Amz-Expires has passed; without X-Amz-Expires the skew applies, as STS does.
    private void CheckTime(SigV4Claim claim)
    {
        DateTimeOffset now = _time.GetUtcNow();
        TimeSpan skew = _options.AllowedClockSkew;
        if (claim.SignedAt > now + skew)
        {
            throw SigV4Errors.NotYetCurrent(claim.Timestamp, now, skew);
        }

        TimeSpan window = claim.Expires ?? skew;
        if (claim.SignedAt < now - window)
        {
            throw SigV4Errors.Expired(claim.Timestamp, now, window);
        }
    }

    // The client's x-amz-content-sha256 enters the canonical request verbatim (as botocore signs it), so a hash
    // must be the body's: otherwise a signed request could carry a swapped body. UNSIGNED-PAYLOAD is the client's
    // explicit choice not to sign the body; streaming (chunk-signed) payloads are S3's and not supported.
    private static ReadOnlySpan<char> PayloadHash(SigV4Request request, Span<char> bodyHash)
    {
        string? declared = SigV4Canonical.FindHeader(request.Headers, SigV4Canonical.ContentSha256Header);
        if (declared is null && request.Body.IsEmpty)
        {
            return SigV4Canonical.EmptyPayloadHash;
        }

        if (declared is null)
        {
            SigV4Canonical.HashBody(request.Body.Span, bodyHash);
            return bodyHash;
        }

        ReadOnlySpan<char> value = declared.AsSpan().Trim();
        if (value is SigV4Canonical.UnsignedPayload)
        {
            return declared;
        }

        if (value.Length != bodyHash.Length || value.ContainsAnyExcept("0123456789abcdefABCDEF"))
        {
            throw SigV4Errors.Incomplete(SigV4Errors.ContentSha256InvalidMessage);
        }

        SigV4Canonical.HashBody(request.Body.Span, bodyHash);
        return value.Equals(bodyHash, StringComparison.OrdinalIgnoreCase) ? declared : throw SigV4Errors.ContentSha256Mismatch();
    }

    // Like moto and LocalStack: the access key names the account when it is one (12 digits), nothing is checked.
    private AuthenticatedPrincipal AcceptAny(SigV4Claim claim)
    {
        string account = IsAccountId(claim.AccessKeyId) ? claim.AccessKeyId : _options.DefaultAccountId;
        var credential = new Credential(claim.AccessKeyId, SecretAccessKey: "", account, $"arn:aws:iam::{account}:root");
        return new AuthenticatedPrincipal(credential, claim.Region, claim.Service, claim.SignedAt);
    }

    private static bool SignsHost(ReadOnlySpan<char> signedHeaders)
    {
        foreach (Range range in signedHeaders.Split(';'))
        {
            ReadOnlySpan<char> name = signedHeaders[range];
            if (name.Equals("host", StringComparison.OrdinalIgnoreCase) || name is ":authority")
            {
                return true;
            }
        }

        return false;
    }

    // Any malformed signature (wrong length, not hex) is simply a signature that does not match.
    private static bool TryDecodeSignature(ReadOnlySpan<char> hex, Span<byte> destination)
    {
        if (hex.Length != destination.Length * 2)
        {
            return false;
        }

        for (int i = 0; i < destination.Length; i++)
        {
            int high = HexValue(hex[2 * i]);
            int low = HexValue(hex[(2 * i) + 1]);
            if ((high | low) < 0)
            {
                return false;
            }

            destination[i] = (byte)((high << 4) | low);
        }

        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    private static bool IsAccountId(string? value) =>
        value is { Length: 12 } && !value.AsSpan().ContainsAnyExceptInRange('0', '9');
}
