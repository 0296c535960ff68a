using System.Globalization;
using Berth.Aws.Protocol;

namespace Berth.Aws.Auth;

/// <summary>The AWS error codes and wordings for SigV4 failures, defined once so the wire text never drifts.</summary>
/// <remarks>
/// Status codes follow what awsJson (Coral) services such as ECS, ECR and DynamoDB answer: every SigV4
/// failure is HTTP 400 (SDK error reports: "UnrecognizedClientException ... status code: 400" from ECS via
/// ecs-cli, "InvalidSignatureException ... statusCode: 400" from DynamoDB/ECR, "IncompleteSignatureException"
/// with 400 from Cloud9). REST services behind API Gateway (Lambda, execute-api) and the query protocol (STS)
/// answer 403 instead. MissingAuthenticationTokenException is 400 by analogy: no first-hand capture from ECS was
/// found. An expired presigned request is InvalidSignatureException "Signature expired: …", the JSON twin of what
/// STS answers (SignatureDoesNotMatch "Signature expired: …"); S3's AccessDenied "Request has expired" is S3's own.
/// No message ever contains a secret, a session token or the raw Authorization header.
/// </remarks>
public static class SigV4Errors
{
    public const string MissingAuthenticationTokenCode = "MissingAuthenticationTokenException";
    public const string IncompleteSignatureCode = "IncompleteSignatureException";
    public const string InvalidSignatureCode = "InvalidSignatureException";
    public const string UnrecognizedClientCode = "UnrecognizedClientException";

    /// <summary>HTTP status of every SigV4 failure on an awsJson service.</summary>
    public const int StatusCode = 400;

    public const string MissingAuthenticationTokenMessage = "Missing Authentication Token";
    public const string UnrecognizedClientMessage = "The security token included in the request is invalid.";
    public const string SignatureMismatchMessage =
        "The request signature we calculated does not match the signature you provided. " +
        "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
    public const string HostNotSignedMessage = "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.";
    public const string ContentSha256MismatchMessage = "The provided 'x-amz-content-sha256' header does not match what was computed.";
    public const string ContentSha256InvalidMessage =
        "x-amz-content-sha256 must be UNSIGNED-PAYLOAD or a valid sha256 value; streaming payloads are not supported.";
    public const string ExpiresTooLargeMessage =
        "X-Amz-Expires must be less than a week (in seconds) that is, the given X-Amz-Expires must be less than 604800 seconds";
    public const string ExpiresNotNumberMessage = "X-Amz-Expires should be a number";
    public const string ExpiresNegativeMessage = "X-Amz-Expires must be non-negative";

    internal const string RequiresCredential = "Authorization header requires 'Credential' parameter.";
    internal const string RequiresSignature = "Authorization header requires 'Signature' parameter.";
    internal const string RequiresSignedHeaders = "Authorization header requires 'SignedHeaders' parameter.";
    internal const string RequiresDate = "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.";

    /// <summary>Neither an Authorization header nor presigned query parameters.</summary>
    public static AwsException MissingAuthenticationToken() =>
        new(MissingAuthenticationTokenCode, MissingAuthenticationTokenMessage, StatusCode);

    /// <summary>The access key is not one we issued.</summary>
    public static AwsException UnrecognizedClient() =>
        new(UnrecognizedClientCode, UnrecognizedClientMessage, StatusCode);

    /// <summary>The signature (or the body it covers) does not match.</summary>
    public static AwsException SignatureMismatch() =>
        new(InvalidSignatureCode, SignatureMismatchMessage, StatusCode);

    /// <summary>The body is not the one whose hash the client declared (and signed) in x-amz-content-sha256.</summary>
    public static AwsException ContentSha256Mismatch() =>
        new(InvalidSignatureCode, ContentSha256MismatchMessage, StatusCode);

    /// <summary>The Authorization header or presigned query is malformed; the message says how.</summary>
    public static AwsException Incomplete(string message) =>
        new(IncompleteSignatureCode, message, StatusCode);

    /// <summary>The scope is valid but its service is not the one the caller serves, e.g. a request signed for "s3" sent to ECS.</summary>
    public static AwsException WrongService(string expectedService) =>
        new(InvalidSignatureCode, $"Credential should be scoped to correct service: '{expectedService}'.", StatusCode);

    /// <summary>The presigned query lacks some X-Amz-* parameters; lists each missing one, as AWS does.</summary>
    internal static AwsException IncompleteQuery(IEnumerable<string> missingParameters) =>
        Incomplete(string.Concat(missingParameters.Select(p => $"AWS query-string parameters must include '{p}'. ")) +
                   "Re-examine the query-string parameters.");

    internal static AwsException BadCredentialShape(string credential) =>
        Incomplete($"Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '{credential}'");

    internal static AwsException BadTerminator(string terminator) =>
        Incomplete($"Credential should be scoped with a valid terminator: 'aws4_request', not '{terminator}'.");

    internal static AwsException EmptyScopeElement(string credential) =>
        Incomplete($"Credential has an empty access key, date, region or service: '{credential}'");

    internal static AwsException NotKeyValuePair(string part) =>
        Incomplete($"'{part}' not a valid key=value pair (missing equal-sign) in Authorization header.");

    internal static AwsException UnsupportedAlgorithm(string algorithm) =>
        Incomplete($"Unsupported AWS 'algorithm': '{algorithm}'.");

    internal static AwsException BadDate(string date) =>
        Incomplete($"Date must be in ISO-8601 'basic format'. Got '{date}'. See http://en.wikipedia.org/wiki/ISO_8601");

    internal static AwsException ScopeDateMismatch(string scopeDate, string timestamp) =>
        new(InvalidSignatureCode,
            $"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{scopeDate}' != '{timestamp[..8]}', from '{timestamp}'.",
            StatusCode);

    /// <summary>Signed too long ago; window is the clock skew (header auth) or X-Amz-Expires (presigned).</summary>
    internal static AwsException Expired(string timestamp, DateTimeOffset now, TimeSpan window) =>
        new(InvalidSignatureCode,
            $"Signature expired: {timestamp} is now earlier than {Format(now - window)} ({Format(now)} - {Describe(window)})",
            StatusCode);

    /// <summary>Signed further in the future than the clock skew allows.</summary>
    internal static AwsException NotYetCurrent(string timestamp, DateTimeOffset now, TimeSpan skew) =>
        new(InvalidSignatureCode,
            $"Signature not yet current: {timestamp} is still later than {Format(now + skew)} ({Format(now)} + {Describe(skew)})",
            StatusCode);

    private static string Format(DateTimeOffset time) => SigV4Signer.FormatAmzDate(time);

    // AWS prints "15 min."; a window that is not whole minutes (an odd X-Amz-Expires) is printed in seconds.
    private static string Describe(TimeSpan window)
    {
        long seconds = (long)window.TotalSeconds;
        return seconds % 60 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 60} min.")
            : string.Create(CultureInfo.InvariantCulture, $"{seconds} sec.");
    }
}
