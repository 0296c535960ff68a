namespace Berth.Agent.Docker;

/// <summary>Credentials for one pull, sent as <c>X-Registry-Auth</c> (base64url JSON). The engine presents them to the
/// registry only when the registry asks for authentication.</summary>
public sealed record RegistryAuth
{
    public required string Username { get; init; }

    public required string Password { get; init; }

    /// <summary>The registry host, e.g. "123456789012.dkr.ecr.us-east-1.amazonaws.com" or "127.0.0.1:5000".</summary>
    public required string ServerAddress { get; init; }

    /// <summary>Never prints the password.</summary>
    public override string ToString() => $"RegistryAuth {{ Username = {Username}, ServerAddress = {ServerAddress} }}";
}
