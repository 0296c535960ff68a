namespace Berth.Aws.Auth;
public sealed record SigV4Request(string Method, string Path, string Query, IReadOnlyList<KeyValuePair<string, string>> Headers, ReadOnlyMemory<byte> Body);
public sealed record AuthenticatedPrincipal(Credential Credential, string Region, string Service, DateTimeOffset SignedAt);
public sealed record SigV4Options { public bool AcceptAnyCredentials { get; init; } public string DefaultAccountId { get; init; } = "000000000000"; public TimeSpan AllowedClockSkew { get; init; } = TimeSpan.FromMinutes(15); }
public sealed class SigV4Verifier(ICredentialSource credentials, TimeProvider time, SigV4Options options)
{
    public AuthenticatedPrincipal Verify(SigV4Request request) => throw new NotImplementedException($"{credentials}{time}{options}");
}
