namespace Berth.Aws.Auth;

/// <summary>How strictly <see cref="SigV4Verifier"/> checks requests.</summary>
public sealed record SigV4Options
{
    /// <summary>Development mode (as in moto and LocalStack): any access key is accepted and signatures and clocks are not checked, so any configured AWS CLI works.</summary>
    public bool AcceptAnyCredentials { get; init; }

    /// <summary>Account used in <see cref="AcceptAnyCredentials"/> mode when the access key id is not itself a 12-digit account id.</summary>
    public string DefaultAccountId { get; init; } = "000000000000";

    /// <summary>How far a request's signing time may be from our clock; AWS allows 15 minutes either way.</summary>
    public TimeSpan AllowedClockSkew { get; init; } = TimeSpan.FromMinutes(15);
}
