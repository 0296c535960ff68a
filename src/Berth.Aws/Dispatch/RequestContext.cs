using Berth.Aws.Auth;
using Berth.Aws.Model;

namespace Berth.Aws.Dispatch;

/// <summary>Who is calling which operation, and in which account and region: everything a handler may need besides its input.</summary>
public sealed class RequestContext
{
    public required AuthenticatedPrincipal Principal { get; init; }

    public required Operation Operation { get; init; }

    public required string RequestId { get; init; }

    /// <summary>The base URL the client reached this endpoint at (scheme and Host header), e.g. <c>http://127.0.0.1:9400</c>.</summary>
    public string? BaseUrl { get; init; }

    public string AccountId => Principal.Credential.AccountId;

    /// <summary>The region the request was signed for; resources are kept per region, as on AWS.</summary>
    public string Region => Principal.Region;

    public string PrincipalArn => Principal.Credential.PrincipalArn;
}
