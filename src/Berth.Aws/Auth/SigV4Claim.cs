namespace Berth.Aws.Auth;

/// <summary>What a request claims about its signature, read from the Authorization header or the presigned query; nothing in it is verified yet.</summary>
/// <param name="Scope">"date/region/service/aws4_request", the credential without the access key.</param>
/// <param name="Timestamp">The signing time exactly as it enters the string to sign (ISO 8601 basic).</param>
/// <param name="SignedHeaders">A slice of the Authorization header (or the decoded query value), not a copy.</param>
/// <param name="Expires">X-Amz-Expires of a presigned request; null for header authentication or when absent.</param>
internal readonly record struct SigV4Claim(
    string AccessKeyId,
    string Scope,
    string Region,
    string Service,
    ReadOnlyMemory<char> SignedHeaders,
    ReadOnlyMemory<char> Signature,
    string Timestamp,
    DateTimeOffset SignedAt,
    TimeSpan? Expires,
    bool Presigned);
