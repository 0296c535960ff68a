namespace Berth.Aws.Auth;

/// <summary>Who signed a request and the scope they signed for.</summary>
/// <remarks>Region and Service are what the client put in its credential scope; callers that care check them (see <see cref="SigV4Errors.WrongService"/>).</remarks>
public sealed record AuthenticatedPrincipal(Credential Credential, string Region, string Service, DateTimeOffset SignedAt);
